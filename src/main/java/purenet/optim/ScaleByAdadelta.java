package purenet.optim;

import purenet.tree.Tree;

/**
 * Adadelta's scaling with the unit correction (Zeiler, "ADADELTA: An Adaptive Learning Rate
 * Method", 2012).
 *
 * <p>Elementwise, with RMS[x] = √(E[x²] + ε):
 * <pre>
 *   E[g²]  ← ρ·E[g²] + (1 - ρ)·g²
 *   Δ      = RMS[Δθ]_{t-1} / RMS[g]_t · g
 *   E[Δθ²] ← ρ·E[Δθ²] + (1 - ρ)·Δ²
 * </pre>
 * and u = Δ. The ratio RMS[Δθ]/RMS[g] approximates the inverse Hessian's units, so no learning
 * rate is needed: Adadelta is this followed by {@code Scale(-1)} (or {@code Scale(-η)} for
 * PyTorch's optional multiplier, which does not enter the accumulated E[Δθ²]).
 *
 * <p>State: {@code {"nu": E[g²], "delta": E[Δθ²]}}, both zeros initially.
 *
 * @param decay   ρ in [0, 1) (default 0.9 as PyTorch; the paper uses 0.95)
 * @param epsilon ε &gt; 0 (default 1e-6); it also seeds the first steps, when E[Δθ²] = 0
 */
public record ScaleByAdadelta(double decay, double epsilon) implements GradientTransform {

  /**
   * Validates ρ and ε.
   *
   * @param decay ρ in [0, 1) (default 0.9 as PyTorch; the paper uses 0.95)
   * @param epsilon ε &gt; 0 (default 1e-6); it also seeds the first steps, when E[Δθ²] = 0
   */
  public ScaleByAdadelta {
    Require.decay("Adadelta ρ", decay);
    Require.positive("Adadelta ε", epsilon);
  }

  /** {@return ρ = 0.9, ε = 1e-6} */
  public static ScaleByAdadelta defaults() {
    return new ScaleByAdadelta(0.9, 1e-6);
  }

  @Override
  public Tree init(Tree params) {
    Tree zeros = params.zerosLike();
    return Tree.empty().with("nu", zeros).with("delta", zeros);
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    Tree nu = Moments.averageOfSquares(decay, state.child("nu"), grads);
    Tree updates = Leafwise.zip3("ScaleByAdadelta state", grads, nu, state.child("delta"),
        (g, v, d) -> Math.sqrt(d + epsilon) / Math.sqrt(v + epsilon) * g);
    Tree delta = Moments.averageOfSquares(decay, state.child("delta"), updates);
    return new Step(updates, Tree.empty().with("nu", nu).with("delta", delta));
  }
}
