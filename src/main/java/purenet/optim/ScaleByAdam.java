package purenet.optim;

import purenet.tree.Tree;

/**
 * Adam's scaling (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
 * Algorithm 1): bias-corrected first and second moments, ε outside the square root.
 *
 * <p>At step t = 1, 2, ... and elementwise:
 * <pre>
 *   m ← β₁·m + (1 - β₁)·g        m̂ = m / (1 - β₁ᵗ)
 *   v ← β₂·v + (1 - β₂)·g²       v̂ = v / (1 - β₂ᵗ)
 *   u = m̂ / (√v̂ + ε)
 * </pre>
 * Adam is this followed by {@code Scale(-η)}: θ ← θ - η·m̂/(√v̂ + ε). Its first update is
 * η·g/(|g| + ε) ≈ η·sign(g) in size, whatever the gradient's scale.
 *
 * <p>State: {@code {"mu": m, "nu": v, "count": t as a scalar}}, zeros initially.
 *
 * @param b1      β₁ in [0, 1) (default 0.9)
 * @param b2      β₂ in [0, 1) (default 0.999)
 * @param epsilon ε &gt; 0 (default 1e-8)
 */
public record ScaleByAdam(double b1, double b2, double epsilon) implements GradientTransform {

  /**
   * Validates β₁, β₂ and ε.
   *
   * @param b1 β₁ in [0, 1) (default 0.9)
   * @param b2 β₂ in [0, 1) (default 0.999)
   * @param epsilon ε &gt; 0 (default 1e-8)
   */
  public ScaleByAdam {
    Require.moments("Adam", b1, b2, epsilon);
  }

  /** {@return β₁ = 0.9, β₂ = 0.999, ε = 1e-8} */
  public static ScaleByAdam defaults() {
    return new ScaleByAdam(0.9, 0.999, 1e-8);
  }

  @Override
  public Tree init(Tree params) {
    Tree zeros = params.zerosLike();
    return Tree.empty().with("mu", zeros).with("nu", zeros).with("count", Leafwise.counter(0));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    long t = Leafwise.count(state) + 1;
    Tree mu = Moments.average(b1, state.child("mu"), grads);
    Tree nu = Moments.averageOfSquares(b2, state.child("nu"), grads);
    Tree updates = Moments.corrected(mu, nu, b1, b2, epsilon, t);
    return new Step(updates, Tree.empty().with("mu", mu).with("nu", nu).with("count", Leafwise.counter(t)));
  }
}
