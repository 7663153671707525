package purenet.layer;

/**
 * Leaky ReLU: f(x) = x for x &gt; 0, slope·x otherwise; f'(x) = 1 or slope.
 *
 * @param slope the slope for negative inputs, in [0, 1)
 */
public record LeakyRelu(double slope) implements Pointwise {

  /**
   * Validates the slope.
   *
   * @param slope the slope for negative inputs, in [0, 1)
   */
  public LeakyRelu {
    if (!(slope >= 0 && slope < 1)) {
      throw new IllegalArgumentException("LeakyRelu slope must be in [0, 1), got " + slope);
    }
  }

  /** Slope 0.01, PyTorch's default. */
  public LeakyRelu() {
    this(0.01);
  }

  @Override
  public double value(double x) {
    return x > 0 ? x : slope * x;
  }

  @Override
  public double derivative(double x, double y) {
    return x > 0 ? 1.0 : slope;
  }
}
