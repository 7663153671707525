package purenet.regularize;

/** Validation of hyperparameters shared by the regularizers and constraints of this package. */
final class Hyper {
  private Hyper() {}

  /** Returns {@code value} if it is finite and &ge; 0, else fails naming {@code what}. */
  static double nonNegative(String what, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be >= 0 and finite, got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is finite and &gt; 0, else fails naming {@code what}. */
  static double positive(String what, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be > 0 and finite, got " + value);
    }
    return value;
  }
}
