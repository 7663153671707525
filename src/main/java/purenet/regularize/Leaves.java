package purenet.regularize;

import io.vavr.collection.HashSet;
import java.io.Serializable;
import java.util.function.Predicate;

/**
 * Path predicates that select the leaves of a parameter tree a penalty, constraint or noise
 * applies to. A path is the leaf's names joined by {@code /}, e.g. {@code "0/weight"}.
 *
 * <p>The default selection, {@link #weights()}, is the weight matrices and convolution kernels:
 * penalising biases or the scale and shift of a normalization layer only hurts the fit, since
 * they do not multiply inputs (the usual practice; Goodfellow et al., Deep Learning, §7.1).
 *
 * <p>The predicates are serializable, so a penalty that uses them can be shipped to Spark
 * executors ({@code purenet.spark}).
 */
public final class Leaves {
  private Leaves() {}

  /**
   * The weights: leaves whose last name is {@code weight} or {@code kernel}, or ends in
   * {@code Weight} or {@code Kernel} (e.g. {@code recurrentWeight}). Biases, {@code gamma},
   * {@code beta} and other parameters are not selected.
   */
  public static Predicate<String> weights() {
    return (Predicate<String> & Serializable) path -> {
      String last = lastName(path);
      return last.equals("weight") || last.equals("kernel")
          || last.endsWith("Weight") || last.endsWith("Kernel");
    };
  }

  /** Every leaf. */
  public static Predicate<String> all() {
    return (Predicate<String> & Serializable) path -> true;
  }

  /** The leaves whose last name is one of {@code names}, e.g. {@code named("weight", "bias")}. */
  public static Predicate<String> named(String... names) {
    HashSet<String> set = HashSet.of(names);
    return (Predicate<String> & Serializable) path -> set.contains(lastName(path));
  }

  /**
   * The leaves inside the subtree at {@code prefix}: the path equals it or continues it after a
   * {@code /}. {@code under("1")} selects {@code "1/weight"}, not {@code "10/weight"}; the empty
   * prefix selects everything.
   */
  public static Predicate<String> under(String prefix) {
    return (Predicate<String> & Serializable) path -> isUnder(path, prefix);
  }

  /** Whether {@code path} lies in the subtree at {@code prefix} (see {@link #under}). */
  static boolean isUnder(String path, String prefix) {
    return prefix.isEmpty() || path.equals(prefix)
        || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
  }

  private static String lastName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
