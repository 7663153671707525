package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Every element equal to {@code value}: zeros for biases, a small positive constant (e.g. 0.01)
 * for ReLU biases. Zero weights leave hidden units symmetric: they receive identical gradients
 * and never differentiate, so use a random initializer for weights.
 *
 * @param value the constant
 */
public record Constant(double value) implements Initializer {

  /**
   * Validates the value.
   *
   * @param value the constant
   */
  public Constant {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Constant value must be finite, got " + value);
    }
  }

  /** {@return all zeros} */
  public static Constant zeros() {
    return new Constant(0.0);
  }

  /** {@return all ones} */
  public static Constant ones() {
    return new Constant(1.0);
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    return Tensor.full(value, shape);
  }
}
