package purenet.optim;

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
 * {@code Scale(-η)} it would grow the weights instead. To spare biases or frozen parameters, wrap it
 * in {@link Masked} or end the chain with {@link Freeze}.
 *
 * @param lambda λ &ge; 0, the L2 coefficient
 */
public record AddDecayedWeights(double lambda) implements GradientTransform {

  /**
   * Validates λ.
   *
   * @param lambda λ &ge; 0, the L2 coefficient
   */
  public AddDecayedWeights {
    Require.nonNegative("weight decay λ", lambda);
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(grads.zipWith(params, (u, w) -> u.addScaled(lambda, w)), state);
  }
}
