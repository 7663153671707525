package purenet.optim;

import purenet.tree.Tree;

/**
 * Adagrad's per-coordinate scaling (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for
 * Online Learning and Stochastic Optimization", JMLR 2011).
 *
 * <p>G ← G + g² (the diagonal of Σ g·gᵀ), u = g / √(G + ε), elementwise, with ε inside the square
 * root as in the seed lecture (θ ← θ - η/√(G + ε)·g once followed by {@code Scale(-η)}).
 *
 * <p>State: {@code {"sum_of_squares": tree like params}}, filled with the initial accumulator.
 *
 * @param epsilon            ε &gt; 0 (default 1e-10)
 * @param initialAccumulator G₀ &ge; 0 (default 0, as PyTorch; Keras and Optax use 0.1)
 */
public record ScaleByAdagrad(double epsilon, double initialAccumulator) implements GradientTransform {

  /**
   * Validates ε and G₀.
   *
   * @param epsilon ε &gt; 0 (default 1e-10)
   * @param initialAccumulator G₀ &ge; 0 (default 0, as PyTorch; Keras and Optax use 0.1)
   */
  public ScaleByAdagrad {
    Require.positive("Adagrad ε", epsilon);
    Require.nonNegative("Adagrad initial accumulator", initialAccumulator);
  }

  /** {@return ε = 1e-10, G₀ = 0} */
  public static ScaleByAdagrad defaults() {
    return new ScaleByAdagrad(1e-10, 0.0);
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty().with("sum_of_squares", params.map(p -> p.map(x -> initialAccumulator)));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    Tree sum = state.child("sum_of_squares").zipWith(grads, (s, g) -> s.zipWith(g, (si, gi) -> si + gi * gi));
    Tree updates = grads.zipWith(sum, (g, s) -> g.zipWith(s, (gi, si) -> gi / Math.sqrt(si + epsilon)));
    return new Step(updates, Tree.empty().with("sum_of_squares", sum));
  }
}
