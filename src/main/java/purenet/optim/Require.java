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
