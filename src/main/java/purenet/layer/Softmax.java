package purenet.layer;

import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Softmax over the last axis: yᵢ = exp(xᵢ - m) / Σⱼ exp(xⱼ - m) with m = maxⱼ xⱼ (subtracting the
 * maximum keeps it finite for any input). Backward: ∂L/∂x = y ⊙ (g - Σⱼ gⱼyⱼ).
 *
 * <p>Any shape of rank ≥ 1; the output has the input's shape. For classification prefer feeding
 * logits to {@code SoftmaxCrossEntropy}, which fuses both and is more accurate.
 */
public record Softmax() implements Layer {

  @Override
  public Forward forward(Tensor x, Mode mode) {
    if (x.rank() == 0) {
      throw new IllegalArgumentException("Softmax expects rank >= 1, got " + x.shape());
    }
    Tensor y = of(x);
    Shape reduced = keepLast(x.shape());
    return new Forward(y, g -> {
      Tensor inner = g.mul(y).sum(-1).reshape(reduced);
      return new Grads(y.mul(g.sub(inner)), params());
    }, this);
  }

  /**
   * {@return the softmax of {@code x} along its last axis}
   *
   * @param x logits, softmax over the last axis
   */
  public static Tensor of(Tensor x) {
    Shape reduced = keepLast(x.shape());
    Tensor e = x.sub(x.max(-1).reshape(reduced)).exp();
    return e.div(e.sum(-1).reshape(reduced));
  }

  private static Shape keepLast(Shape s) {
    return s.with(-1, 1);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return input.rank() == 0
        ? ShapeCheck.problem(input, "Softmax expects rank >= 1, got " + input)
        : ShapeCheck.ok(input);
  }
}
