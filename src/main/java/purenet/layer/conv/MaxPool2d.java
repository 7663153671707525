package purenet.layer.conv;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.MaxPooled;
import purenet.tensor.Pooling;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * 2-d max pooling: y[n, c, i, j] = max over the window at (i·s − p, j·s − p) of size kh×kw of
 * x[n, c, ·, ·], every channel separately; padding never wins.
 *
 * <p>Shapes: input (batch, C, H, W), output (batch, C, Ho, Wo) with Ho = ⌊(H + 2p − kh)/s⌋ + 1,
 * Wo = ⌊(W + 2p − kw)/s⌋ + 1. Backward: each window's gradient goes to its maximum, on ties to the
 * first maximum in row-major window order; inputs that are the maximum of several overlapping
 * windows receive the sum. No parameters. See {@link Pooling}.
 *
 * @param height  window height kh, ≥ 1
 * @param width   window width kw, ≥ 1
 * @param stride  step of the window, ≥ 1
 * @param padding padding on every side, 0 ≤ p &lt; min(kh, kw)
 */
public record MaxPool2d(int height, int width, int stride, int padding) implements Layer {

  /** Validates the window. */
  public MaxPool2d {
    PoolWindow.validate("MaxPool2d", height, width, stride, padding);
  }

  /** Non-overlapping size×size windows: stride = size, no padding (LeNet's 2×2 subsampling). */
  public static MaxPool2d of(int size) {
    return new MaxPool2d(size, size, size, 0);
  }

  /** size×size windows moved by {@code stride}, no padding. */
  public static MaxPool2d of(int size, int stride) {
    return new MaxPool2d(size, size, stride, 0);
  }

  /** The tensor-level window geometry. */
  public Pooling pooling() {
    return new Pooling(height, width, stride, padding);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Pooling pool = pooling();
    PoolWindow.require("MaxPool2d", pool, x.shape());
    MaxPooled pooled = pool.max(x);
    return new Forward(pooled.output(), g -> new Grads(pooled.inputGrad(g), params()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return PoolWindow.check("MaxPool2d", pooling(), input);
  }
}
