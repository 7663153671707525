package purenet.tensor;

/**
 * The geometry of 2-d pooling (window, stride, padding) and the max and average pooling maps with
 * their gradients, on images laid out (batch, channels, height, width).
 *
 * <p>Each channel of each image is pooled separately. For a window (kh, kw), stride s and padding p
 * the output (B, C, Ho, Wo) has Ho = ⌊(H + 2p − kh) / s⌋ + 1 and Wo = ⌊(W + 2p − kw) / s⌋ + 1;
 * window (i, j) covers rows i·s − p .. i·s − p + kh − 1 and columns j·s − p .. j·s − p + kw − 1.
 * <ul>
 *   <li>Max: y = max of the window's input elements; padding is ignored (it never wins). The
 *       gradient flows to the argmax alone; on ties, to the first maximum in row-major window order
 *       ({@link MaxPooled#inputGrad}).
 *   <li>Average: y = (Σ of the window's input elements) / (kh·kw), padded positions counting as
 *       zeros (PyTorch's {@code count_include_pad=True}); ∂L/∂x gets g/(kh·kw) from every window
 *       that covers x ({@link #averageInputGrad}).
 * </ul>
 * Padding must be smaller than the window along each axis, so that every window holds at least one
 * input element.
 *
 * @param height  window height kh, ≥ 1
 * @param width   window width kw, ≥ 1
 * @param stride  step of the window, ≥ 1, the same along height and width
 * @param padding padding on every side, 0 ≤ p &lt; min(kh, kw)
 */
public record Pooling(int height, int width, int stride, int padding) {

  /** Validates the geometry. */
  public Pooling {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("pooling window must be at least 1×1, got " + height + "×" + width);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("pooling stride must be >= 1, got " + stride);
    }
    if (padding < 0 || padding >= Math.min(height, width)) {
      throw new IllegalArgumentException("pooling padding must be in [0, " + Math.min(height, width)
          + ") for a " + height + "×" + width + " window, got " + padding);
    }
  }

  /** A square window of side {@code size} moved by {@code stride}, without padding. */
  public static Pooling of(int size, int stride) {
    return new Pooling(size, size, stride, 0);
  }

  /** The output length along one axis: ⌊(in + 2p − window) / s⌋ + 1; below 1 if the input is too small. */
  public int outputSize(int in, int window) {
    return Math.floorDiv(in + 2 * padding - window, stride) + 1;
  }

  /**
   * The output shape (B, C, Ho, Wo) for an input (B, C, H, W), computed without touching data.
   *
   * @throws IllegalArgumentException naming the shape if it is not rank 4 or smaller than the window
   */
  public Shape outputShape(Shape input) {
    if (input.rank() != 4) {
      throw new IllegalArgumentException("pooling expects input (batch, channels, height, width), got " + input);
    }
    int ho = outputSize(input.dim(2), height);
    int wo = outputSize(input.dim(3), width);
    if (ho < 1 || wo < 1) {
      throw new IllegalArgumentException("pooling with window " + height + "×" + width + ", padding " + padding
          + " needs a larger image than " + input);
    }
    return Shape.of(input.dim(0), input.dim(1), ho, wo);
  }

  /** Max pooling of {@code input} (B, C, H, W): the output and what its gradient needs. */
  public MaxPooled max(Tensor input) {
    Shape out = outputShape(input.shape());
    int planes = out.dim(0) * out.dim(1);
    int h = input.dim(2);
    int w = input.dim(3);
    int ho = out.dim(2);
    int wo = out.dim(3);
    double[] x = input.data();
    double[] y = new double[out.size()];
    int[] argmax = new int[y.length];
    int o = 0;
    for (int plane = 0; plane < planes; plane++) {
      int base = plane * h * w;
      for (int i = 0; i < ho; i++) {
        int r0 = Math.max(0, i * stride - padding);
        int r1 = Math.min(h, i * stride - padding + height);
        for (int j = 0; j < wo; j++) {
          int c0 = Math.max(0, j * stride - padding);
          int c1 = Math.min(w, j * stride - padding + width);
          int best = base + r0 * w + c0;
          double bestValue = x[best];
          for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
              int at = base + r * w + c;
              // Strictly greater: the first maximum in row-major order wins ties. A NaN wins over
              // any number (the first NaN), so it propagates as in PyTorch's max pooling.
              if (x[at] > bestValue || Double.isNaN(x[at]) && !Double.isNaN(bestValue)) {
                bestValue = x[at];
                best = at;
              }
            }
          }
          y[o] = bestValue;
          argmax[o] = best;
          o++;
        }
      }
    }
    return new MaxPooled(Tensor.wrap(out, y), argmax, input.shape());
  }

  /** Average pooling of {@code input} (B, C, H, W): window sums divided by kh·kw. */
  public Tensor average(Tensor input) {
    Shape out = outputShape(input.shape());
    int planes = out.dim(0) * out.dim(1);
    int h = input.dim(2);
    int w = input.dim(3);
    int ho = out.dim(2);
    int wo = out.dim(3);
    double scale = 1.0 / (height * width);
    double[] x = input.data();
    double[] y = new double[out.size()];
    int o = 0;
    for (int plane = 0; plane < planes; plane++) {
      int base = plane * h * w;
      for (int i = 0; i < ho; i++) {
        int r0 = Math.max(0, i * stride - padding);
        int r1 = Math.min(h, i * stride - padding + height);
        for (int j = 0; j < wo; j++) {
          int c0 = Math.max(0, j * stride - padding);
          int c1 = Math.min(w, j * stride - padding + width);
          double s = 0;
          for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
              s += x[base + r * w + c];
            }
          }
          y[o++] = s * scale;
        }
      }
    }
    return Tensor.wrap(out, y);
  }

  /**
   * ∂L/∂input (B, C, H, W) of average pooling for the upstream gradient {@code outputGrad}
   * (B, C, Ho, Wo): every input element receives g/(kh·kw) from each window covering it.
   */
  public Tensor averageInputGrad(Tensor outputGrad, Shape inputShape) {
    Shape out = outputShape(inputShape);
    if (!outputGrad.shape().equals(out)) {
      throw new IllegalArgumentException("average pooling output gradient must be " + out + " for input "
          + inputShape + ", got " + outputGrad.shape());
    }
    int planes = out.dim(0) * out.dim(1);
    int h = inputShape.dim(2);
    int w = inputShape.dim(3);
    int ho = out.dim(2);
    int wo = out.dim(3);
    double scale = 1.0 / (height * width);
    double[] g = outputGrad.data();
    double[] dx = new double[inputShape.size()];
    int o = 0;
    for (int plane = 0; plane < planes; plane++) {
      int base = plane * h * w;
      for (int i = 0; i < ho; i++) {
        int r0 = Math.max(0, i * stride - padding);
        int r1 = Math.min(h, i * stride - padding + height);
        for (int j = 0; j < wo; j++) {
          int c0 = Math.max(0, j * stride - padding);
          int c1 = Math.min(w, j * stride - padding + width);
          double share = g[o++] * scale;
          for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
              dx[base + r * w + c] += share;
            }
          }
        }
      }
    }
    return Tensor.wrap(inputShape, dx);
  }
}
