package purenet.layer.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Laws of {@link Conv2d} beyond the layer contract: bilinearity, the 1×1 convolution as a dense
 * layer applied at every pixel, and translation equivariance. Shapes are small (batch ≤ 3,
 * channels ≤ 3, H, W ≤ 8 plus what the kernel needs), geometry covers stride, padding and
 * dilation, values are standard normal from a generated seed.
 *
 * <p>Tolerance of the linearity laws: both sides sum the same ≤ 3·4·4 = 48 products per output,
 * grouped differently, so they agree to a few ulps of Σ|terms|; 1e-12 of that scale is ample and
 * any real non-linearity (an error of order 1) fails.
 */
class Conv2dLaws {

  private static Tensor normal(Key key, int... shape) {
    return Tensor.of(key.normal(Shape.of(shape).size()), shape);
  }

  /** The smallest input side that a kernel side k fits with padding p and dilation d, plus extra. */
  private static int side(int k, int p, int d, int extra) {
    return Math.max(1, d * (k - 1) + 1 - 2 * p) + extra;
  }

  private static void assertCloseRelative(Tensor expected, Tensor actual, double scale, String what) {
    assertEquals(expected.shape(), actual.shape(), what);
    double diff = expected.maxAbsDifference(actual);
    assertTrue(diff <= 1e-12 * Math.max(1, scale), what + ": differs by " + diff + " at scale " + scale);
  }

  /**
   * Sizes and geometry of a convolution with an input it fits: batch, channels in and out ≤ 3,
   * kernel sides ≤ 4, stride ≤ 3, padding ≤ 2, dilation ≤ 2, and H, W up to 6 above the least the
   * kernel needs ({@link #side}).
   */
  record Geometry(int batch, int in, int out, int kh, int kw, int stride, int padding, int dilation, int h, int w) {
    Tensor kernel(Key key) {
      return normal(key, out, in, kh, kw);
    }

    Tensor input(Key key) {
      return normal(key, batch, in, h, w);
    }

    Conv2d conv(Tensor kernel) {
      return new Conv2d(kernel, Option.none(), stride, padding, dilation);
    }
  }

  @Provide
  Arbitrary<Geometry> geometries() {
    Arbitrary<int[]> sizes = Combinators.combine(ints(1, 3), ints(1, 3), ints(1, 3))
        .as((batch, in, out) -> new int[] {batch, in, out});
    return Combinators.combine(sizes, ints(1, 4), ints(1, 4), ints(1, 3), ints(0, 2), ints(1, 2), ints(0, 6),
            ints(0, 6))
        .as((n, kh, kw, s, p, d, extraH, extraW) ->
            new Geometry(n[0], n[1], n[2], kh, kw, s, p, d, side(kh, p, d, extraH), side(kw, p, d, extraW)));
  }

  private static Arbitrary<Integer> ints(int min, int max) {
    return Arbitraries.integers().between(min, max);
  }

  @Property(tries = 200)
  void linearInTheInput(@ForAll("geometries") Geometry geo, @ForAll @DoubleRange(min = -3, max = 3) double a,
      @ForAll @DoubleRange(min = -3, max = 3) double b, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Conv2d conv = geo.conv(geo.kernel(k[0]));
    Tensor x1 = geo.input(k[1]);
    Tensor x2 = geo.input(k[2]);
    Tensor left = conv.apply(x1.mul(a).add(x2.mul(b)));
    Tensor right = conv.apply(x1).mul(a).add(conv.apply(x2).mul(b));
    Conv2d absolute = geo.conv(conv.weight().abs());
    double scale = absolute.apply(x1.abs().mul(Math.abs(a)).add(x2.abs().mul(Math.abs(b)))).max();
    assertCloseRelative(right, left, scale, "conv(a·x1 + b·x2) = a·conv(x1) + b·conv(x2)");
  }

  @Property(tries = 200)
  void linearInTheKernel(@ForAll("geometries") Geometry geo, @ForAll @DoubleRange(min = -3, max = 3) double a,
      @ForAll @DoubleRange(min = -3, max = 3) double b, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Tensor w1 = geo.kernel(k[0]);
    Tensor w2 = geo.kernel(k[1]);
    Tensor x = geo.input(k[2]);
    Tensor left = geo.conv(w1.mul(a).add(w2.mul(b))).apply(x);
    Tensor right = geo.conv(w1).apply(x).mul(a).add(geo.conv(w2).apply(x).mul(b));
    double scale = geo.conv(w1.abs().mul(Math.abs(a)).add(w2.abs().mul(Math.abs(b)))).apply(x.abs()).max();
    assertCloseRelative(right, left, scale, "conv(x; a·w1 + b·w2) = a·conv(x; w1) + b·conv(x; w2)");
  }

