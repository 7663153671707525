package purenet.optim;

import purenet.tree.Tree;

/**
 * Gradient clipping by global norm (Pascanu et al. 2013): ĝ = min(1, c/‖g‖)·g, where
 * ‖g‖ is the L2 norm over every leaf of the gradient tree. Keeps the direction, bounds the length
 * by c, and is the identity when ‖g‖ &le; c. Stateless; put it first in a chain.
 *
 * @param maxNorm c &gt; 0
 */
public record ClipByGlobalNorm(double maxNorm) implements GradientTransform {

  /**
   * Rejects c &le; 0.
   *
   * @param maxNorm c &gt; 0
   */
  public ClipByGlobalNorm {
    if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
      throw new IllegalArgumentException("clipping norm must be > 0, got " + maxNorm);
    }
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(clip(grads, grads.globalNorm(), maxNorm), state);
  }

  /** g·min(1, c/‖g‖), given ‖g‖; g itself when it is within c. */
  static Tree clip(Tree grads, double norm, double maxNorm) {
    return norm > maxNorm ? grads.scale(maxNorm / norm) : grads;
  }
}
