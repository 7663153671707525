package purenet.train;

import io.vavr.control.Option;

/**
 * When {@link Fit} calls a finite but growing loss divergence, before it overflows: the objective
 * L_t = data loss + penalty of step t exceeds {@code factor} × L_ref, where L_ref is the objective
 * of the fit's first step with a positive objective. A non-finite objective is always divergence
 * (the step itself throws); {@link #off()} leaves only that test.
 *
 * <p>The default, {@link #standard()}, is a factor of 10⁴. Why: a run that diverges grows
 * geometrically (at learning rate 0.3 an 8-64-64-1 tanh MLP went from a first loss of 11 to 10¹⁰³
 * by the end of its first epoch and 10³⁰¹ by its third; see the NothingSilentlyWrong example), so
 * any large factor stops it within a few steps of the point of no return and hundreds of orders of
 * magnitude before a double overflows; while a healthy run's batch losses stay within a small
 * factor of their first value (softmax cross-entropy starts near ln(classes) and falls; squared
 * error starts at the untrained model's error and falls), so 10⁴ leaves four orders of magnitude
 * for noise and loss spikes. The reference is the first step's objective, not the best so far,
 * because a run that fits its batches almost exactly (a loss near 0) would otherwise be stopped by
 * ordinary noise. Losses that are never positive (e.g. some negative log-likelihoods of densities)
 * are checked for finiteness only.
 *
 * @param factor how many times the reference objective a step's objective may reach, &gt; 1;
 *               {@code +∞} disables the relative test
 */
public record Divergence(double factor) {

  /** The default factor, 10⁴ (see the class comment for why). */
  public static final double STANDARD_FACTOR = 1e4;

  /**
   * Validates the factor.
   *
   * @param factor how many times the reference objective a step's objective may reach, &gt; 1; {@code +∞} disables the relative test
   */
  public Divergence {
    if (!(factor > 1)) {
      throw new IllegalArgumentException("divergence factor must be > 1 (or +Infinity for off), got " + factor);
    }
  }

  /**
   * The default: divergence when the objective exceeds 10⁴ × the first step's.
   *
   * @return {@code lossAbove(1e4)}
   */
  public static Divergence standard() {
    return new Divergence(STANDARD_FACTOR);
  }

  /**
   * Divergence when a step's objective exceeds {@code factor} × the first step's.
   *
   * @param factor the allowed growth, &gt; 1
   * @return the criterion
   */
  public static Divergence lossAbove(double factor) {
    return new Divergence(factor);
  }

  /**
   * Only non-finite objectives are divergence.
   *
   * @return the criterion with an infinite factor
   */
  public static Divergence off() {
    return new Divergence(Double.POSITIVE_INFINITY);
  }

  /**
   * The reference after a step with objective {@code objective}: the old one if there is one,
   * else this objective if it is positive.
   *
   * @param reference the reference so far, none before the first positive objective
   * @param objective the objective of the step just taken
   * @return the reference for the next steps
   */
  public Option<Double> reference(Option<Double> reference, double objective) {
    return reference.isDefined() || !(objective > 0) ? reference : Option.of(objective);
  }

  /**
   * Whether {@code objective} counts as divergence against {@code reference}.
   *
   * @param reference the first positive objective of the fit, none before one was seen
   * @param objective a finite objective
   * @return objective &gt; factor × reference
   */
  public boolean diverged(Option<Double> reference, double objective) {
    return reference.exists(r -> objective > factor * r);
  }
}