  /**
   * A 1×1 convolution with kernel (K, C, 1, 1) and bias b is the dense layer with weight W (C, K),
   * W[c, k] = w[k, c, 0, 0], applied to every pixel's channel vector: outputs, input gradients and
   * parameter gradients agree once the layouts (B, C, H, W) ↔ (B·H·W, C) are matched. Both compute
   * each output as the same C-term dot product, so they agree to rounding (1e-12 relative).
   */
  @Property(tries = 200)
  void oneByOneConvolutionIsADenseLayerPerPixel(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 3) int in, @ForAll @IntRange(min = 1, max = 3) int out,
      @ForAll @IntRange(min = 1, max = 8) int h, @ForAll @IntRange(min = 1, max = 8) int w, @ForAll long seed) {
    Key[] k = Key.of(seed).split(4);
    Tensor kernel = normal(k[0], out, in, 1, 1);
    Tensor bias = normal(k[1], out);
    Tensor x = normal(k[2], batch, in, h, w);
    Tensor g = normal(k[3], batch, out, h, w);
    Conv2d conv = Conv2d.of(kernel, bias);
    Dense dense = Dense.of(kernel.reshape(out, in).transpose(), bias);

    Forward fc = conv.forward(x, Mode.eval());
    Forward fd = dense.forward(pixels(x), Mode.eval());
    assertCloseRelative(fd.output(), pixels(fc.output()), fd.output().abs().max(), "outputs");

    Grads gc = fc.backward().apply(g);
    Grads gd = fd.backward().apply(pixels(g));
    assertCloseRelative(gd.input(), pixels(gc.input()), gd.input().abs().max(), "input gradients");
    Tensor denseWeightGrad = gd.params().tensor("weight");
    assertCloseRelative(denseWeightGrad.transpose().reshape(out, in, 1, 1), gc.params().tensor("weight"),
        denseWeightGrad.abs().max(), "weight gradients");
    assertCloseRelative(gd.params().tensor("bias"), gc.params().tensor("bias"),
        gd.params().tensor("bias").abs().max(), "bias gradients");
  }

  /** (B, C, H, W) → (B·H·W, C): one row per pixel. */
  private static Tensor pixels(Tensor t) {
    return t.permute(0, 2, 3, 1).reshape(-1, t.dim(1));
  }

  /**
   * Translation equivariance away from the borders: for stride 1 and no padding, convolving a crop
   * of the image at offset (dy, dx) gives the same crop of the convolved image,
   * conv(x[.., dy : dy + h, dx : dx + w]) = conv(x)[.., dy : dy + Ho, dx : dx + Wo]. Each output sums
   * the same products on both sides, but at another column of the matrix product, where a blocked
   * GEMM may group them differently: 1e-12 relative to the largest output.
   */
  @Property(tries = 200)
  void translationEquivariance(@ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 3) int in,
      @ForAll @IntRange(min = 1, max = 3) int out, @ForAll @IntRange(min = 1, max = 4) int kh,
      @ForAll @IntRange(min = 1, max = 4) int kw, @ForAll @IntRange(min = 1, max = 2) int dilation,
      @ForAll @IntRange(min = 0, max = 4) int extraH, @ForAll @IntRange(min = 0, max = 4) int extraW,
      @ForAll @IntRange(min = 0, max = 4) int dy, @ForAll @IntRange(min = 0, max = 4) int dx,
      @ForAll @IntRange(min = 0, max = 4) int marginH, @ForAll @IntRange(min = 0, max = 4) int marginW,
      @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Conv2d conv = new Conv2d(normal(k[0], out, in, kh, kw), Option.of(normal(k[1], out)), 1, 0, dilation);
    int h = side(kh, 0, dilation, extraH);
    int w = side(kw, 0, dilation, extraW);
    Tensor x = normal(k[2], batch, in, dy + h + marginH, dx + w + marginW);
    Tensor cropped = crop(x, dy, dx, h, w);
    Tensor y = conv.apply(cropped);
    assertCloseRelative(crop(conv.apply(x), dy, dx, y.dim(2), y.dim(3)), y, y.abs().max(), "conv(crop(x)) = crop(conv(x))");
  }

  private static Tensor crop(Tensor t, int top, int left, int h, int w) {
    int b = t.dim(0);
    int c = t.dim(1);
    int height = t.dim(2);
    int width = t.dim(3);
    return Tensor.generate(Shape.of(b, c, h, w), i -> {
      int col = i % w;
      int row = (i / w) % h;
      int plane = i / (w * h);
      return t.at((plane * height + top + row) * width + left + col);
    });
  }
}
