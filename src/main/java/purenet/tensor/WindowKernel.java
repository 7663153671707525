package purenet.tensor;

import java.util.Arrays;

/**
 * The inner loops of the sliding-window maps that have a Vector API form: the adjoint of the
 * im2col lowering ({@link Im2col#raise}), 2×2 max pooling with stride 2, and a convolution and its
 * kernel gradient computed directly, without a patch matrix. For the first two both forms give the
 * same bits (they add the same terms in the same order and pick the same element); the direct maps
 * exist only in the vector form ({@link Scalar} declines them and its callers lower instead).
 */
interface WindowKernel {

  /**
   * Elements a caller keeps free before and after the patch matrix given to {@link #raise}: the
   * vector form reads whole vectors that may reach past a row of the matrix (the lanes that do are
   * discarded), and the margin keeps those reads inside the array. It covers vectors of up to 64
   * doubles, more than any Vector API shape.
   *
   * @param g the lowering's geometry
   * @return the margin in elements
   */
  static int margin(Im2col.Geometry g) {
    // A multiple of 8: the product written from there is as aligned as one written from 0.
    return (128 + g.kw() + g.width() + g.horizontal().padBefore() + g.horizontal().padAfter() + 7) & -8;
  }

  /**
   * The convolution y = w ⋆ x + bias of images {@code first .. first+count−1} of {@code x} (B, C,
   * H, W) with the kernel {@code w} (K, C, kh, kw) directly, without a patch matrix, into those
   * images of {@code y} (B, K, Ho, Wo): each output is the chain {@code s = fma(w[k, c, i, j], x[…], s)}
   * over the taps (c, i, j) in row-major order from s = +0.0 (padding read as +0.0), then s + bias[k]
   * (+0.0 without a bias), the very operations of the lowered product on a fused kernel. An
   * implementation without a direct form returns false and writes nothing.
   *
   * @param g the geometry
   * @param x the images
   * @param first the first image
   * @param count the number of images
   * @param w the kernel
   * @param k the number of output channels K
   * @param bias the bias (K), or null
   * @param y the output
   * @return whether the convolution was computed
   */
  boolean convolve(Im2col.Geometry g, double[] x, int first, int count, double[] w, int k, double[] bias, double[] y);

  /**
   * The kernel gradient of images {@code first .. first+count−1} directly, without a patch matrix:
   * {@code dw[dwOff + kk·C·kh·kw + n] = Σ_{b, oh, ow} g[first + b, kk, oh, ow] · x(tap n of output
   * (oh, ow))} for kk &lt; K and the taps n = (c, i, j) in row-major order, padding read as +0.0; the
   * order of the additions is the implementation's own, fixed by the shapes. An implementation
   * without a direct form returns false and writes nothing.
   *
   * @param g the geometry
   * @param x the images (B, C, H, W)
   * @param gd the output gradient (B, K, Ho, Wo)
   * @param first the first image
   * @param count the number of images
   * @param k the number of output channels K
   * @param dw where the K × C·kh·kw gradient goes
   * @param dwOff its offset in {@code dw}
   * @return whether the gradient was computed
   */
  boolean kernelGrad(Im2col.Geometry g, double[] x, double[] gd, int first, int count, int k, double[] dw, int dwOff);

  /**
   * {@link Im2col#raise} for a patch matrix stored from {@code colsOff} of {@code cols}, with
   * {@link #margin} elements free before and after it: sets images {@code first .. first+count−1}
   * of {@code dx} (B, C, H, W) to the adjoint of the lowering applied to the (C·kh·kw, count·Ho·Wo)
   * matrix. Every element of those images is written (it need not be zero on entry); each is the
   * sum of its taps in the order of the kernel rows i, then the kernel columns j, from +0.0.
   *
   * @param g the lowering's geometry
   * @param cols the patch matrix
   * @param colsOff where it starts in {@code cols}
   * @param first the first image
   * @param count the number of images
   * @param dx the input gradient (B, C, H, W)
   */
  void raise(Im2col.Geometry g, double[] cols, int colsOff, int first, int count, double[] dx);

