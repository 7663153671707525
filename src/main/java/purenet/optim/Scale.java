package purenet.optim;

import purenet.tree.Tree;

/**
 * Multiplies every update by a constant: u ← c·u. Stateless. {@code Scale(-η)} after the other
 * transforms turns a direction into a step of learning rate η.
 *
 * @param factor the constant c
 */
public record Scale(double factor) implements GradientTransform {

  /**
   * Validates the factor.
   *
   * @param factor the constant c
   */
  public Scale {
    if (!Double.isFinite(factor)) {
      throw new IllegalArgumentException("scale factor must be finite, got " + factor);
    }
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(grads.scale(factor), state);
  }

  /**
   * θ + c·g per leaf in one pass ({@link purenet.tensor.Tensor#addScaled}): the same rounded
   * product c·g, then the same rounded sum, as {@link #update} followed by the addition. Plain SGD
   * is {@code Scale(-η)}, so its step makes one pass over each weight instead of two.
   */
  @Override
  public Applied applyTo(Tree grads, Tree state, Tree params) {
    return new Applied(params.zipWith(grads, (p, g) -> p.addScaled(factor, g)), state);
  }
}
