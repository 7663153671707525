package purenet.optim;

import purenet.tree.Tree;

/**
 * Gradient clipping by value: every element is clamped to [-c, c], ĝᵢ = max(-c, min(c, gᵢ)).
 * Unlike {@link ClipByGlobalNorm} it may change the direction. Stateless; put it first in a chain.
 *
 * @param limit c &gt; 0
 */
public record ClipByValue(double limit) implements GradientTransform {

  /**
   * Rejects c &le; 0.
   *
   * @param limit c &gt; 0
   */
  public ClipByValue {
    if (!(limit > 0) || !Double.isFinite(limit)) {
      throw new IllegalArgumentException("clipping value must be > 0, got " + limit);
    }
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(grads.map(g -> g.clamp(-limit, limit)), state);
  }
}
