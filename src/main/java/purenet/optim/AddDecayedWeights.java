package purenet.optim;

import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019): u ← u + λ·w, where w are the current parameters. Stateless.
 *
 * <p>Sign convention: updates are <em>added</em> to the parameters, and this transform works in
 * the descent-direction space, before the learning rate. Place it after the optimizer's scaling
 * and before {@code Scale(-η)} (or {@link ScaleByLearningRate}), so the chain gives
 * <pre>
 *   θ ← θ - η·(step(g) + λ·θ) = θ - η·step(g) - η·λ·θ
 * </pre>
 * with λ·θ kept out of the optimizer's moments. That is AdamW = {@code chain(ScaleByAdam,
 * AddDecayedWeights(λ), Scale(-η))}. λ·w is the gradient of the L2 penalty λ/2·Σw², so for plain
 * SGD decoupled decay equals coupled L2 and the shrinkage rule θ ← (1 - ηλ)·θ - η·g. Placed after
 * {@code Scale(-η)} it would grow the weights instead. This is the one way to decoupled weight decay:
 * its step size is whatever learning rate or schedule follows it in the chain, so η is never given
 * twice ({@link Optimizers#adamw} builds the chain). Frozen parameters ({@link Freeze} at the end of
 * the chain) do not decay.
 *
 * @param lambda   λ &ge; 0, the L2 coefficient
 * @param selected the leaves that decay (all, or e.g. {@code Selector.weights()} to spare biases)
 */
public record AddDecayedWeights(double lambda, Selector selected) implements GradientTransform {

  /**
   * Validates λ and the selector.
   *
   * @param lambda λ &ge; 0, the L2 coefficient
   * @param selected the leaves that decay (all, or e.g. {@code Selector.weights()} to spare biases)
   */
  public AddDecayedWeights {
    Require.nonNegative("weight decay λ", lambda);
    if (selected == null) {
      throw new IllegalArgumentException("AddDecayedWeights needs a selector, got null");
    }
  }

  /**
   * Decay of every leaf.
   *
   * @param lambda λ &ge; 0
   */
  public AddDecayedWeights(double lambda) {
    this(lambda, Selector.all());
  }

  /**
   * No state.
   *
   * @throws IllegalArgumentException if the selector matches no leaf of {@code params}, listing its paths
   */
  @Override
  public Tree init(Tree params) {
    selected.requireAny(params, toString());
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    params.requireSameStructure(grads, "AddDecayedWeights updates");
    return new Step(grads.mapWithPath((path, u) -> selected.test(path) ? u.addScaled(lambda, params.tensor(path)) : u),
        state);
  }
}
