package purenet.optim;

/**
 * A linear warm-up in front of another schedule (Goyal et al., "Accurate, Large Minibatch SGD:
 * Training ImageNet in 1 Hour", 2017):
 * <pre>
 *   η(t) = start + (η_after(0) - start)·t / W     for t &lt; W
 *   η(t) = η_after(t - W)                         for t &ge; W
 * </pre>
 * so the rate is continuous at t = W and the wrapped schedule starts its own clock there. Warm-ups
 * compose: any {@link Schedule} can follow, including another warm-up.
 *
 * @param start the rate at t = 0, &ge; 0 (0 by default: the first update does not move)
 * @param steps W &ge; 1, the length of the warm-up
 * @param after the schedule that follows
 */
public record Warmup(double start, long steps, Schedule after) implements Schedule {

  /**
   * Validates the parameters.
   *
   * @param start the rate at t = 0, &ge; 0 (0 by default: the first update does not move)
   * @param steps W &ge; 1, the length of the warm-up
   * @param after the schedule that follows
   */
  public Warmup {
    Require.nonNegative("warm-up start rate", start);
    Require.steps("warm-up steps", steps);
    if (after == null) {
      throw new IllegalArgumentException("warm-up needs a schedule to follow, got null");
    }
  }

  @Override
  public double at(long step) {
    if (step >= steps) {
      return after.at(step - steps);
    }
    double peak = after.at(0);
    return start + (peak - start) * Math.max(step, 0) / steps;
  }
}
