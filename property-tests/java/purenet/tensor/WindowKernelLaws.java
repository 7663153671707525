package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * Laws of {@link WindowKernel}, for the scalar and (when its module is present) the Vector API
 * implementation: the adjoint of the lowering is exactly the naive sum of each input position's
 * taps in kernel order, obeys ⟨lower(x), c⟩ = ⟨x, raise(c)⟩ to a relative 1e-12 of Σ|terms|, writes
 * every element of its images and nothing else, and ignores what lies around the patch matrix; 2×2
 * max pooling picks the first maximum in row-major order (the first NaN if any), bit for bit, ties,
 * signed zeros and infinities included; the direct convolution gives the lowered product's bits
 * and the direct kernel gradient its sums.
 */
class WindowKernelLaws {

  /** A lowering geometry with a batch of images and the group (first, count) to lower. */
  record Case(Im2col.Geometry g, int batch, int first, int count, long seed) {
    @Override
    public String toString() {
      return g + " batch " + batch + " images " + first + "+" + count;
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<int[]> window = Combinators.combine(Arbitraries.integers().between(1, 5),
        Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 2))
        .as((kh, kw, sh, sw, dh, dw) -> new int[] {kh, kw, sh, sw, dh, dw});
    Arbitrary<int[]> image = Combinators.combine(Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(1, 20), Arbitraries.integers().between(1, 40),
        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, 4)).as((c, h, w, t, b, l, r) -> new int[] {c, h, w, t, b, l, r});
    Arbitrary<int[]> group = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2)).as((f, n, after) -> new int[] {f, n, after});
    // Fewer than one tap's extent of padding on each side (the convolutions' own range), and
    // sizes that give at least one output.
    return Combinators.combine(window, image, group, Arbitraries.longs()).as((k, im, gr, seed) -> {
      int kh = k[0];
      int kw = k[1];
      WindowAxis v = new WindowAxis(k[2], Math.min(im[3], k[4] * (kh - 1)), Math.min(im[4], k[4] * (kh - 1)), k[4]);
      WindowAxis h = new WindowAxis(k[3], Math.min(im[5], k[5] * (kw - 1)), Math.min(im[6], k[5] * (kw - 1)), k[5]);
      int height = Math.max(im[1], v.minInput(kh));
      int width = Math.max(im[2], h.minInput(kw));
      Im2col.Geometry g = new Im2col.Geometry(im[0], height, width, kh, kw, v, h, v.outputSize(height, kh),
          h.outputSize(width, kw));
      return new Case(g, gr[0] + gr[1] + gr[2], gr[0], gr[1], seed);
    });
  }

  /** Scalar and vector: both give exactly the naive sum, and leave other images alone. */
  @Property(tries = 400)
  void raiseIsTheNaiveSumOfTheTapsInKernelOrder(@ForAll("cases") Case c) {
    Im2col.Geometry g = c.g();
    int image = g.channels() * g.height() * g.width();
    int columns = c.count() * g.pixels();
    int margin = WindowKernel.margin(g);
    Key[] k = Key.of(c.seed()).split(2);
    // Around the matrix: NaN, which any lane read from there and not cleared would spread.
    double[] cols = new double[g.rows() * columns + 2 * margin];
    Arrays.fill(cols, Double.NaN);
    System.arraycopy(k[0].normal(g.rows() * columns), 0, cols, margin, g.rows() * columns);
    double[] expected = naiveRaise(g, cols, margin, c.first(), c.count(), c.batch());
    for (WindowKernel kernel : kernels()) {
      double[] dx = new double[c.batch() * image];
      Arrays.fill(dx, 7.0);
      kernel.raise(g, cols, margin, c.first(), c.count(), dx);
      for (int i = 0; i < dx.length; i++) {
        boolean mine = i >= c.first() * image && i < (c.first() + c.count()) * image;
        assertEquals(Double.doubleToRawLongBits(mine ? expected[i] : 7.0), Double.doubleToRawLongBits(dx[i]),
            kernel.getClass().getSimpleName() + " element " + i + " of " + c);
      }
    }
  }

  /** ⟨lower(x), c⟩ = ⟨x, raise(c)⟩ within 1e-12 · Σ|terms|, for both implementations. */
  @Property(tries = 300)
  void raiseIsTheAdjointOfLower(@ForAll("cases") Case c) {
    Im2col.Geometry g = c.g();
    int image = g.channels() * g.height() * g.width();
    int n = g.rows() * c.count() * g.pixels();
    int margin = WindowKernel.margin(g);
    Key[] k = Key.of(c.seed()).split(2);
    double[] x = k[0].normal(c.batch() * image);
    double[] cols = new double[n + 2 * margin];
    System.arraycopy(k[1].normal(n), 0, cols, margin, n);
    double[] lowered = new double[n];
    Im2col.lower(g, x, c.first(), c.count(), lowered);
    double left = 0;
    double scale = 0;
    for (int i = 0; i < n; i++) {
      left += lowered[i] * cols[margin + i];
      scale += Math.abs(lowered[i] * cols[margin + i]);
    }
    for (WindowKernel kernel : kernels()) {
      double[] dx = new double[x.length];
      kernel.raise(g, cols, margin, c.first(), c.count(), dx);
      double right = 0;
      for (int i = c.first() * image; i < (c.first() + c.count()) * image; i++) {
        right += x[i] * dx[i];
      }
      assertTrue(Math.abs(left - right) <= 1e-12 * scale + Double.MIN_NORMAL,
          kernel.getClass().getSimpleName() + ": " + left + " vs " + right + " for " + c);
    }
  }

  /**
   * The direct convolution, where an implementation has one, gives the bits of the lowered product
   * on the Vector API kernel plus the bias, for 1 to 9 output channels, with and without a bias; an
   * implementation without it returns false and leaves the output alone.
   */
  @Property(tries = 300)
  void directConvolutionGivesTheBitsOfTheLoweredProduct(@ForAll("cases") Case c,
      @ForAll @IntRange(min = 1, max = 9) int k, @ForAll boolean withBias) {
    MicroKernel fused = Gemm.loadedVectorKernel();
    Im2col.Geometry g = c.g();
    int p = g.pixels();
    int rows = g.rows();
    Key[] key = Key.of(c.seed()).split(3);
    double[] x = key[0].normal(c.batch() * g.channels() * g.height() * g.width());
    double[] w = key[1].normal(k * rows);
    double[] bias = withBias ? key[2].normal(k) : null;
    double[] expected = new double[c.batch() * k * p];
    Arrays.fill(expected, 5.0);
    if (fused != null) {
      double[] cols = new double[rows * c.count() * p];
      double[] out = new double[k * c.count() * p];
      Im2col.lower(g, x, c.first(), c.count(), cols);
      Gemm.multiply(fused, 1, k, c.count() * p, rows, w, 0, false, cols, 0, false, out, 0);
      for (int ch = 0; ch < k; ch++) {
        for (int b = 0; b < c.count(); b++) {
          for (int i = 0; i < p; i++) {
            expected[((c.first() + b) * k + ch) * p + i] = out[(ch * c.count() + b) * p + i] + (withBias ? bias[ch] : 0.0);
          }
        }
      }
    }
    for (WindowKernel kernel : kernels()) {
      double[] y = new double[expected.length];
      Arrays.fill(y, 5.0);
      boolean done = kernel.convolve(g, x, c.first(), c.count(), w, k, bias, y);
      if (!done) {
        for (double v : y) {
          assertEquals(5.0, v, kernel.getClass().getSimpleName() + " declined but wrote");
        }
        continue;
      }
      for (int i = 0; i < y.length; i++) {
        assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(y[i]),
            kernel.getClass().getSimpleName() + " output " + i + " of " + c + " with K = " + k);
      }
    }
  }

  /**
   * The direct kernel gradient, where an implementation has one, is the sum of the lowered
   * gradient's products within 1e-12 of Σ|terms| (its order of additions is its own), for 1 to 9
   * output channels; without one it returns false and leaves the gradient alone.
   */
  @Property(tries = 300)
  void directKernelGradientIsTheSumOfItsTerms(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 9) int k) {
    Im2col.Geometry g = c.g();
    int p = g.pixels();
    int rows = g.rows();
    int columns = c.count() * p;
    Key[] key = Key.of(c.seed()).split(2);
    double[] x = key[0].normal(c.batch() * g.channels() * g.height() * g.width());
    double[] gd = key[1].normal(c.batch() * k * p);
    double[] cols = new double[rows * columns];
    Im2col.lower(g, x, c.first(), c.count(), cols);
    int off = 3;
    for (WindowKernel kernel : kernels()) {
      double[] dw = new double[off + k * rows];
      Arrays.fill(dw, 5.0);
      if (!kernel.kernelGrad(g, x, gd, c.first(), c.count(), k, dw, off)) {
        for (double v : dw) {
          assertEquals(5.0, v, kernel.getClass().getSimpleName() + " declined but wrote");
        }
        continue;
      }
      assertEquals(5.0, dw[off - 1], "wrote before its offset");
      for (int kk = 0; kk < k; kk++) {
        for (int n = 0; n < rows; n++) {
          double sum = 0;
          double scale = 0;
          for (int b = 0; b < c.count(); b++) {
            for (int i = 0; i < p; i++) {
              double term = gd[((c.first() + b) * k + kk) * p + i] * cols[n * columns + b * p + i];
              sum += term;
              scale += Math.abs(term);
            }
          }
          double got = dw[off + kk * rows + n];
          assertTrue(Math.abs(got - sum) <= 1e-12 * scale, kernel.getClass().getSimpleName() + " ∂w[" + kk + ", " + n
              + "] = " + got + ", expected " + sum + " for " + c + " with K = " + k);
        }
      }
    }
  }

  /** Values that tie, both zeros, infinities and NaN, as well as distinct ones. */
  private static final double[] PALETTE = {Double.NaN, -0.0, 0.0, 1.0, 1.0, 2.0, -1.0, Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY, 3.5};

  /** Both implementations pick the first maximum (or first NaN) in row-major order, bit for bit. */
  @Property(tries = 400)
  void maxPoolingPicksTheFirstMaximumInRowMajorOrder(@ForAll @IntRange(min = 2, max = 40) int h,
      @ForAll @IntRange(min = 2, max = 40) int w, @ForAll @IntRange(min = 1, max = 4) int planes,
      @ForAll @IntRange(min = 0, max = 3) int mix, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    double[] pick = k[0].uniform(planes * h * w, 0, 1);
    double[] which = k[1].uniform(planes * h * w, 0, PALETTE.length);
    double[] normal = k[2].normal(planes * h * w);
    double[] x = new double[planes * h * w];
    for (int i = 0; i < x.length; i++) {
      // mix 0: distinct values; 1, 2, 3: a third, two thirds, all from the palette.
      x[i] = pick[i] < mix / 3.0 ? PALETTE[Math.min(PALETTE.length - 1, (int) which[i])] : normal[i];
    }
    int ho = h / 2;
    int wo = w / 2;
    int first = planes > 1 ? 1 : 0;
    for (WindowKernel kernel : kernels()) {
      double[] y = new double[planes * ho * wo];
      int[] argmax = new int[y.length];
      Arrays.fill(y, 9.0);
      kernel.max2x2(x, first, planes, h, w, ho, wo, y, argmax);
      for (int plane = 0; plane < planes; plane++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            int o = (plane * ho + i) * wo + j;
            String where = kernel.getClass().getSimpleName() + " plane " + plane + " window (" + i + ", " + j + ") of "
                + h + "×" + w;
            if (plane < first) {
              assertEquals(9.0, y[o], where + " was written");
              continue;
            }
            int best = firstMax(x, plane * h * w + 2 * i * w + 2 * j, w);
            assertEquals(best, argmax[o], where);
            assertEquals(Double.doubleToRawLongBits(x[best]), Double.doubleToRawLongBits(y[o]), where);
          }
        }
      }
    }
  }

  /** The first of the four taps that is NaN, or else the first strictly greater than all before it. */
  private static int firstMax(double[] x, int at, int w) {
    int[] taps = {at, at + 1, at + w, at + w + 1};
    int best = taps[0];
    for (int t : taps) {
      if (Double.isNaN(x[t])) {
        return t;
      }
      if (x[t] > x[best]) {
        best = t;
      }
    }
    return best;
  }

  /** dx of images first.., each element the sum of its taps' entries in order (i, j), from +0.0. */
  private static double[] naiveRaise(Im2col.Geometry g, double[] cols, int off, int first, int count, int batch) {
    WindowAxis v = g.vertical();
    WindowAxis hz = g.horizontal();
    int columns = count * g.pixels();
    double[] dx = new double[batch * g.channels() * g.height() * g.width()];
    for (int b = 0; b < count; b++) {
      for (int c = 0; c < g.channels(); c++) {
        for (int ih = 0; ih < g.height(); ih++) {
          for (int iw = 0; iw < g.width(); iw++) {
            double s = 0.0;
            for (int i = 0; i < g.kh(); i++) {
              for (int j = 0; j < g.kw(); j++) {
                int t = ih + v.padBefore() - i * v.dilation();
                int u = iw + hz.padBefore() - j * hz.dilation();
                if (t < 0 || u < 0 || t % v.stride() != 0 || u % hz.stride() != 0) {
                  continue;
                }
                int oh = t / v.stride();
                int ow = u / hz.stride();
                if (oh < g.outHeight() && ow < g.outWidth()) {
                  s += cols[off + ((c * g.kh() + i) * g.kw() + j) * columns + b * g.pixels() + oh * g.outWidth() + ow];
                }
              }
            }
            dx[(((first + b) * g.channels() + c) * g.height() + ih) * g.width() + iw] = s;
          }
        }
      }
    }
    return dx;
  }

  /** The scalar implementation, and the vector one when its module is present. */
  private static List<WindowKernel> kernels() {
    List<WindowKernel> all = new ArrayList<>(List.of(new WindowKernel.Scalar()));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        all.add((WindowKernel) Class.forName("purenet.tensor.VectorWindowKernel").getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new AssertionError("the vector module is present but VectorWindowKernel does not load", e);
      }
    }
    return all;
  }
}
