package purenet.init;

/**
 * The recommended gain of a variance-scaling initializer for the nonlinearity that follows the
 * layer, PyTorch's {@code calculate_gain} table: the factor by which the activation shrinks the
 * second moment of its input, inverted, so Var(w) = gain²/fan keeps activations at unit scale.
 *
 * <table>
 *   <caption>Gains</caption>
 *   <tr><th>nonlinearity</th><th>gain</th></tr>
 *   <tr><td>linear / identity / convolution</td><td>1</td></tr>
 *   <tr><td>sigmoid</td><td>1</td></tr>
 *   <tr><td>tanh</td><td>5/3</td></tr>
 *   <tr><td>ReLU</td><td>√2</td></tr>
 *   <tr><td>leaky ReLU with slope a</td><td>√(2/(1 + a²))</td></tr>
 *   <tr><td>SELU</td><td>3/4</td></tr>
 * </table>
 * ReLU's √2 is He et al. (2015): E[max(0, y)²] = ½·Var(y). SELU's 3/4 is PyTorch's choice for
 * self-normalizing networks (Klambauer et al., 2017), which otherwise use LeCun normal, gain 1.
 */
public final class Gain {
  private Gain() {}

  /** {@return 1: linear, identity and convolution layers} */
  public static double linear() {
    return 1.0;
  }

  /** {@return 1} */
  public static double sigmoid() {
    return 1.0;
  }

  /** {@return 5/3} */
  public static double tanh() {
    return 5.0 / 3.0;
  }

  /** {@return √2} */
  public static double relu() {
    return Math.sqrt(2.0);
  }

  /**
   * {@return √(2/(1 + a²)) for negative slope a (a = 0 is ReLU's √2, a = 1 is linear's 1)}
   *
   * @param slope the slope for negative inputs
   */
  public static double leakyRelu(double slope) {
    if (!Double.isFinite(slope)) {
      throw new IllegalArgumentException("leaky ReLU slope must be finite, got " + slope);
    }
    return Math.sqrt(2.0 / (1 + slope * slope));
  }

  /** {@return leaky ReLU with PyTorch's default slope 0.01} */
  public static double leakyRelu() {
    return leakyRelu(0.01);
  }

  /** {@return 3/4, as PyTorch} */
  public static double selu() {
    return 0.75;
  }
}
