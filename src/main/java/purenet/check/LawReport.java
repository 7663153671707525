package purenet.check;

import io.vavr.collection.Vector;
import java.util.Locale;

/**
 * The outcome of checking one law on one subject (a layer, a penalty, a gradient transform): that
 * it holds, or where it fails — the parameter path, the element's index, the value the code under
 * test computed and the value the law expects there.
 *
 * <p>For the gradient laws {@code actual} is the analytic gradient (the backward pass) and
 * {@code expected} the numeric one (central differences); for the algebraic laws (linearity,
 * determinism, round trips) {@code actual} is the left-hand side and {@code expected} the
 * right-hand side at the element where they differ most.
 *
 * @param law      the law's name, e.g. {@code "parameter gradients equal central differences"}
 * @param subject  what was checked, e.g. the layer's name
 * @param holds    whether the law holds
 * @param path     the parameter path ({@code "weight"}, {@code "0/bias"}), {@code "input"}, or
 *                 another name of the checked part; empty when the law holds
 * @param index    the element's multi-index in that tensor; empty when it holds or when no element
 *                 applies (a structure mismatch)
 * @param actual   the value computed by the code under test at that element (NaN if none applies)
 * @param expected the value the law demands there (NaN if none applies)
 * @param detail   the comparison in words: the error, the tolerance, what differs
 */
public record LawReport(String law, String subject, boolean holds, String path, Vector<Integer> index,
    double actual, double expected, String detail) {

  /**
   * Rejects missing fields: a report always says which law, what and where.
   *
   * @param law the law's name
   * @param subject what was checked
   * @param holds whether the law holds
   * @param path the parameter path, or empty
   * @param index the element's multi-index, or empty
   * @param actual the value computed by the code under test
   * @param expected the value the law demands
   * @param detail the comparison in words
   */
  public LawReport {
    if (law == null || subject == null || path == null || index == null || detail == null) {
      throw new IllegalArgumentException("a law report needs a law, a subject, a path, an index and a detail");
    }
  }

  /**
   * A law that holds.
   *
   * @param law     the law's name
   * @param subject what was checked
   * @param detail  what was compared, e.g. the largest error seen
   * @return the report
   */
  public static LawReport holds(String law, String subject, String detail) {
    return new LawReport(law, subject, true, "", Vector.empty(), Double.NaN, Double.NaN, detail);
  }

  /**
   * A law that fails at one element.
   *
   * @param law      the law's name
   * @param subject  what was checked
   * @param path     the parameter path or part
   * @param index    the element's multi-index
   * @param actual   the value of the code under test
   * @param expected the value the law demands
   * @param detail   the comparison in words
   * @return the report
   */
  public static LawReport fails(String law, String subject, String path, int[] index, double actual,
      double expected, String detail) {
    return new LawReport(law, subject, false, path, Vector.ofAll(index), actual, expected, detail);
  }

  /**
   * A law that fails without one element to blame (a structure that differs, an exception).
   *
   * @param law     the law's name
   * @param subject what was checked
   * @param path    the part that differs
   * @param detail  what differs
   * @return the report
   */
  public static LawReport fails(String law, String subject, String path, String detail) {
    return new LawReport(law, subject, false, path, Vector.empty(), Double.NaN, Double.NaN, detail);
  }

  /**
   * This report if the law holds, else an {@link AssertionError} with {@link #toString()}: for use
   * inside tests.
   *
   * @return this report
   */
  public LawReport assertHolds() {
    if (!holds) {
      throw new AssertionError(toString());
    }
    return this;
  }

  /**
   * One line: {@code law 'L' holds for S: detail}, or {@code law 'L' FAILS for S at 'path' [i, j]:
   * actual a, expected e; detail}.
   */
  @Override
  public String toString() {
    if (holds) {
      return "law '" + law + "' holds for " + subject + (detail.isEmpty() ? "" : ": " + detail);
    }
    String where = "'" + path + "'" + (index.isEmpty() ? "" : " " + index.mkString("[", ", ", "]"));
    String values = Double.isNaN(actual) && Double.isNaN(expected) ? ""
        : String.format(Locale.ROOT, ": actual %.10g, expected %.10g", actual, expected);
    return "law '" + law + "' FAILS for " + subject + " at " + where + values + "; " + detail;
  }
}
