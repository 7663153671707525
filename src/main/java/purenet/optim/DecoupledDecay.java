package purenet.optim;

import purenet.regularize.Penalties;
import purenet.tree.Tree;

/**
 * Decoupled weight decay (Loshchilov and Hutter 2019, "Decoupled Weight Decay Regularization"):
 * after the optimizer has turned gradients into updates, subtracts the learning-rate-scaled penalty
 * gradient at the pre-update parameters, u ← u - η·∇R(θ), so that θ ← θ - step(g) - η·∇R(θ).
 * Stateless.
 *
 * <p>Put it last in a chain: {@code chain(optimizer, new DecoupledDecay(p, η))}. The penalty never
 * reaches the optimizer's moments, so with Adam every weight decays at the same relative rate ηλ
 * whatever its gradient history: Adam followed by decoupled L2 is AdamW. With plain SGD it equals
 * the coupled form ({@link AddPenaltyGradient}) and, for L2(λ), the shrinkage rule
 * θ ← (1 - ηλ)θ - η·∂L/∂θ (Breininger et al., FAU Deep Learning exercise "Regularization", 2024).
 *
 * <p>{@link AddDecayedWeights} is the special case R = L2(λ) on every leaf, placed before the
 * learning-rate scaling instead of after it; this transform takes any {@code Penalties} (L1, elastic
 * net, per-layer λ, weights only) and its own η.
 *
 * @param penalties    the penalty R, e.g. {@code Penalized.weights(new L2(λ))}
 * @param learningRate η &gt; 0, the rate the decay is scaled by (normally the optimizer's)
 */
public record DecoupledDecay(Penalties penalties, double learningRate) implements GradientTransform {

  /**
   * Rejects a non-positive or non-finite learning rate.
   *
   * @param penalties the penalty R, e.g. {@code Penalized.weights(new L2(λ))}
   * @param learningRate η &gt; 0, the rate the decay is scaled by (normally the optimizer's)
   */
  public DecoupledDecay {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("DecoupledDecay learning rate must be > 0, got " + learningRate);
    }
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree updates, Tree state, Tree params) {
    Tree decay = penalties.apply(params).gradient();
    return new Step(updates.zipWith(decay, (u, d) -> u.addScaled(-learningRate, d)), state);
  }
}
