package purenet.optim;

import purenet.tree.Selector;

/**
 * Ready-made optimizers: each a {@link Chain} of small transforms whose final updates are
 * <em>added</em> to the parameters, θ ← θ + u. The direction transforms come first, then
 * {@code Scale(-η)} (constant rate, stateless) or {@link ScaleByLearningRate} (a {@link Schedule},
 * with a step counter) turns the direction into a descent step.
 *
 * <p>Formulas (elementwise, g the gradient, η the learning rate):
 * <ul>
 *   <li>SGD: θ ← θ - η·g.
 *   <li>Momentum: v ← γ·v + η·g, θ ← θ - v ({@link TraceMomentum}).
 *   <li>Nesterov: the same with the gradient at the look-ahead point θ - γ·v ({@link TraceMomentum}).
 *   <li>Adagrad: G ← G + g², θ ← θ - η·g/√(G + ε) ({@link ScaleByAdagrad}).
 *   <li>Adadelta: θ ← θ - η·RMS[Δθ]_{t-1}/RMS[g]_t·g, η = 1 by default ({@link ScaleByAdadelta}).
 *   <li>RMSprop: E[g²] ← γ·E[g²] + (1 - γ)·g², θ ← θ - η·g/√(E[g²] + ε) ({@link ScaleByRms}).
 *   <li>Adam: θ ← θ - η·m̂/(√v̂ + ε), bias-corrected moments ({@link ScaleByAdam}).
 *   <li>AMSGrad: Adam with the running maximum of v ({@link ScaleByAmsgrad}).
 *   <li>AdamW: θ ← θ - η·(m̂/(√v̂ + ε) + λ·θ), decay outside the moments ({@link AddDecayedWeights}).
 * </ul>
 * Hyperparameters are validated here and in the transforms' constructors; the messages name the
 * value found. Any direction transform takes a schedule the same way the overloads here do:
 * {@code chain(new ScaleByRms(0.9, 1e-8), Optimizers.learningRate(Schedule.cosine(1e-3, 10_000)))}.
 */
public final class Optimizers {
  private Optimizers() {}

  /**
   * {@return the descent step for a constant rate: {@code Scale(-η)}}
   *
   * @param learningRate η, a number or a schedule of the step
   */
  public static GradientTransform learningRate(double learningRate) {
    Require.positive("learning rate", learningRate);
    return new Scale(-learningRate);
  }

  /**
   * {@return the descent step for a scheduled rate: {@link ScaleByLearningRate}}
   *
   * @param learningRate η, a number or a schedule of the step
   */
  public static GradientTransform learningRate(Schedule learningRate) {
    return new ScaleByLearningRate(learningRate);
  }

  // ---------------------------------------------------------------- SGD and momentum

  /**
   * {@return stochastic gradient descent: θ ← θ - η·g}
   *
   * @param learningRate η &gt; 0
   */
  public static GradientTransform sgd(double learningRate) {
    return learningRate(learningRate);
  }

  /**
   * {@return SGD with a scheduled rate: θ ← θ - η(t)·g}
   *
   * @param learningRate η, a number or a schedule of the step
   */
  public static GradientTransform sgd(Schedule learningRate) {
    return learningRate(learningRate);
  }

  /**
   * {@return SGD with momentum (Polyak): v ← γ·v + η·g, θ ← θ - v}
   *
   * @param learningRate η &gt; 0
   * @param momentum     γ in [0, 1), typically 0.9
   */
  public static GradientTransform momentum(double learningRate, double momentum) {
    return Chain.of(new TraceMomentum(momentum, false), learningRate(learningRate));
  }

  /**
   * {@return momentum with a scheduled rate: v ← γ·v + g, θ ← θ - η(t)·v}
   *
   * @param learningRate η, a number or a schedule of the step
   * @param momentum γ in [0, 1), typically 0.9
   */
  public static GradientTransform momentum(Schedule learningRate, double momentum) {
    return Chain.of(new TraceMomentum(momentum, false), learningRate(learningRate));
  }

  /**
   * {@return Nesterov accelerated gradient: v ← γ·v + η·∇J(θ - γ·v), θ ← θ - v, computed in the
   * look-ahead form u = -η·(g + γ·v') with v' ← γ·v' + g (Sutskever et al., 2013)}
   *
   * @param learningRate η &gt; 0
   * @param momentum     γ in [0, 1), typically 0.9
   */
  public static GradientTransform nesterov(double learningRate, double momentum) {
    return Chain.of(new TraceMomentum(momentum, true), learningRate(learningRate));
  }

