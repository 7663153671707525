package purenet.check;

import io.vavr.collection.Vector;
import java.util.Locale;
import purenet.regularize.Penalty;
import purenet.regularize.Regularizer;
import purenet.tensor.Tensor;

/**
 * The laws every {@link Regularizer} (a penalty R(w) with its gradient) obeys, as plain functions
 * that return a {@link LawReport}; the jqwik artifact runs them over generated weights
 * ({@code PenaltyContract}).
 *
 * <ol>
 *   <li>{@link #gradient}: ∇R(w) equals central differences of R, relative error (see
 *       {@link GradientCheck}) at most {@link #tolerance()};
 *   <li>{@link #purity}: the same weights give bit-identical values and gradients, and the gradient
 *       has the weights' shape and is finite where the value is.
 * </ol>
 *
 * @param check     the finite-difference checker
 * @param tolerance the largest relative gradient error allowed, in [0, 1]
 */
public record PenaltyLaws(GradientCheck check, double tolerance) {

  /**
   * Validates the settings, so that a bad tolerance fails where it is given.
   *
   * @param check the finite-difference checker
   * @param tolerance the largest relative gradient error allowed, in [0, 1]
   */
  public PenaltyLaws {
    if (check == null) {
      throw new IllegalArgumentException("PenaltyLaws needs a gradient check, got null");
    }
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException("tolerance must be in [0, 1], got " + tolerance);
    }
  }

  /**
   * The laws with the standard checker and tolerance 1e-6.
   *
   * @return the laws
   */
  public static PenaltyLaws standard() {
    return new PenaltyLaws(GradientCheck.standard(), LayerLaws.DEFAULT_TOLERANCE);
  }

  /**
   * Both laws at one point.
   *
   * @param name        the penalty's name in the reports
   * @param regularizer the penalty
   * @param weights     the point, away from the penalty's kinks
   * @return one report per law
   */
  public Vector<LawReport> all(String name, Regularizer regularizer, Tensor weights) {
    return Vector.of(gradient(name, regularizer, weights), purity(name, regularizer, weights));
  }

  /**
   * Law 1: the gradient equals central differences of the value.
   *
   * @param name        the penalty's name in the report
   * @param regularizer the penalty
   * @param weights     the point w
   * @return the report, naming the worst element of the path {@code "weights"} when it fails
   */
  public LawReport gradient(String name, Regularizer regularizer, Tensor weights) {
    String law = "penalty gradient equals central differences";
    GradientError e = check.penalty(regularizer, weights);
    if (e.passes(tolerance)) {
      return LawReport.holds(law, name, String.format(Locale.ROOT, "largest relative error %.3e <= tolerance %.1e",
          e.maxRelativeError(), tolerance));
    }
    return LawReport.fails(law, name, e.path(), e.worstIndex(), e.analytic(), e.numeric(), String.format(Locale.ROOT,
        "actual = analytic (the penalty's gradient), expected = numeric (central differences); relative error "
            + "%.3e > tolerance %.1e", e.maxRelativeError(), tolerance));
  }

  /**
   * Law 2: the penalty is a pure function: two calls give bit-identical values and gradients of the
   * weights' shape, finite when the value is finite.
   *
   * @param name        the penalty's name in the report
   * @param regularizer the penalty
   * @param weights     the point w
   * @return the report
   */
  public LawReport purity(String name, Regularizer regularizer, Tensor weights) {
    String law = "penalty is a pure function of the weights";
    Penalty first = regularizer.apply(weights);
    Penalty second = regularizer.apply(weights);
    if (!first.gradient().shape().equals(weights.shape())) {
      return LawReport.fails(law, name, "weights", "gradient of shape " + first.gradient().shape()
          + " for weights of shape " + weights.shape());
    }
    if (Double.compare(first.value(), second.value()) != 0) {
      return LawReport.fails(law, name, "value", new int[0], second.value(), first.value(),
          "actual = second call, expected = first call");
    }
    for (int i = 0; i < first.gradient().size(); i++) {
      double a = second.gradient().at(i);
      double b = first.gradient().at(i);
      if (Double.compare(a, b) != 0) {
        return LawReport.fails(law, name, "weights", Differences.index(weights, i), a, b,
            "actual = second call, expected = first call");
      }
      if (Double.isFinite(first.value()) && !Double.isFinite(b)) {
        return LawReport.fails(law, name, "weights", Differences.index(weights, i), b, Double.NaN,
            "the gradient is not finite where the value " + first.value() + " is");
      }
    }
    return LawReport.holds(law, name, "two calls");
  }
}
