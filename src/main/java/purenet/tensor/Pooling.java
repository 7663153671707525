package purenet.tensor;

import java.io.Serializable;

/**
 * The geometry of 2-d pooling (window, and per axis stride, padding and dilation) and the max and
 * average pooling maps with their gradients, on images laid out (batch, channels, height, width).
 *
 * <p>Each channel of each image is pooled separately. For a window (kh, kw) and axes (sh, top,
 * bottom, dh) and (sw, left, right, dw) ({@link WindowAxis}) the output (B, C, Ho, Wo) has
 * Ho = ⌊(H + top + bottom − dh·(kh − 1) − 1) / sh⌋ + 1 and Wo likewise; window (i, j) holds the
 * input elements at rows i·sh − top + u·dh (u &lt; kh) and columns j·sw − left + v·dw (v &lt; kw)
 * that fall inside the image. With symmetric padding this is PyTorch's {@code MaxPool2d} and
 * {@code AvgPool2d} (ceil_mode=False); asymmetric padding is {@code F.pad} followed by the pool
 * (−∞ padding for max, zeros for average).
 * <ul>
 *   <li>Max: y = max of the window's input elements; padding is ignored (it never wins). The
 *       gradient flows to the argmax alone; on ties, to the first maximum in row-major window order
 *       ({@link MaxPooled#inputGrad}). A window that holds no input element (possible only with
 *       dilation) is an error, where PyTorch would return −∞.
 *   <li>Average: y = (Σ of the window's input elements) / (kh·kw), padded positions counting as
 *       zeros (PyTorch's {@code count_include_pad=True}); ∂L/∂x gets g/(kh·kw) from every window
 *       that covers x ({@link #averageInputGrad}).
 * </ul>
 * Padding on each side must be smaller than the window's extent d·(k − 1) + 1 along that axis.
 *
 * @param height     window height kh, ≥ 1
 * @param width      window width kw, ≥ 1
 * @param vertical   how the window moves along the height (stride, top/bottom padding, dilation)
 * @param horizontal how the window moves along the width (stride, left/right padding, dilation)
 */
public record Pooling(int height, int width, WindowAxis vertical, WindowAxis horizontal) implements Serializable {

  /** Input elements per task of max pooling (whole planes, at least one). */
  private static final int PLANE_GROUP_ELEMENTS = 1 << 15;