  /**
   * {@return Nesterov with a scheduled rate}
   *
   * @param learningRate η, a number or a schedule of the step
   * @param momentum γ in [0, 1), typically 0.9
   */
  public static GradientTransform nesterov(Schedule learningRate, double momentum) {
    return Chain.of(new TraceMomentum(momentum, true), learningRate(learningRate));
  }

  // ---------------------------------------------------------------- adaptive

  /**
   * {@return Adagrad with ε = 1e-10 and a zero initial accumulator: θ ← θ - η·g/√(G + ε)}
   *
   * @param learningRate η, a number or a schedule of the step
   */
  public static GradientTransform adagrad(double learningRate) {
    return adagrad(learningRate, 1e-10);
  }

  /**
   * {@return Adagrad: G ← G + g², θ ← θ - η·g/√(G + ε)}
   *
   * @param learningRate η &gt; 0 (e.g. 0.01)
   * @param epsilon      ε &gt; 0
   */
  public static GradientTransform adagrad(double learningRate, double epsilon) {
    return Chain.of(new ScaleByAdagrad(epsilon, 0.0), learningRate(learningRate));
  }

  /** {@return Adadelta with ρ = 0.9, ε = 1e-6 and no learning rate (η = 1)} */
  public static GradientTransform adadelta() {
    return adadelta(1.0, 0.9, 1e-6);
  }

  /**
   * {@return Adadelta with the RMS[Δθ] unit correction: θ ← θ - η·RMS[Δθ]_{t-1}/RMS[g]_t·g}
   *
   * @param learningRate η &gt; 0, a multiplier outside the accumulators (1 in Zeiler's paper)
   * @param rho          ρ in [0, 1)
   * @param epsilon      ε &gt; 0
   */
  public static GradientTransform adadelta(double learningRate, double rho, double epsilon) {
    return Chain.of(new ScaleByAdadelta(rho, epsilon), learningRate(learningRate));
  }

  /**
   * {@return RMSprop with γ = 0.9 and ε = 1e-8}
   *
   * @param learningRate η, a number or a schedule of the step
   */
  public static GradientTransform rmsprop(double learningRate) {
    return rmsprop(learningRate, 0.9, 1e-8);
  }

  /**
   * {@return RMSprop: E[g²] ← γ·E[g²] + (1 - γ)·g², θ ← θ - η·g/√(E[g²] + ε)}
   *
   * @param learningRate η &gt; 0 (Hinton suggests 0.001)
   * @param decay        γ in [0, 1)
   * @param epsilon      ε &gt; 0
   */
  public static GradientTransform rmsprop(double learningRate, double decay, double epsilon) {
    return Chain.of(new ScaleByRms(decay, epsilon), learningRate(learningRate));
  }

  /**
   * {@return Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8}
   *
   * @param learningRate η, a number or a schedule of the step
   */
  public static GradientTransform adam(double learningRate) {
    return adam(learningRate, 0.9, 0.999, 1e-8);
  }

  /**
   * {@return Adam: θ ← θ - η·m̂/(√v̂ + ε), bias-corrected moments, ε outside the square root}
   *
   * @param learningRate η &gt; 0
   * @param b1           β₁ in [0, 1)
   * @param b2           β₂ in [0, 1)
   * @param epsilon      ε &gt; 0
   */
  public static GradientTransform adam(double learningRate, double b1, double b2, double epsilon) {
    return Chain.of(new ScaleByAdam(b1, b2, epsilon), learningRate(learningRate));
  }

  /**
   * {@return Adam with a scheduled rate: θ ← θ - η(t)·m̂/(√v̂ + ε)}
   *
   * @param learningRate η, a number or a schedule of the step
   * @param b1 β₁ in [0, 1)
   * @param b2 β₂ in [0, 1)
   * @param epsilon ε &gt; 0
   */
  public static GradientTransform adam(Schedule learningRate, double b1, double b2, double epsilon) {
    return Chain.of(new ScaleByAdam(b1, b2, epsilon), learningRate(learningRate));
  }

  /**
   * {@return AMSGrad with β₁ = 0.9, β₂ = 0.999, ε = 1e-8}
   *
   * @param learningRate η, a number or a schedule of the step
   */
  public static GradientTransform amsgrad(double learningRate) {
    return amsgrad(learningRate, 0.9, 0.999, 1e-8);
  }

