package purenet.optim;

/**
 * Ready-made optimizers, each a {@link GradientTransform} chain whose updates are added to the
 * parameters.
 */
public final class Optimizers {
  private Optimizers() {}

  /**
   * Stochastic gradient descent: θ ← θ - η·g.
   *
   * @param learningRate η &gt; 0
   */
  public static GradientTransform sgd(double learningRate) {
    requirePositive("learning rate", learningRate);
    return new Scale(-learningRate);
  }

  static void requirePositive(String what, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be > 0, got " + value);
    }
  }
}
