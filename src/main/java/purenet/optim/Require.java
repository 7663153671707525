package purenet.optim;

/** Hyperparameter checks shared by the transforms and schedules; messages name the value. */
final class Require {
  private Require() {}

  /** {@code value > 0} and finite. */
  static double positive(String what, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be > 0, got " + value);
    }
    return value;
  }

  /** {@code value >= 0} and finite. */
  static double nonNegative(String what, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
    return value;
  }

  /** {@code 0 <= value < 1}: a decay rate or moment coefficient. */
  static double decay(String what, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
    }
    return value;
  }

  /** {@code 0 <= value <= 1}. */
  static double fraction(String what, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + value);
    }
    return value;
  }

  /** {@code 0 < value <= 1}: a factor that shrinks, checked as {@link #positive} then {@link #fraction}. */
  static double shrinking(String what, double value) {
    positive(what, value);
    return fraction(what, value);
  }

  /**
   * Adam's hyperparameters: β₁, β₂ {@link #decay decays} and ε {@link #positive}, in that order,
   * named "{@code optimizer} β1", "... β2", "... ε".
   */
  static void moments(String optimizer, double b1, double b2, double epsilon) {
    decay(optimizer + " β1", b1);
    decay(optimizer + " β2", b2);
    positive(optimizer + " ε", epsilon);
  }

  /** {@code value >= 1}: a number of steps. */
  static long steps(String what, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + value);
    }
    return value;
  }

  /** Finite. */
  static double finite(String what, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be finite, got " + value);
    }
    return value;
  }
}
