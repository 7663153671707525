package purenet.optim;

/**
 * The constant schedule η(t) = η.
 *
 * @param rate η &gt; 0
 */
public record ConstantRate(double rate) implements Schedule {

  /**
   * Validates η.
   *
   * @param rate η &gt; 0
   */
  public ConstantRate {
    Require.positive("learning rate", rate);
  }

  @Override
  public double at(long step) {
    return rate;
  }
}
