package purenet.optim;

import purenet.tree.Tree;

/**
 * AMSGrad's scaling (Reddi, Kale and Kumar, "On the Convergence of Adam and Beyond", ICLR 2018),
 * in PyTorch's form ({@code Adam(amsgrad=True)}): Adam with the running maximum of the second
 * moment in the denominator, so the effective per-coordinate step never grows.
 *
 * <p>At step t = 1, 2, ... and elementwise:
 * <pre>
 *   m ← β₁·m + (1 - β₁)·g,   v ← β₂·v + (1 - β₂)·g²,   v_max ← max(v_max, v)
 *   u = (m / (1 - β₁ᵗ)) / (√(v_max / (1 - β₂ᵗ)) + ε)
 * </pre>
 * AMSGrad is this followed by {@code Scale(-η)}.
 *
 * <p>State: {@code {"mu", "nu", "nu_max", "count"}}, zeros initially.
 *
 * @param b1      β₁ in [0, 1) (default 0.9)
 * @param b2      β₂ in [0, 1) (default 0.999)
 * @param epsilon ε &gt; 0 (default 1e-8), outside the square root
 */
public record ScaleByAmsgrad(double b1, double b2, double epsilon) implements GradientTransform {

  /**
   * Validates β₁, β₂ and ε.
   *
   * @param b1 β₁ in [0, 1) (default 0.9)
   * @param b2 β₂ in [0, 1) (default 0.999)
   * @param epsilon ε &gt; 0 (default 1e-8), outside the square root
   */
  public ScaleByAmsgrad {
    Require.moments("AMSGrad", b1, b2, epsilon);
  }

  /** {@return β₁ = 0.9, β₂ = 0.999, ε = 1e-8} */
  public static ScaleByAmsgrad defaults() {
    return new ScaleByAmsgrad(0.9, 0.999, 1e-8);
  }

  @Override
  public Tree init(Tree params) {
    Tree zeros = params.zerosLike();
    return Tree.empty().with("mu", zeros).with("nu", zeros).with("nu_max", zeros)
        .with("count", Leafwise.counter(0));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    long t = Leafwise.count(state) + 1;
    Tree mu = Moments.average(b1, state.child("mu"), grads);
    Tree nu = Moments.averageOfSquares(b2, state.child("nu"), grads);
    Tree nuMax = state.child("nu_max").zipWith(nu, (a, b) -> a.zipWith(b, Math::max));
    Tree updates = Moments.corrected(mu, nuMax, b1, b2, epsilon, t);
    return new Step(updates, Tree.empty().with("mu", mu).with("nu", nu).with("nu_max", nuMax)
        .with("count", Leafwise.counter(t)));
  }
}
