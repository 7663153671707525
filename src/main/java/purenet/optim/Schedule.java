package purenet.optim;

import java.io.Serializable;

/**
 * A learning-rate schedule: the rate η(t) for the update at step t = 0, 1, 2, ... (t is the number
 * of updates already applied). Use one with {@link ScaleByLearningRate} or the {@code Schedule}
 * overloads of {@link Optimizers}.
 *
 * <p>Schedules are values (records) and compose: {@link #withWarmup} puts a linear warm-up in front
 * of any schedule, {@link #scaled} multiplies one by a constant. A lambda is a schedule too, e.g.
 * {@code t -> 0.1 / Math.sqrt(t + 1)}.
 */
@FunctionalInterface
public interface Schedule extends Serializable {

  /**
   * {@return η(t), the rate for the update at step {@code step} (0-based)}
   *
   * @param step the optimizer step t, from 0
   */
  double at(long step);

  /**
   * {@return η(t) = η}
   *
   * @param rate η
   */
  static Schedule constant(double rate) {
    return new ConstantRate(rate);
  }

  /**
   * {@return η(t) = η₀·factor^⌊t / every⌋: multiplied by {@code factor} every {@code every} steps}
   *
   * @param initial η₀
   * @param factor the factor applied every {@code every} steps
   * @param every the number of steps between drops
   */
  static Schedule stepDecay(double initial, double factor, long every) {
    return new StepDecay(initial, factor, every);
  }

  /**
   * {@return η(t) = η₀·rate^(t / steps): smooth exponential decay, by {@code rate} per {@code
   * steps}}
   *
   * @param initial η₀
   * @param rate the factor per {@code steps} steps
   * @param steps the number of steps over which {@code rate} applies once
   */
  static Schedule exponential(double initial, double rate, long steps) {
    return new ExponentialDecay(initial, rate, steps);
  }

  /**
   * {@return cosine decay from η₀ to 0 over {@code steps} steps, then 0 (see {@link CosineDecay})}
   *
   * @param initial η₀
   * @param steps the number of steps of the decay
   */
  static Schedule cosine(double initial, long steps) {
    return new CosineDecay(initial, steps, 0.0);
  }

  /**
   * {@return this schedule after a linear warm-up from 0: η(t) = η_this(0)·t/steps for t &lt; steps,
   * then η_this(t - steps) (see {@link Warmup})}
   *
   * @param steps the length of the warm-up in steps
   */
  default Schedule withWarmup(long steps) {
    return new Warmup(0.0, steps, this);
  }

  /**
   * {@return c·η(t)}
   *
   * @param c the factor
   */
  default Schedule scaled(double c) {
    Require.finite("schedule scale", c);
    Schedule self = this;
    return step -> c * self.at(step);
  }
}
