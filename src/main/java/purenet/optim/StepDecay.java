package purenet.optim;

/**
 * Step decay: η(t) = η₀·factor^⌊t / every⌋, e.g. halve the rate every 10 epochs' worth of steps.
 *
 * @param initial η₀ &gt; 0
 * @param factor  the multiplier per stage, in (0, 1]
 * @param every   the number of steps per stage, &ge; 1
 */
public record StepDecay(double initial, double factor, long every) implements Schedule {

  /**
   * Validates the parameters.
   *
   * @param initial η₀ &gt; 0
   * @param factor the multiplier per stage, in (0, 1]
   * @param every the number of steps per stage, &ge; 1
   */
  public StepDecay {
    Require.positive("initial learning rate", initial);
    Require.shrinking("step-decay factor", factor);
    Require.steps("step-decay interval", every);
  }

  @Override
  public double at(long step) {
    return initial * Math.pow(factor, Math.floorDiv(Math.max(step, 0), every));
  }
}
