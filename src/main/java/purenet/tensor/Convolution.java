package purenet.tensor;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The geometry of a 2-d convolution (stride, zero padding and dilation along each axis) and the
 * convolution's forward map and its three gradients, on images laid out (batch, channels, height,
 * width).
 *
 * <p>The map is a cross-correlation (the kernel is not flipped), as in every deep-learning library:
 * for input x (B, C, H, W) and kernel w (K, C, kh, kw) the output y (B, K, Ho, Wo) is
 * <pre>
 *   y[b, k, i, j] = Σ_{c, u, v} w[k, c, u, v] · x[b, c, i·sh − top + u·dh, j·sw − left + v·dw]
 * </pre>
 * with x read as 0 outside the image (top, bottom, left and right zero padding), and
 * <pre>
 *   Ho = ⌊(H + top + bottom − dh·(kh − 1) − 1) / sh⌋ + 1,   Wo = ⌊(W + left + right − dw·(kw − 1) − 1) / sw⌋ + 1,
 * </pre>
 * which for symmetric padding p and dilation 1 is the familiar Ho = ⌊(H + 2p − kh) / s⌋ + 1. Each
 * axis is a {@link WindowAxis}; {@link WindowAxis#same} gives PyTorch's {@code padding='same'}
 * for any kernel, even ones included (the extra zero goes to the bottom/right).
 *
 * <p>Gradients, for an upstream gradient g = ∂L/∂y of the output's shape:
 * ∂L/∂x[b, c, h, w] = Σ_{k, i, j, u, v : i·sh − top + u·dh = h, j·sw − left + v·dw = w} w[k, c, u, v] · g[b, k, i, j]
 * (the transposed convolution, {@link #inputGrad}); ∂L/∂w[k, c, u, v] = Σ_{b, i, j} g[b, k, i, j] ·
 * x[b, c, i·sh − top + u·dh, j·sw − left + v·dw] ({@link #kernelGrad}); ∂L/∂bias[k] = Σ_{b, i, j} g[b, k, i, j]
 * ({@link #biasGrad}).
 *
 * <p>Implementation: the batch is cut into groups of images whose patch matrix (C·kh·kw,
 * n·Ho·Wo) (im2col, Chellapilla et al., 2006) fills about {@value #GROUP_ELEMENTS} elements (at
 * least one image), so that it stays in the core's cache together with its product; for each
 * group the forward pass and the input gradient are one matrix product on the package's GEMM
 * kernel, and the kernel gradient is the dot products of the gradient's rows with the patch
 * matrix's rows ({@link MicroKernel#dots}), which both run along the pixels. The input gradient's
 * patch matrix goes back onto the image by {@link WindowKernel#raise}. For a small kernel (at most
 * {@value #DIRECT_WEIGHTS} elements) with the Vector API, the forward map and the kernel gradient
 * skip the patch matrix and run directly on a zero-padded copy of the images
 * ({@link WindowKernel#convolve}, {@link WindowKernel#kernelGrad}); the forward map gives the same
 * bits either way. Groups are independent tasks, run on up to {@code purenet.threads} threads;
 * their size depends only on the shapes, and the kernel gradient sums the groups' partial gradients
 * in group order, so results are bit-identical for any thread count.
 *
 * @param vertical   how the kernel moves along the height: stride sh, padding top/bottom, dilation dh
 * @param horizontal how the kernel moves along the width: stride sw, padding left/right, dilation dw
 */
public record Convolution(WindowAxis vertical, WindowAxis horizontal) implements Serializable {

  /**
   * Patch-matrix elements per group of images (512 KiB): small enough to stay in a core's L2 cache
   * with the group's product, large enough that the products are not tiny.
   */
  private static final int GROUP_ELEMENTS = 1 << 16;

  /**
   * Most kernel elements K·C·kh·kw (32 KiB) for which the forward map and the kernel gradient are
   * computed directly, without a patch matrix: the direct forms read the whole kernel (or its
   * gradient's accumulators) for every block of output rows, which pays while it stays in the L1
   * cache. The patch matrix copies each input element kh·kw times and is packed again for the
   * product. Measured at one thread, µs per batch of 64, lowered → direct: forward, 1 → 6 channels,
   * 28×28, 5×5 'same': 1,060 → 500; 6 → 16 channels, 14×14, 'same': 2,190 → 1,040, 'valid': 1,190 →
   * 720; kernel gradient, the same layers: 1,000 → 790, 3,300 → 2,000–2,600, ('valid' declined).
   */
  private static final int DIRECT_WEIGHTS = 1 << 12;

  /**
   * Rejects missing axes.
   *
   * @param vertical how the kernel moves along the height: stride sh, padding top/bottom, dilation dh
   * @param horizontal how the kernel moves along the width: stride sw, padding left/right, dilation dw
   */
  public Convolution {
    if (vertical == null || horizontal == null) {
      throw new IllegalArgumentException("a convolution needs a vertical and a horizontal axis, got " + vertical
          + " and " + horizontal);
    }
  }

  /**
   * The same stride, symmetric padding and dilation along both axes.
   *
   * @param stride   step of the window, ≥ 1
   * @param padding  zeros added on every side of the image, ≥ 0
   * @param dilation spacing of the kernel taps, ≥ 1 (1 is an ordinary convolution)
   */
  public Convolution(int stride, int padding, int dilation) {
    this(axis(stride, padding, dilation), axis(stride, padding, dilation));
  }

  private static WindowAxis axis(int stride, int padding, int dilation) {
    if (stride < 1) {
      throw new IllegalArgumentException("convolution stride must be >= 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException("convolution padding must be >= 0, got " + padding);
    }
    if (dilation < 1) {
      throw new IllegalArgumentException("convolution dilation must be >= 1, got " + dilation);
    }
    return WindowAxis.of(stride, padding, dilation);
  }

  /**
   * A convolution with the given stride and padding on both axes and no dilation.
   *
   * @param stride  step of the window, ≥ 1
   * @param padding zeros on every side, ≥ 0
   * @return the geometry
   */
  public static Convolution of(int stride, int padding) {
    return new Convolution(stride, padding, 1);
  }

  /**
   * PyTorch's {@code padding='same'} for a kh×kw kernel: stride 1, total padding d·(k − 1) per
   * axis, the odd zero (for even kernels) at the bottom and right.
   *
   * @param kh       kernel height
   * @param kw       kernel width
   * @param dilation tap spacing along both axes, ≥ 1
   * @return the geometry, whose output has the input's height and width
   */
  public static Convolution same(int kh, int kw, int dilation) {
    return new Convolution(WindowAxis.same(kh, dilation), WindowAxis.same(kw, dilation));
  }

  /** The geometry with a description such as {@code (stride 1, padding 2, dilation 1) × (…)}. */
  @Override
  public String toString() {
    return vertical.equals(horizontal) ? vertical.toString() : "(" + vertical + ") × (" + horizontal + ")";
  }

  /**
   * {@return the output shape (B, K, Ho, Wo) for an input (B, C, H, W) and a kernel (K, C, kh, kw),
   * computed without touching any data}
   *
   * @param input the input's shape (B, C, H, W)
   * @param kernel the kernel's shape (K, C, kh, kw)
   * @throws IllegalArgumentException naming both shapes if they do not fit together
   */
  public Shape outputShape(Shape input, Shape kernel) {
    Im2col.Geometry g = geometry(input, kernel);
    return Shape.of(input.dim(0), kernel.dim(0), g.outHeight(), g.outWidth());
  }

  /**
   * {@return the convolution of {@code input} (B, C, H, W) with {@code kernel} (K, C, kh, kw): (B,
   * K, Ho, Wo)}
   *
   * @param input images (B, C, H, W)
   * @param kernel the kernel (K, C, kh, kw)
   */
  public Tensor apply(Tensor input, Tensor kernel) {
    return forward(input, kernel, null, GROUP_ELEMENTS);
  }

  /**
   * {@return the convolution plus a per-output-channel bias (K): y[b, k, i, j] + bias[k], in the
   * same pass}
   *
   * @param input images (B, C, H, W)
   * @param kernel the kernel (K, C, kh, kw)
   * @param bias the bias (K)
   */
  public Tensor apply(Tensor input, Tensor kernel, Tensor bias) {
    if (!bias.shape().equals(Shape.of(kernel.dim(0)))) {
      throw new IllegalArgumentException("conv2d bias must be (" + kernel.dim(0) + ") for kernel "
          + kernel.shape() + ", got " + bias.shape());
    }
    return forward(input, kernel, bias.data(), GROUP_ELEMENTS);
  }

  /**
   * {@return ∂L/∂input (B, C, H, W) for the upstream gradient {@code outputGrad} (B, K, Ho, Wo) of
   * the convolution of an input of shape {@code inputShape} with {@code kernel} (K, C, kh, kw): the
   * transposed convolution of the gradient} It does not depend on the input's values.
   *
   * @param outputGrad ∂L/∂output, (B, K, Ho, Wo)
   * @param kernel the kernel (K, C, kh, kw)
   * @param inputShape the shape of the forward pass's input (B, C, H, W)
   */
  public Tensor inputGrad(Tensor outputGrad, Tensor kernel, Shape inputShape) {
    return inputGrad(outputGrad, kernel, inputShape, GROUP_ELEMENTS);
  }

  /** {@link #inputGrad} lowering groups of about {@code groupElements} patch-matrix elements. */
  Tensor inputGrad(Tensor outputGrad, Tensor kernel, Shape inputShape, int groupElements) {
    Im2col.Geometry g = geometry(inputShape, kernel.shape());
    requireOutputGrad(outputGrad, inputShape, kernel.shape(), g);
    int batch = inputShape.dim(0);
    int k = kernel.dim(0);
    int p = g.pixels();
    int rows = g.rows();
    double[] dx = new double[inputShape.size()];
    double[] gd = outputGrad.data();
    double[] w = kernel.data();
    MicroKernel mk = GemmConfig.kernel();
    WindowKernel wk = WindowKernel.get();
    int margin = WindowKernel.margin(g);
    int group = group(batch, g, groupElements);
    forEachGroup(batch, group, (t, first, count) -> {
      double[] gathered = Scratch.get(Scratch.Slot.PRODUCT, k * count * p);
      double[] cols = Scratch.get(Scratch.Slot.PATCHES, rows * count * p + 2 * margin);
      gather(gd, first, count, k, p, gathered);
      Gemm.multiply(mk, 1, rows, count * p, k, w, 0, true, gathered, 0, false, cols, margin);
      // Images first .. first+count−1 of dx: no other group writes them.
      wk.raise(g, cols, margin, first, count, dx);
    });
    return Tensor.wrap(inputShape, dx);
  }

  /**
   * {@return ∂L/∂kernel (K, C, kh, kw) for the upstream gradient {@code outputGrad} (B, K, Ho, Wo)
   * of the convolution of {@code input} (B, C, H, W) with a kernel of shape {@code kernelShape}: the
   * correlation of the input with the gradient, summed over the batch}
   *
   * @param input the input of the forward pass, (B, C, H, W)
   * @param outputGrad ∂L/∂output, (B, K, Ho, Wo)
   * @param kernelShape the kernel's shape (K, C, kh, kw)
   */
  public Tensor kernelGrad(Tensor input, Tensor outputGrad, Shape kernelShape) {
    return kernelGrad(input, outputGrad, kernelShape, GROUP_ELEMENTS);
  }

  /** {@link #kernelGrad} lowering groups of about {@code groupElements} patch-matrix elements. */
  Tensor kernelGrad(Tensor input, Tensor outputGrad, Shape kernelShape, int groupElements) {
    Im2col.Geometry g = geometry(input.shape(), kernelShape);
    requireOutputGrad(outputGrad, input.shape(), kernelShape, g);
    int batch = input.dim(0);
    int k = kernelShape.dim(0);
    int p = g.pixels();
    int rows = g.rows();
    int size = k * rows;
    double[] x = input.data();
    double[] gd = outputGrad.data();
    MicroKernel mk = GemmConfig.kernel();
    WindowKernel wk = WindowKernel.get();
    int group = group(batch, g, groupElements);
    int groups = ceilDiv(batch, group);
    double[] partials = new double[groups * size];
    boolean direct = (long) k * rows <= DIRECT_WEIGHTS;
    forEachGroup(batch, group, (t, first, count) -> {
      if (direct && wk.kernelGrad(g, x, gd, first, count, k, partials, t * size)) {
        return;
      }
      double[] cols = Scratch.get(Scratch.Slot.PATCHES, rows * count * p);
      double[] gathered = Scratch.get(Scratch.Slot.PRODUCT, k * count * p);
      // Lowered again rather than kept from the forward pass: keeping it would hold the whole
      // batch's patch matrix (rows·B·P doubles, 10 MB for LeNet's first layer) until backward.
      Im2col.lower(g, x, first, count, cols);
      gather(gd, first, count, k, p, gathered);
      // Both the gradient (K, n·P) and the patch matrix (rows, n·P) run along the pixels: each
      // element of the kernel gradient is the dot product of a row of one with a row of the other.
      mk.dots(k, rows, count * p, gathered, 0, count * p, cols, 0, count * p, partials, t * size, rows);
    });
    double[] dw = Arrays.copyOf(partials, size);
    for (int t = 1; t < groups; t++) {
      for (int i = 0; i < size; i++) {
        dw[i] += partials[t * size + i];
      }
    }
    return Tensor.wrap(kernelShape, dw);
  }

  /**
   * {@return ∂L/∂bias (K) for the upstream gradient {@code outputGrad} (B, K, Ho, Wo): Σ_{b, i, j}
   * g[b, k, i, j]}
   *
   * @param outputGrad ∂L/∂output, (B, K, Ho, Wo)
   */
  public Tensor biasGrad(Tensor outputGrad) {
    if (outputGrad.rank() != 4) {
      throw new IllegalArgumentException(
          "conv2d output gradient must be (batch, out, Ho, Wo), got " + outputGrad.shape());
    }
    int batch = outputGrad.dim(0);
    int k = outputGrad.dim(1);
    int p = outputGrad.dim(2) * outputGrad.dim(3);
    double[] gd = outputGrad.data();
    double[] db = new double[k];
    for (int b = 0; b < batch; b++) {
      for (int c = 0; c < k; c++) {
        db[c] += planeSum(gd, (b * k + c) * p, p);
      }
    }
    return Tensor.wrap(Shape.of(k), db);
  }

  /** The forward map (bias may be null), lowering groups of about {@code groupElements} elements. */
  Tensor forward(Tensor input, Tensor kernel, double[] bias, int groupElements) {
    Im2col.Geometry g = geometry(input.shape(), kernel.shape());
    int batch = input.dim(0);
    int k = kernel.dim(0);
    int p = g.pixels();
    int rows = g.rows();
    double[] y = new double[batch * k * p];
    double[] x = input.data();
    double[] w = kernel.data();
    MicroKernel mk = GemmConfig.kernel();
    int group = group(batch, g, groupElements);
    WindowKernel wk = WindowKernel.get();
    // The direct form does the fused kernel's operations in the same order: the same bits.
    boolean direct = (long) k * rows <= DIRECT_WEIGHTS && mk == Gemm.loadedVectorKernel();
    forEachGroup(batch, group, (t, first, count) -> {
      if (!direct || !wk.convolve(g, x, first, count, w, k, bias, y)) {
        lowered(g, x, w, bias, mk, first, count, k, y);
      }
    });
    return Tensor.wrap(Shape.of(batch, k, g.outHeight(), g.outWidth()), y);
  }

  /** The forward map of images first .. first+count−1 through the patch matrix and the GEMM. */
  private static void lowered(Im2col.Geometry g, double[] x, double[] w, double[] bias, MicroKernel mk, int first,
      int count, int k, double[] y) {
    int p = g.pixels();
    int rows = g.rows();
    double[] cols = Scratch.get(Scratch.Slot.PATCHES, rows * count * p);
    double[] out = Scratch.get(Scratch.Slot.PRODUCT, k * count * p);
    Im2col.lower(g, x, first, count, cols);
    Gemm.multiply(mk, 1, k, count * p, rows, w, 0, false, cols, 0, false, out, 0);
    // The product is (K, count·P); the output wants (count, K, P): one pass reorders and adds the bias.
    for (int c = 0; c < k; c++) {
      double add = bias == null ? 0.0 : bias[c];
      for (int b = 0; b < count; b++) {
        int src = (c * count + b) * p;
        int dst = ((first + b) * k + c) * p;
        for (int i = 0; i < p; i++) {
          y[dst + i] = out[src + i] + add;
        }
      }
    }
  }

  /**
   * The sum of {@code length} values from {@code from}: four partial sums over the positions ≡ 0, 1,
   * 2, 3 (mod 4) of the first length − length mod 4, then (s0 + s1) + (s2 + s3), then the rest in
   * order. Four chains of additions run at once where one chain waits on each addition.
   */
  private static double planeSum(double[] values, int from, int length) {
    int body = length - length % 4;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int i = from; i < from + body; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    double s = (s0 + s1) + (s2 + s3);
    for (int i = from + body; i < from + length; i++) {
      s += values[i];
    }
    return s;
  }

  /** Copies images first.. of g (B, K, P) into the (K, count·P) layout of the patch products. */
  private static void gather(double[] g, int first, int count, int k, int p, double[] into) {
    for (int c = 0; c < k; c++) {
      for (int b = 0; b < count; b++) {
        System.arraycopy(g, ((first + b) * k + c) * p, into, (c * count + b) * p, p);
      }
    }
  }

  /** The work on group t: images first … first + count − 1. */
  private interface GroupTask {
    void run(int t, int first, int count);
  }

  /** Runs {@code task} for every group of {@code group} images (the last may be smaller) as parallel tasks. */
  private static void forEachGroup(int batch, int group, GroupTask task) {
    Parallel.run(ceilDiv(batch, group), Parallel.threads(),
        t -> task.run(t, t * group, Math.min(group, batch - t * group)));
  }

  /** Images per group: as many as fit {@code groupElements} patch-matrix elements, at least one. */
  private static int group(int batch, Im2col.Geometry g, int groupElements) {
    long perImage = (long) g.rows() * g.pixels();
    return (int) Math.max(1, Math.min(batch, groupElements / Math.max(1, perImage)));
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  private void requireOutputGrad(Tensor outputGrad, Shape input, Shape kernel, Im2col.Geometry g) {
    Shape expected = Shape.of(input.dim(0), kernel.dim(0), g.outHeight(), g.outWidth());
    if (!outputGrad.shape().equals(expected)) {
      throw new IllegalArgumentException("conv2d output gradient must be " + expected + " for input " + input
          + " and kernel " + kernel + ", got " + outputGrad.shape());
    }
  }

  private Im2col.Geometry geometry(Shape input, Shape kernel) {
    if (input.rank() != 4) {
      throw new IllegalArgumentException("conv2d expects input (batch, channels, height, width), got " + input);
    }
    if (kernel.rank() != 4 || kernel.size() == 0) {
      throw new IllegalArgumentException(
          "conv2d kernel must be (out, in, kh, kw) with every dimension >= 1, got " + kernel);
    }
    if (kernel.dim(1) != input.dim(1)) {
      throw new IllegalArgumentException("conv2d kernel " + kernel + " expects input (batch, " + kernel.dim(1)
          + ", H, W), got " + input);
    }
    int ho = vertical.outputSize(input.dim(2), kernel.dim(2));
    int wo = horizontal.outputSize(input.dim(3), kernel.dim(3));
    if (ho < 1 || wo < 1) {
      throw new IllegalArgumentException("conv2d with kernel " + kernel.dim(2) + "×" + kernel.dim(3) + ", " + this
          + " needs a larger image than " + input);
    }
    return new Im2col.Geometry(input.dim(1), input.dim(2), input.dim(3), kernel.dim(2), kernel.dim(3),
        vertical, horizontal, ho, wo);
  }
}
