package purenet.layer.conv;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Pooling;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tensor.WindowAxis;

/**
 * 2-d average pooling: y[n, c, i, j] = (1/(kh·kw)) Σ of x[n, c, ·, ·] over the kh×kw window at
 * (i·sh − top, j·sw − left), taps dh and dw apart, every channel separately; padded positions count
 * as zeros. PyTorch's {@code nn.AvgPool2d} (count_include_pad=True, ceil_mode=False), extended to
 * asymmetric padding and dilation (which PyTorch's average pool lacks).
 *
 * <p>Shapes: input (batch, C, H, W), output (batch, C, Ho, Wo) with
 * Ho = ⌊(H + top + bottom − dh·(kh − 1) − 1)/sh⌋ + 1 and Wo likewise (Ho = ⌊(H + 2p − kh)/s⌋ + 1
 * for symmetric padding without dilation). Backward: ∂L/∂x receives g/(kh·kw) from every window
 * covering it. The map is linear. No parameters. See {@link Pooling} and {@link WindowAxis}.
 *
 * @param height     window height kh, ≥ 1
 * @param width      window width kw, ≥ 1
 * @param vertical   stride, top/bottom padding and dilation along the height; padding &lt; dh·(kh − 1) + 1
 * @param horizontal stride, left/right padding and dilation along the width; padding &lt; dw·(kw − 1) + 1
 */
public record AvgPool2d(int height, int width, WindowAxis vertical, WindowAxis horizontal) implements Layer {

  /**
   * Validates the window.
   *
   * @param height window height kh, ≥ 1
   * @param width window width kw, ≥ 1
   * @param vertical stride, top/bottom padding and dilation along the height; padding &lt; dh·(kh − 1) + 1
   * @param horizontal stride, left/right padding and dilation along the width; padding &lt; dw·(kw − 1) + 1
   */
  public AvgPool2d {
    PoolWindow.pooling("AvgPool2d", height, width, vertical, horizontal);
  }

  /**
   * A kh×kw window with the same stride and symmetric padding along both axes, no dilation.
   *
   * @param height  window height kh, ≥ 1
   * @param width   window width kw, ≥ 1
   * @param stride  step of the window, ≥ 1
   * @param padding padding on every side, 0 ≤ p &lt; min(kh, kw)
   */
  public AvgPool2d(int height, int width, int stride, int padding) {
    this(height, width, PoolWindow.axis("AvgPool2d", height, width, stride, padding), PoolWindow.axis("AvgPool2d", height, width, stride, padding));
  }

  /**
   * Non-overlapping size×size windows: stride = size, no padding.
   *
   * @param size the window side, ≥ 1
   * @return the layer
   */
  public static AvgPool2d of(int size) {
    return new AvgPool2d(size, size, size, 0);
  }

  /**
   * size×size windows moved by {@code stride}, no padding.
   *
   * @param size   the window side, ≥ 1
   * @param stride the step, ≥ 1
   * @return the layer
   */
  public static AvgPool2d of(int size, int stride) {
    return new AvgPool2d(size, size, stride, 0);
  }

  /**
   * kh×kw windows moved by stride 1 with PyTorch-style "same" padding ({@link WindowAxis#same}):
   * the output has the input's height and width, for even windows too (the extra padding row and
   * column at the bottom and right).
   *
   * @param height window height kh, ≥ 1
   * @param width  window width kw, ≥ 1
   * @return the layer
   */
  public static AvgPool2d same(int height, int width) {
    return new AvgPool2d(height, width, WindowAxis.same(height, 1), WindowAxis.same(width, 1));
  }

  /**
   * The same window with other strides.
   *
   * @param sh stride along the height, ≥ 1
   * @param sw stride along the width, ≥ 1
   * @return the layer
   */
  public AvgPool2d withStride(int sh, int sw) {
    return new AvgPool2d(height, width, vertical.withStride(sh), horizontal.withStride(sw));
  }

  /**
   * The same window with symmetric padding per axis.
   *
   * @param ph zeros above and below
   * @param pw zeros left and right
   * @return the layer
   */
  public AvgPool2d withPadding(int ph, int pw) {
    return withPadding(ph, ph, pw, pw);
  }

  /**
   * The same window with padding given per side.
   *
   * @param top    zeros above
   * @param bottom zeros below
   * @param left   zeros on the left
   * @param right  zeros on the right
   * @return the layer
   */
  public AvgPool2d withPadding(int top, int bottom, int left, int right) {
    return new AvgPool2d(height, width, vertical.withPadding(top, bottom), horizontal.withPadding(left, right));
  }

  /**
   * The same window with other dilations (padding unchanged).
   *
   * @param dh tap spacing along the height, ≥ 1
   * @param dw tap spacing along the width, ≥ 1
   * @return the layer
   */
  public AvgPool2d withDilation(int dh, int dw) {
    return new AvgPool2d(height, width, vertical.withDilation(dh), horizontal.withDilation(dw));
  }

  /**
   * The tensor-level window geometry.
   *
   * @return the pooling geometry
   */
  public Pooling pooling() {
    return new Pooling(height, width, vertical, horizontal);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Pooling pool = pooling();
    PoolWindow.require("AvgPool2d", pool, x.shape());
    Shape in = x.shape();
    return new Forward(pool.average(x), g -> new Grads(pool.averageInputGrad(g, in), params()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return PoolWindow.check("AvgPool2d", pooling(), input);
  }
}