  /**
   * {@return AMSGrad: Adam with v_max = max(v_max, v) in the denominator (PyTorch's {@code
   * amsgrad=True})}
   *
   * @param learningRate η &gt; 0
   * @param b1           β₁ in [0, 1)
   * @param b2           β₂ in [0, 1)
   * @param epsilon      ε &gt; 0
   */
  public static GradientTransform amsgrad(double learningRate, double b1, double b2, double epsilon) {
    return Chain.of(new ScaleByAmsgrad(b1, b2, epsilon), learningRate(learningRate));
  }

  /**
   * {@return AdamW with β₁ = 0.9, β₂ = 0.999, ε = 1e-8}
   *
   * @param learningRate η, a number or a schedule of the step
   * @param weightDecay λ &ge; 0
   */
  public static GradientTransform adamw(double learningRate, double weightDecay) {
    return adamw(learningRate, 0.9, 0.999, 1e-8, weightDecay);
  }

  /**
   * {@return AdamW (Loshchilov and Hutter, 2019): θ ← θ - η·(m̂/(√v̂ + ε) + λ·θ), the decay kept out
   * of the moments: {@code chain(ScaleByAdam, AddDecayedWeights(λ), Scale(-η))}, so the decay's step
   * size is the learning rate η (or η(t) of a schedule), never given twice} The decay applies to
   * every parameter, as in PyTorch; {@link #adamw(double, double, Selector)} spares the unselected
   * ones.
   *
   * @param learningRate η &gt; 0
   * @param b1           β₁ in [0, 1)
   * @param b2           β₂ in [0, 1)
   * @param epsilon      ε &gt; 0
   * @param weightDecay  λ &ge; 0 (PyTorch's default is 0.01)
   */
  public static GradientTransform adamw(double learningRate, double b1, double b2, double epsilon,
      double weightDecay) {
    return Chain.of(new ScaleByAdam(b1, b2, epsilon), new AddDecayedWeights(weightDecay),
        learningRate(learningRate));
  }

  /**
   * AdamW with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 whose decay applies only to the selected leaves, e.g.
   * {@code adamw(1e-3, 0.01, Selector.weights())} to spare biases and normalization parameters.
   *
   * @param learningRate η &gt; 0
   * @param weightDecay  λ &ge; 0
   * @param decayed      the leaves that decay
   * @return the optimizer
   */
  public static GradientTransform adamw(double learningRate, double weightDecay, Selector decayed) {
    return Chain.of(new ScaleByAdam(0.9, 0.999, 1e-8), new AddDecayedWeights(weightDecay, decayed),
        learningRate(learningRate));
  }

  /**
   * {@return AdamW with a scheduled rate: the decay is scaled by η(t) too}
   *
   * @param learningRate η, a number or a schedule of the step
   * @param b1 β₁ in [0, 1)
   * @param b2 β₂ in [0, 1)
   * @param epsilon ε &gt; 0
   * @param weightDecay λ &ge; 0
   */
  public static GradientTransform adamw(Schedule learningRate, double b1, double b2, double epsilon,
      double weightDecay) {
    return Chain.of(new ScaleByAdam(b1, b2, epsilon), new AddDecayedWeights(weightDecay),
        learningRate(learningRate));
  }

  // ---------------------------------------------------------------- masks

  /**
   * {@return zero updates for the parameters whose path {@code frozen} accepts ({@link Freeze}); put
   * it last in a chain so nothing, not even weight decay, moves them}
   *
   * @param frozen the predicate on parameter paths that selects the frozen ones
   */
  public static GradientTransform freeze(Selector frozen) {
    return new Freeze(frozen);
  }

  /**
   * {@return {@code optimizer} with the parameters {@code frozen} accepts held still: the optimizer
   * sees (and keeps state for) only the others, and {@link Freeze} zeroes the frozen ones' updates}
   *
   * @param optimizer the optimizer of the other parameters
   * @param frozen the predicate on parameter paths that selects the frozen ones
   */
  public static GradientTransform freeze(GradientTransform optimizer, Selector frozen) {
    return Chain.of(new Masked(optimizer, frozen.negate()), new Freeze(frozen));
  }

  /**
   * {@return {@code inner} on the leaves {@code selected} accepts, the others passed through ({@link
   * Masked})}
   *
   * @param inner the transform applied to the selected leaves
   * @param selected the predicate on parameter paths
   */
  public static GradientTransform masked(GradientTransform inner, Selector selected) {
    return new Masked(inner, selected);
  }
}
