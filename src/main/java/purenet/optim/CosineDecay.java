package purenet.optim;

/**
 * Cosine decay (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts",
 * ICLR 2017, without restarts):
 * <pre>
 *   η(t) = η₀·(α + (1 - α)·½·(1 + cos(π·min(t, T)/T)))
 * </pre>
 * falling from η₀ at t = 0 to α·η₀ at t = T and staying there.
 *
 * @param initial η₀ &gt; 0
 * @param steps   T &ge; 1, the length of the decay
 * @param floor   α in [0, 1], the final rate as a fraction of η₀
 */
public record CosineDecay(double initial, long steps, double floor) implements Schedule {

  /**
   * Validates the parameters.
   *
   * @param initial η₀ &gt; 0
   * @param steps T &ge; 1, the length of the decay
   * @param floor α in [0, 1], the final rate as a fraction of η₀
   */
  public CosineDecay {
    Require.positive("initial learning rate", initial);
    Require.steps("cosine decay steps", steps);
    Require.fraction("cosine decay floor", floor);
  }

  @Override
  public double at(long step) {
    double progress = (double) Math.min(Math.max(step, 0), steps) / steps;
    return initial * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
}