  /**
   * Validates the geometry.
   *
   * @param height window height kh, ≥ 1
   * @param width window width kw, ≥ 1
   * @param vertical how the window moves along the height (stride, top/bottom padding, dilation)
   * @param horizontal how the window moves along the width (stride, left/right padding, dilation)
   */
  public Pooling {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("pooling window must be at least 1×1, got " + height + "×" + width);
    }
    if (vertical == null || horizontal == null) {
      throw new IllegalArgumentException("pooling needs a vertical and a horizontal axis, got " + vertical + " and "
          + horizontal);
    }
    requirePadding("height", vertical, height, height, width);
    requirePadding("width", horizontal, width, height, width);
  }

  private static void requirePadding(String axis, WindowAxis a, int k, int height, int width) {
    int extent = a.extent(k);
    if (a.padBefore() >= extent || a.padAfter() >= extent) {
      throw new IllegalArgumentException("pooling padding along the " + axis + " must be in [0, " + extent
          + ") for a " + height + "×" + width + " window (" + a + "), got " + (a.symmetric()
          ? String.valueOf(a.padBefore()) : "(" + a.padBefore() + ", " + a.padAfter() + ")"));
    }
  }

  /**
   * A kh×kw window with the same stride and symmetric padding along both axes, no dilation.
   *
   * @param height  window height kh, ≥ 1
   * @param width   window width kw, ≥ 1
   * @param stride  step of the window, ≥ 1
   * @param padding padding on every side, 0 ≤ p &lt; min(kh, kw)
   */
  public Pooling(int height, int width, int stride, int padding) {
    this(height, width, axis(stride, padding), axis(stride, padding));
  }

  private static WindowAxis axis(int stride, int padding) {
    if (stride < 1) {
      throw new IllegalArgumentException("pooling stride must be >= 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException("pooling padding must be >= 0, got " + padding);
    }
    return WindowAxis.of(stride, padding, 1);
  }

  /**
   * A square window of side {@code size} moved by {@code stride}, without padding.
   *
   * @param size   window side, ≥ 1
   * @param stride step, ≥ 1
   * @return the geometry
   */
  public static Pooling of(int size, int stride) {
    return new Pooling(size, size, stride, 0);
  }

  /**
   * The output shape (B, C, Ho, Wo) for an input (B, C, H, W), computed without touching data.
   *
   * @param input the input shape
   * @return the output shape
   * @throws IllegalArgumentException naming the shape if it is not rank 4 or smaller than the window
   */
  public Shape outputShape(Shape input) {
    if (input.rank() != 4) {
      throw new IllegalArgumentException("pooling expects input (batch, channels, height, width), got " + input);
    }
    int ho = vertical.outputSize(input.dim(2), height);
    int wo = horizontal.outputSize(input.dim(3), width);
    if (ho < 1 || wo < 1) {
      throw new IllegalArgumentException("pooling with window " + height + "×" + width + ", " + describe()
          + " needs a larger image than " + input);
    }
    return Shape.of(input.dim(0), input.dim(1), ho, wo);
  }

  /** The axes for messages: one description when both axes agree. */
  String describe() {
    return vertical.equals(horizontal) ? vertical.toString() : "(" + vertical + ") × (" + horizontal + ")";
  }

  /**
   * For each of the {@code out} window positions along an axis of length {@code n}: the first tap
   * and one past the last tap of a {@code k}-tap window that fall inside ({first[], end[]}).
   */
  private static int[][] tapsInside(WindowAxis axis, int k, int n, int out) {
    int[][] taps = new int[2][out];
    for (int i = 0; i < out; i++) {
      int start = i * axis.stride() - axis.padBefore();
      taps[0][i] = firstTap(start, axis.dilation());
      taps[1][i] = endTap(start, axis.dilation(), k, n);
    }
    return taps;
  }

  /** First tap u ≥ 0 with start + u·d ≥ 0. */
  private static int firstTap(int start, int d) {
    return start >= 0 ? 0 : (-start + d - 1) / d;
  }

  /** One past the last tap u &lt; k with start + u·d &lt; n. */
  private static int endTap(int start, int d, int k, int n) {
    int last = n - 1 - start;
    return last < 0 ? 0 : Math.min(k, last / d + 1);
  }

  /**
   * Max pooling of {@code input} (B, C, H, W): the output and what its gradient needs.
   *
   * @param input the images
   * @return the pooled output with the positions of the maxima
   * @throws IllegalArgumentException if a window holds no input element
   */
  public MaxPooled max(Tensor input) {
    Shape out = outputShape(input.shape());
    int planes = out.dim(0) * out.dim(1);
    int h = input.dim(2);
    int w = input.dim(3);
    int ho = out.dim(2);
    int wo = out.dim(3);
    int sh = vertical.stride();
    int sw = horizontal.stride();
    int dh = vertical.dilation();
    int dw = horizontal.dilation();
    double[] x = input.data();
    double[] y = new double[out.size()];
    int[] argmax = new int[y.length];
    // The taps inside the image, per window row and column, computed once (integer divisions).
    int[][] rowTaps = tapsInside(vertical, height, h, ho);
    int[][] colTaps = tapsInside(horizontal, width, w, wo);
    int[] u0 = rowTaps[0];
    int[] u1 = rowTaps[1];
    int[] v0 = colTaps[0];
    int[] v1 = colTaps[1];
    for (int i = 0; i < ho; i++) {
      for (int j = 0; j < wo; j++) {
        if (u0[i] >= u1[i] || v0[j] >= v1[j]) {
          throw new IllegalArgumentException("max pooling window (" + i + ", " + j + ") of " + height + "×"
              + width + ", " + describe() + " covers no element of the image " + input.shape()
              + "; use less padding or dilation");
        }
      }
    }
    // The 2×2 window without dilation and wholly inside the image, by far the most common, has a
    // straight-line path without per-window tap counts.
    boolean square = height == 2 && width == 2 && dh == 1 && dw == 1 && allOf(u0, u1, 2) && allOf(v0, v1, 2);
    // Planes in fixed groups of about PLANE_GROUP_ELEMENTS inputs, as tasks on purenet.threads threads.
    int perTask = Math.max(1, PLANE_GROUP_ELEMENTS / Math.max(1, h * w));
    WindowKernel kernel = WindowKernel.get();
    // Non-overlapping 2×2 windows from the corner (LeNet's pooling): the vector kernel's case.
    boolean pairs = square && vertical.padBefore() == 0 && horizontal.padBefore() == 0 && sh == 2 && sw == 2;
    Parallel.run((planes + perTask - 1) / perTask, Parallel.threads(), t -> {
      int end = Math.min(planes, (t + 1) * perTask);
      if (pairs) {
        kernel.max2x2(x, t * perTask, end, h, w, ho, wo, y, argmax);
        return;
      }
      for (int plane = t * perTask; plane < end; plane++) {
        int base = plane * h * w;
        int o = plane * ho * wo;
        for (int i = 0; i < ho; i++) {
          int top = i * sh - vertical.padBefore();
          for (int j = 0; j < wo; j++, o++) {
            int left = j * sw - horizontal.padBefore();
            int best = square
                ? WindowKernel.Scalar.firstMax2x2(x, base + top * w + left, w)
                : firstMax(x, base + (top + u0[i] * dh) * w + left + v0[j] * dw, u1[i] - u0[i], v1[j] - v0[j],
                    dh * w, dw);
            y[o] = x[best];
            argmax[o] = best;
          }
        }
      }
    });
    return new MaxPooled(Tensor.wrap(out, y), argmax, input.shape());
  }

  /*
   * The window's maximum is found as in WindowKernel.Scalar#firstMax2x2, without a branch per
   * element: the maximum by Math.max (which propagates NaN), then the least position that holds it
   * or a NaN.
   */

  /** The position of the first maximum of the rows × cols taps from {@code first}, steps rowStep and colStep. */
  private static int firstMax(double[] x, int first, int rows, int cols, int rowStep, int colStep) {
    double max = Double.NEGATIVE_INFINITY;
    for (int u = 0, row = first; u < rows; u++, row += rowStep) {
      for (int v = 0, at = row; v < cols; v++, at += colStep) {
        max = Math.max(max, x[at]);
      }
    }
    int best = Integer.MAX_VALUE;
    for (int u = 0, row = first; u < rows; u++, row += rowStep) {
      for (int v = 0, at = row; v < cols; v++, at += colStep) {
        best = Math.min(best, WindowKernel.Scalar.unlessHit(at, x[at], max));
      }
    }
    return best;
  }

  /** Whether every window has exactly {@code taps} taps inside the image along this axis. */
  private static boolean allOf(int[] from, int[] to, int taps) {
    for (int i = 0; i < from.length; i++) {
      if (to[i] - from[i] != taps) {
        return false;
      }
    }
    return true;
  }

  /**
   * Average pooling of {@code input} (B, C, H, W): window sums divided by kh·kw.
   *
   * @param input the images
   * @return the pooled images (B, C, Ho, Wo)
   */
  public Tensor average(Tensor input) {
    Shape out = outputShape(input.shape());
    double[] y = new double[out.size()];
    sweep(input.shape(), out, (o, at) -> y[o] += input.data()[at]);
    double scale = 1.0 / (height * width);
    for (int o = 0; o < y.length; o++) {
      y[o] *= scale;
    }
    return Tensor.wrap(out, y);
  }

  /**
   * ∂L/∂input (B, C, H, W) of average pooling for the upstream gradient {@code outputGrad}
   * (B, C, Ho, Wo): every input element receives g/(kh·kw) from each window covering it.
   *
   * @param outputGrad the upstream gradient
   * @param inputShape the shape of the pooled input
   * @return the input gradient
   */
  public Tensor averageInputGrad(Tensor outputGrad, Shape inputShape) {
    Shape out = outputShape(inputShape);
    if (!outputGrad.shape().equals(out)) {
      throw new IllegalArgumentException("average pooling output gradient must be " + out + " for input "
          + inputShape + ", got " + outputGrad.shape());
    }
    double scale = 1.0 / (height * width);
    double[] g = outputGrad.data();
    double[] dx = new double[inputShape.size()];
    sweep(inputShape, out, (o, at) -> dx[at] += g[o] * scale);
    return Tensor.wrap(inputShape, dx);
  }

  /** What a sweep does with output index o and input index at, for each tap inside the image. */
  private interface Tap {
    void visit(int o, int at);
  }

  /** Visits every (output, input) pair of every window, windows in output order, taps row-major. */
  private void sweep(Shape in, Shape out, Tap tap) {
    int planes = out.dim(0) * out.dim(1);
    int h = in.dim(2);
    int w = in.dim(3);
    int ho = out.dim(2);
    int wo = out.dim(3);
    int dh = vertical.dilation();
    int dw = horizontal.dilation();
    int[][] rowTaps = tapsInside(vertical, height, h, ho);
    int[][] colTaps = tapsInside(horizontal, width, w, wo);
    int o = 0;
    for (int plane = 0; plane < planes; plane++) {
      int base = plane * h * w;
      for (int i = 0; i < ho; i++) {
        int top = i * vertical.stride() - vertical.padBefore();
        for (int j = 0; j < wo; j++) {
          int left = j * horizontal.stride() - horizontal.padBefore();
          for (int u = rowTaps[0][i]; u < rowTaps[1][i]; u++) {
            int row = base + (top + u * dh) * w + left;
            for (int v = colTaps[0][j]; v < colTaps[1][j]; v++) {
              tap.visit(o, row + v * dw);
            }
          }
          o++;
        }
      }
    }
  }
}
