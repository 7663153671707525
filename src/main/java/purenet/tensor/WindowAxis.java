package purenet.tensor;

import java.io.Serializable;

/**
 * How a sliding window (a convolution kernel or a pooling window) moves along one axis of its
 * input: the step between windows, the zeros added before the first and after the last element,
 * and the spacing of the window's taps.
 *
 * <p>For an input of length n and a window of k taps the window's extent is e = d·(k − 1) + 1 and
 * the output has length
 * <pre>
 *   o = ⌊(n + before + after − e) / s⌋ + 1,
 * </pre>
 * window i reading input positions i·s − before + u·d for u = 0 .. k − 1 (positions outside
 * [0, n) are padding). With before = after = p this is PyTorch's
 * ⌊(n + 2p − d·(k − 1) − 1) / s⌋ + 1.
 *
 * <p>"Same" padding ({@link #same}) is PyTorch's {@code padding='same'}: stride 1 and a total of
 * d·(k − 1) zeros, ⌊total/2⌋ before and the rest after, so an even kernel gets its extra zero at the
 * end (the bottom or right of an image) and o = n for every k.
 *
 * @param stride    step between consecutive windows, ≥ 1
 * @param padBefore zeros before the first element (top or left), ≥ 0
 * @param padAfter  zeros after the last element (bottom or right), ≥ 0
 * @param dilation  spacing of the window's taps, ≥ 1 (1: adjacent taps)
 */
public record WindowAxis(int stride, int padBefore, int padAfter, int dilation) implements Serializable {

  /**
   * Validates the numbers.
   *
   * @param stride step between consecutive windows, ≥ 1
   * @param padBefore zeros before the first element (top or left), ≥ 0
   * @param padAfter zeros after the last element (bottom or right), ≥ 0
   * @param dilation spacing of the window's taps, ≥ 1 (1: adjacent taps)
   */
  public WindowAxis {
    if (stride < 1) {
      throw new IllegalArgumentException("window stride must be >= 1, got " + stride);
    }
    if (padBefore < 0 || padAfter < 0) {
      throw new IllegalArgumentException("window padding must be >= 0, got (" + padBefore + ", " + padAfter + ")");
    }
    if (dilation < 1) {
      throw new IllegalArgumentException("window dilation must be >= 1, got " + dilation);
    }
  }

  /**
   * An axis with the same padding before and after.
   *
   * @param stride   step between windows, ≥ 1
   * @param padding  zeros on each side, ≥ 0
   * @param dilation tap spacing, ≥ 1
   * @return the axis
   */
  public static WindowAxis of(int stride, int padding, int dilation) {
    return new WindowAxis(stride, padding, padding, dilation);
  }

  /**
   * The plain axis: stride 1, no padding, no dilation.
   *
   * @return the axis (1, 0, 0, 1)
   */
  public static WindowAxis plain() {
    return new WindowAxis(1, 0, 0, 1);
  }

  /**
   * PyTorch's {@code padding='same'} for a window of {@code window} taps: stride 1, total padding
   * d·(k − 1), ⌊total/2⌋ before and the rest after.
   *
   * @param window   the number of taps k, ≥ 1
   * @param dilation tap spacing d, ≥ 1
   * @return an axis whose output length equals its input length
   */
  public static WindowAxis same(int window, int dilation) {
    if (window < 1) {
      throw new IllegalArgumentException("'same' padding needs a window of >= 1 taps, got " + window);
    }
    if (dilation < 1) {
      throw new IllegalArgumentException("window dilation must be >= 1, got " + dilation);
    }
    int total = dilation * (window - 1);
    return new WindowAxis(1, total / 2, total - total / 2, dilation);
  }

  /**
   * The span of a window of {@code window} taps: d·(k − 1) + 1.
   *
   * @param window the number of taps k
   * @return the extent in input positions
   */
  public int extent(int window) {
    return dilation * (window - 1) + 1;
  }

  /**
   * The output length for an input of length {@code in}: ⌊(n + before + after − e)/s⌋ + 1; below 1
   * when the padded input is shorter than the window's extent.
   *
   * @param in     the input length n
   * @param window the number of taps k
   * @return the output length
   */
  public int outputSize(int in, int window) {
    return Math.floorDiv(in + padBefore + padAfter - extent(window), stride) + 1;
  }

  /**
   * The smallest input length that gives at least one output: e − before − after, at least 1.
   *
   * @param window the number of taps k
   * @return the minimum input length
   */
  public int minInput(int window) {
    return Math.max(1, extent(window) - padBefore - padAfter);
  }

  /**
   * Whether the padding is the same on both sides.
   *
   * @return padBefore == padAfter
   */
  public boolean symmetric() {
    return padBefore == padAfter;
  }

  /**
   * The axis with another stride.
   *
   * @param s the new stride, ≥ 1
   * @return the changed axis
   */
  public WindowAxis withStride(int s) {
    return new WindowAxis(s, padBefore, padAfter, dilation);
  }

  /**
   * The axis with other padding.
   *
   * @param before zeros before, ≥ 0
   * @param after  zeros after, ≥ 0
   * @return the changed axis
   */
  public WindowAxis withPadding(int before, int after) {
    return new WindowAxis(stride, before, after, dilation);
  }

  /**
   * The axis with another dilation (padding unchanged).
   *
   * @param d the new dilation, ≥ 1
   * @return the changed axis
   */
  public WindowAxis withDilation(int d) {
    return new WindowAxis(stride, padBefore, padAfter, d);
  }

  /** A short description for messages: {@code stride 2, padding 1, dilation 1} or {@code padding (0, 1)}. */
  @Override
  public String toString() {
    return "stride " + stride + ", padding " + (symmetric() ? String.valueOf(padBefore)
        : "(" + padBefore + ", " + padAfter + ")") + ", dilation " + dilation;
  }
}
