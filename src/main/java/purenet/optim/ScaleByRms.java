package purenet.optim;

import purenet.tree.Tree;

/**
 * RMSprop's scaling (Tieleman and Hinton, Coursera "Neural Networks for Machine Learning",
 * lecture 6.5, 2012): divide by a running root mean square of the gradient.
 *
 * <p>E[g²] ← γ·E[g²] + (1 - γ)·g², u = g / √(E[g²] + ε), elementwise, ε inside the root as in the
 * seed lecture. RMSprop is this followed by {@code Scale(-η)}; it equals the first update rule of
 * Adadelta.
 *
 * <p>State: {@code {"nu": tree like params}}, zeros initially.
 *
 * @param decay   γ in [0, 1) (default 0.9, Hinton's suggestion)
 * @param epsilon ε &gt; 0 (default 1e-8)
 */
public record ScaleByRms(double decay, double epsilon) implements GradientTransform {

  /**
   * Validates γ and ε.
   *
   * @param decay γ in [0, 1) (default 0.9, Hinton's suggestion)
   * @param epsilon ε &gt; 0 (default 1e-8)
   */
  public ScaleByRms {
    Require.decay("RMSprop γ", decay);
    Require.positive("RMSprop ε", epsilon);
  }

  /** {@return γ = 0.9, ε = 1e-8} */
  public static ScaleByRms defaults() {
    return new ScaleByRms(0.9, 1e-8);
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty().with("nu", params.zerosLike());
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    Tree nu = Moments.averageOfSquares(decay, state.child("nu"), grads);
    Tree updates = grads.zipWith(nu, (g, v) -> g.zipWith(v, (gi, vi) -> gi / Math.sqrt(vi + epsilon)));
    return new Step(updates, Tree.empty().with("nu", nu));
  }
}
