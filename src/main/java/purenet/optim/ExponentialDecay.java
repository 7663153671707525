package purenet.optim;

/**
 * Exponential decay: η(t) = η₀·rate^(t / steps), continuous in t (the rate is multiplied by
 * {@code rate} every {@code steps} steps, smoothly in between).
 *
 * @param initial η₀ &gt; 0
 * @param rate    the decay per {@code steps} steps, in (0, 1]
 * @param steps   the decay period, &ge; 1
 */
public record ExponentialDecay(double initial, double rate, long steps) implements Schedule {

  /**
   * Validates the parameters.
   *
   * @param initial η₀ &gt; 0
   * @param rate the decay per {@code steps} steps, in (0, 1]
   * @param steps the decay period, &ge; 1
   */
  public ExponentialDecay {
    Require.positive("initial learning rate", initial);
    Require.shrinking("exponential decay rate", rate);
    Require.steps("exponential decay period", steps);
  }

  @Override
  public double at(long step) {
    return initial * Math.pow(rate, (double) Math.max(step, 0) / steps);
  }
}
