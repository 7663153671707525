package purenet.optim;

import purenet.tree.Tree;

/**
 * Momentum as a trace of past gradients (Polyak, 1964; Nesterov's variant as in Sutskever et al.,
 * "On the importance of initialization and momentum in deep learning", 2013).
 *
 * <p>Heavy ball: v ← γ·v + g, u = v. Nesterov: v ← γ·v + g, u = g + γ·v (the look-ahead
 * reformulation: the parameters held are θ - γ·v, so the gradient is already taken at the point
 * the seed's NAG "jumps" to). Followed by {@code Scale(-η)} this is the textbook momentum
 * v = γ·v + η·∇J, θ ← θ - v with the velocity measured in gradient units (v_textbook = η·v);
 * the two agree exactly for a constant η, and under a schedule η(t) multiplies the whole
 * velocity at use (PyTorch's and Optax's convention).
 *
 * <p>State: {@code {"trace": tree like params}}, zeros initially.
 *
 * @param decay    γ in [0, 1), typically 0.9
 * @param nesterov whether to return Nesterov's look-ahead update
 */
public record TraceMomentum(double decay, boolean nesterov) implements GradientTransform {

  /**
   * Validates γ.
   *
   * @param decay γ in [0, 1), typically 0.9
   * @param nesterov whether to return Nesterov's look-ahead update
   */
  public TraceMomentum {
    Require.decay("momentum γ", decay);
  }

  /**
   * {@return heavy-ball momentum with coefficient γ}
   *
   * @param decay γ in [0, 1), typically 0.9
   */
  public static TraceMomentum of(double decay) {
    return new TraceMomentum(decay, false);
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty().with("trace", params.zerosLike());
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    Tree trace = grads.zipWith(state.child("trace"), (g, v) -> g.zipWith(v, (gi, vi) -> gi + decay * vi));
    Tree updates = nesterov
        ? grads.zipWith(trace, (g, v) -> g.zipWith(v, (gi, vi) -> gi + decay * vi))
        : trace;
    return new Step(updates, Tree.empty().with("trace", trace));
  }
}
