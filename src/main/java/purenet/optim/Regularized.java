package purenet.optim;

import purenet.regularize.Penalties;
import purenet.regularize.TreeConstraint;

/**
 * Optimizers with regularization attached, as {@link GradientTransform} chains. Works with every
 * optimizer, since each is itself a transform whose updates are added to the parameters.
 *
 * <ul>
 *   <li>{@link #coupled}: θ ← θ + opt(g + ∇R(θ)) — the penalty gradient joins the data gradient.
 *   <li>{@link #decoupled}: θ ← θ + opt(g) - η·∇R(θ) — weight decay outside the optimizer's
 *       moments; {@code decoupled(adam(η), Penalized.weights(new L2(λ)), η)} is AdamW.
 *   <li>{@link #constrained}: θ ← Π(θ + opt(g)) — a projection after each update.
 * </ul>
 *
 * With plain SGD the first two are the same rule; for L2(λ) both are θ ← (1 - ηλ)θ - η·∂L/∂θ.
 */
public final class Regularized {
  private Regularized() {}

  /**
   * {@return {@code chain(AddPenaltyGradient(penalties), optimizer)}: the coupled (L2-style) form}
   *
   * @param optimizer the optimizer
   * @param penalties the penalties whose gradient is added to the loss gradient
   */
  public static GradientTransform coupled(GradientTransform optimizer, Penalties penalties) {
    return Chain.of(new AddPenaltyGradient(penalties), optimizer);
  }

  /**
   * {@return {@code chain(optimizer, DecoupledDecay(penalties, η))}: the decoupled (AdamW-style)
   * form}
   *
   * @param optimizer the optimizer
   * @param penalties the penalties whose gradient is added after the optimizer's scaling
   * @param learningRate η, scaling the penalty gradient
   */
  public static GradientTransform decoupled(GradientTransform optimizer, Penalties penalties, double learningRate) {
    return Chain.of(optimizer, new DecoupledDecay(penalties, learningRate));
  }

  /**
   * {@return {@code chain(optimizer, Project(constraint))}: parameters projected after each update}
   *
   * @param optimizer the optimizer
   * @param constraint the projection applied after each update
   */
  public static GradientTransform constrained(GradientTransform optimizer, TreeConstraint constraint) {
    return Chain.of(optimizer, new Project(constraint));
  }
}
