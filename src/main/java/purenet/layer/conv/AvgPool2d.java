package purenet.layer.conv;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Pooling;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * 2-d average pooling: y[n, c, i, j] = (1/(kh·kw)) Σ of x[n, c, ·, ·] over the kh×kw window at
 * (i·s − p, j·s − p), every channel separately; padded positions count as zeros.
 *
 * <p>Shapes: input (batch, C, H, W), output (batch, C, Ho, Wo) with Ho = ⌊(H + 2p − kh)/s⌋ + 1,
 * Wo = ⌊(W + 2p − kw)/s⌋ + 1. Backward: ∂L/∂x receives g/(kh·kw) from every window covering it.
 * The map is linear. No parameters. See {@link Pooling}.
 *
 * @param height  window height kh, ≥ 1
 * @param width   window width kw, ≥ 1
 * @param stride  step of the window, ≥ 1
 * @param padding padding on every side, 0 ≤ p &lt; min(kh, kw)
 */
public record AvgPool2d(int height, int width, int stride, int padding) implements Layer {

  /** Validates the window. */
  public AvgPool2d {
    PoolWindow.validate("AvgPool2d", height, width, stride, padding);
  }

  /** Non-overlapping size×size windows: stride = size, no padding. */
  public static AvgPool2d of(int size) {
    return new AvgPool2d(size, size, size, 0);
  }

  /** size×size windows moved by {@code stride}, no padding. */
  public static AvgPool2d of(int size, int stride) {
    return new AvgPool2d(size, size, stride, 0);
  }

  /** The tensor-level window geometry. */
  public Pooling pooling() {
    return new Pooling(height, width, stride, padding);
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
