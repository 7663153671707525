package purenet.check;

import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The result of a {@link GradientCheck}: one {@link GradientError} per checked gradient, the input's
 * first ({@code "input"}), then every parameter leaf in {@code params()} order.
 *
 * @param errors the per-path errors, in order
 * @param step   the relative finite-difference step used
 * @param floor  the denominator floor used
 */
public record GradientReport(Vector<GradientError> errors, double step, double floor) {

  /**
   * Rejects a missing list.
   *
   * @param errors the per-path errors, in order
   * @param step the relative finite-difference step used
   * @param floor the denominator floor used
   */
  public GradientReport {
    if (errors == null) {
      throw new IllegalArgumentException("errors are required, got null");
    }
  }

  /**
   * {@return the error for a path ({@code "input"}, {@code "0/weight"} ...), if it was checked}
   *
   * @param path {@code "input"} or a parameter path
   */
  public Option<GradientError> error(String path) {
    return errors.find(e -> e.path().equals(path));
  }

  /** {@return the checked paths, in order} */
  public Vector<String> paths() {
    return errors.map(GradientError::path);
  }

  /** {@return the path with the largest relative error, if any path was checked} */
  public Option<GradientError> worst() {
    return errors.maxBy(GradientError::maxRelativeError);
  }

  /** {@return the largest relative error over all paths; 0 when nothing was checked} */
  public double maxRelativeError() {
    return worst().map(GradientError::maxRelativeError).getOrElse(0.0);
  }

  /**
   * {@return whether every path's largest relative error is at most {@code tolerance}}
   *
   * @param tolerance the largest acceptable relative error
   */
  public boolean passes(double tolerance) {
    return errors.forAll(e -> e.passes(tolerance));
  }

  /**
   * {@return the paths whose largest relative error exceeds {@code tolerance}}
   *
   * @param tolerance the largest acceptable relative error
   */
  public Vector<GradientError> failures(double tolerance) {
    return errors.filter(e -> !e.passes(tolerance));
  }

  /**
   * {@return this report if it {@link #passes}, else throws an {@link AssertionError} whose message
   * is the tolerance and the full report: for use inside tests}
   *
   * @param tolerance the largest acceptable relative error
   */
  public GradientReport assertPasses(double tolerance) {
    if (!passes(tolerance)) {
      throw new AssertionError("gradient check failed at "
          + failures(tolerance).map(GradientError::path).mkString(", ")
          + " (tolerance " + tolerance + ")\n" + this);
    }
    return this;
  }

  /** A header line with the settings and the worst path, then one line per path. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(String.format(
        "GradientReport (step %.1e, floor %.1e): max relative error %.3e%s",
        step, floor, maxRelativeError(), worst().map(w -> " at " + w.path()).getOrElse("")));
    for (GradientError e : errors) {
      s.append("\n  ").append(e);
    }
    return s.toString();
  }
}