  /**
   * 2×2 max pooling with stride 2 of planes {@code first .. end−1} of {@code x}, each h×w, whose
   * (ho, wo) windows lie inside the plane (2·ho ≤ h, 2·wo ≤ w): {@code y[o]} is the window's first
   * maximum in row-major order (the first NaN if the window holds one) and {@code argmax[o]} its
   * position in {@code x}.
   *
   * @param x the input planes
   * @param first the first plane
   * @param end one past the last plane
   * @param h plane height
   * @param w plane width
   * @param ho output height
   * @param wo output width
   * @param y the output planes
   * @param argmax the positions of the maxima
   */
  void max2x2(double[] x, int first, int end, int h, int w, int ho, int wo, double[] y, int[] argmax);

  /** The implementation for this run: the Vector API one when its module is present, else {@link Scalar}. */
  static WindowKernel get() {
    return Loaded.INSTANCE;
  }

  /** The scalar implementation: the definition the vector one follows. */
  final class Scalar implements WindowKernel {
    @Override
    public boolean kernelGrad(Im2col.Geometry g, double[] x, double[] gd, int first, int count, int k, double[] dw,
        int dwOff) {
      return false;
    }

    @Override
    public boolean convolve(Im2col.Geometry g, double[] x, int first, int count, double[] w, int k, double[] bias,
        double[] y) {
      return false;
    }

    @Override
    public void raise(Im2col.Geometry g, double[] cols, int colsOff, int first, int count, double[] dx) {
      int image = g.channels() * g.height() * g.width();
      Arrays.fill(dx, first * image, (first + count) * image, 0.0);
      Im2col.raise(g, cols, colsOff, first, count, dx);
    }

    @Override
    public void max2x2(double[] x, int first, int end, int h, int w, int ho, int wo, double[] y, int[] argmax) {
      for (int plane = first; plane < end; plane++) {
        int o = plane * ho * wo;
        for (int i = 0; i < ho; i++) {
          int row = plane * h * w + 2 * i * w;
          for (int j = 0; j < wo; j++, o++) {
            int best = firstMax2x2(x, row + 2 * j, w);
            y[o] = x[best];
            argmax[o] = best;
          }
        }
      }
    }

    /*
     * Without a branch per element (on real activations a comparison is a coin toss, and
     * mispredicted branches cost 3–4× the rest of the loop): the maximum by Math.max, which
     * propagates NaN; then the first tap (lowest position, row-major) that equals it or is NaN, by
     * a branch-free minimum over positions. The caller reads the value back from that tap, so of
     * two zeros of different sign the first wins, as with "strictly greater" (and in PyTorch).
     */

    /** The position of the first maximum of the 2×2 window at {@code at} of rows {@code w} apart. */
    static int firstMax2x2(double[] x, int at, int w) {
      double max = Math.max(Math.max(x[at], x[at + 1]), Math.max(x[at + w], x[at + w + 1]));
      return Math.min(Math.min(unlessHit(at, x[at], max), unlessHit(at + 1, x[at + 1], max)),
          Math.min(unlessHit(at + w, x[at + w], max), unlessHit(at + w + 1, x[at + w + 1], max)));
    }

    /** {@code at} if {@code value} is the maximum (or NaN), else Integer.MAX_VALUE; no branch. */
    static int unlessHit(int at, double value, double max) {
      int hit = value == max | value != value ? 1 : 0;
      return at | (hit - 1) & Integer.MAX_VALUE;
    }
  }

  /** Holds the implementation, chosen once. */
  final class Loaded {
    static final WindowKernel INSTANCE = load();

    private Loaded() {}

    private static WindowKernel load() {
      return VectorModule.load("VectorWindowKernel", WindowKernel.class).orElseGet(Scalar::new);
    }
  }
}
