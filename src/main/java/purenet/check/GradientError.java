package purenet.check;

import java.util.Arrays;
import purenet.tensor.Shape;

/**
 * How far one gradient (the input's, or one parameter leaf's) is from its finite-difference
 * estimate: the largest elementwise relative error and the element where it occurs.
 *
 * <p>The relative error of an element with analytic value a and numeric value n is
 * max(0, |a − n| − noise) / max(|a| + |n|, floor) (see {@link GradientCheck}); it lies in [0, 1] (a wrong sign gives
 * 1, a factor of 2 gives 1/3), and is +∞ when either value is not finite.
 *
 * @param path             {@code "input"} or the parameter path, e.g. {@code "0/weight"}
 * @param shape            the shape of the gradient
 * @param maxRelativeError the largest relative error over the elements (0 for an empty tensor)
 * @param worstPosition    row-major position of the worst element, −1 for an empty tensor
 * @param analytic         the backward pass's value at the worst element
 * @param numeric          the finite-difference value at the worst element
 * @param noise            the bound on the rounding error of {@code numeric}, subtracted from
 *                         |a − n| before dividing
 */
public record GradientError(
    String path, Shape shape, double maxRelativeError, int worstPosition, double analytic, double numeric,
    double noise) {

  /**
   * Validates the fields.
   *
   * @param path {@code "input"} or the parameter path, e.g. {@code "0/weight"}
   * @param shape the shape of the gradient
   * @param maxRelativeError the largest relative error over the elements (0 for an empty tensor)
   * @param worstPosition row-major position of the worst element, −1 for an empty tensor
   * @param analytic the backward pass's value at the worst element
   * @param numeric the finite-difference value at the worst element
   * @param noise the bound on the rounding error of {@code numeric}, subtracted from |a − n| before dividing
   */
  public GradientError {
    if (path == null || shape == null) {
      throw new IllegalArgumentException("path and shape are required, got " + path + ", " + shape);
    }
    if (worstPosition < -1 || worstPosition >= shape.size()) {
      throw new IllegalArgumentException(
          "worst position must be in [-1, " + shape.size() + "), got " + worstPosition);
    }
    if (Double.isNaN(maxRelativeError) || maxRelativeError < 0) {
      throw new IllegalArgumentException("relative error must be >= 0, got " + maxRelativeError);
    }
  }

  /** {@return the multi-index of the worst element, e.g. {@code [1, 2]}; empty for an empty tensor} */
  public int[] worstIndex() {
    if (worstPosition < 0) {
      return new int[0];
    }
    int[] dims = shape.dims();
    int[] index = new int[dims.length];
    int rest = worstPosition;
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = rest % dims[axis];
      rest /= dims[axis];
    }
    return index;
  }

  /**
   * {@return whether the largest relative error is at most {@code tolerance}}
   *
   * @param tolerance the largest acceptable relative error
   */
  public boolean passes(double tolerance) {
    return maxRelativeError <= tolerance;
  }

  /** One line: path, shape, error, worst index with both values. */
  @Override
  public String toString() {
    return String.format("%-16s %-12s max rel err %.3e at %s: analytic %.10g, numeric %.10g (± %.1e)",
        path, shape, maxRelativeError, Arrays.toString(worstIndex()), analytic, numeric, noise);
  }
}
