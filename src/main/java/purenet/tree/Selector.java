package purenet.tree;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.Vector;
import java.io.Serializable;
import java.util.function.Predicate;

/**
 * Which leaves of a parameter tree something applies to — a penalty, a constraint, weight noise, an
 * optimizer mask, a freeze — as a value: a predicate on leaf paths ({@code "0/weight"}) with a
 * readable {@code toString} and value equality, so two equal configurations are {@code equals}.
 *
 * <p>The default selection is {@link #weights()}: the weight matrices and convolution kernels.
 * Penalising biases or the scale and shift of a normalization layer only hurts the fit, since they
 * do not multiply inputs (Goodfellow et al., Deep Learning, §7.1). Selections combine with
 * {@link #and}, {@link #or} and {@link #not}. A lambda is a selector too, but prints as one.
 *
 * <p>Selectors are serializable, so what uses them can be shipped to Spark executors.
 *
 * <p>Whatever takes a selector fails, naming the tree's paths, when it selects no leaf of the tree
 * it is applied to ({@link #requireAny}): a penalty or mask that matches nothing is a mistake,
 * never a silent no-op.
 */
@FunctionalInterface
public interface Selector extends Predicate<String>, Serializable {

  /**
   * The weights: leaves whose last name is {@code weight} or {@code kernel}, or ends in
   * {@code Weight} or {@code Kernel} (e.g. {@code recurrentWeight}). Biases, {@code gamma},
   * {@code beta} and other parameters are not selected.
   *
   * @return the selector "weights"
   */
  static Selector weights() {
    return new Weights();
  }

  /**
   * Every leaf.
   *
   * @return the selector "all"
   */
  static Selector all() {
    return new All();
  }

  /**
   * The leaves whose last name is one of {@code names}, e.g. {@code named("weight", "bias")}.
   *
   * @param names the last names to select
   * @return the selector "named(…)"
   */
  static Selector named(String... names) {
    return new Named(LinkedHashSet.of(names));
  }

  /**
   * The leaves inside the subtree at {@code prefix}: the path equals it or continues it after a
   * {@code /}. {@code under("1")} selects {@code "1/weight"}, not {@code "10/weight"}; the empty
   * prefix selects everything.
   *
   * @param prefix the subtree's path
   * @return the selector "under(prefix)"
   */
  static Selector under(String prefix) {
    return new Under(prefix);
  }

  /**
   * Whether {@code path} lies in the subtree at {@code prefix} (see {@link #under}).
   *
   * @param path   a leaf path
   * @param prefix a subtree's path
   * @return whether the leaf is in the subtree
   */
  static boolean isUnder(String path, String prefix) {
    return prefix.isEmpty() || path.equals(prefix)
        || (path.startsWith(prefix) && path.length() > prefix.length() && path.charAt(prefix.length()) == '/');
  }

  /**
   * The leaves both select.
   *
   * @param other the other selection
   * @return "(this and other)"
   */
  default Selector and(Selector other) {
    return new And(this, other);
  }

  /**
   * The leaves either selects.
   *
   * @param other the other selection
   * @return "(this or other)"
   */
  default Selector or(Selector other) {
    return new Or(this, other);
  }

  /**
   * The leaves this does not select.
   *
   * @return "not(this)"
   */
  @Override
  default Selector negate() {
    return new Not(this);
  }

  /**
   * The paths of {@code tree} this selects, failing if there are none.
   *
   * @param tree  the tree it is applied to
   * @param owner what applies it, for the message (e.g. {@code "Penalized(L2[λ=0.1] on weights)"})
   * @return the selected paths, in the tree's order
   * @throws IllegalArgumentException if no leaf is selected, listing the tree's paths
   */
  default Vector<String> requireAny(Tree tree, String owner) {
    Vector<String> selected = tree.paths().filter(this);
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(owner + " selects no leaf: " + this + " matches none of the tree's paths "
          + tree.paths().mkString("[", ", ", "]"));
    }
    return selected;
  }

  /** The weight matrices and kernels (see {@link Selector#weights()}). */
  record Weights() implements Selector {
    @Override
    public boolean test(String path) {
      String last = path.substring(path.lastIndexOf('/') + 1);
      return last.equals("weight") || last.equals("kernel") || last.endsWith("Weight") || last.endsWith("Kernel");
    }

    @Override
    public String toString() {
      return "weights";
    }
  }

  /** Every leaf. */
  record All() implements Selector {
    @Override
    public boolean test(String path) {
      return true;
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /**
   * The leaves with one of these last names.
   *
   * @param names the last names
   */
  record Named(LinkedHashSet<String> names) implements Selector {
    @Override
    public boolean test(String path) {
      return names.contains(path.substring(path.lastIndexOf('/') + 1));
    }

    @Override
    public String toString() {
      return names.mkString("named(", ", ", ")");
    }
  }

  /**
   * The leaves in one subtree.
   *
   * @param prefix the subtree's path
   */
  record Under(String prefix) implements Selector {
    /**
     * Rejects a null prefix.
     *
     * @param prefix the subtree's path
     */
    public Under {
      if (prefix == null) {
        throw new IllegalArgumentException("under needs a path prefix, got null");
      }
    }

    @Override
    public boolean test(String path) {
      return isUnder(path, prefix);
    }

    @Override
    public String toString() {
      return "under(" + prefix + ")";
    }
  }

  /**
   * Both selections.
   *
   * @param left  one selection
   * @param right the other
   */
  record And(Selector left, Selector right) implements Selector {
    @Override
    public boolean test(String path) {
      return left.test(path) && right.test(path);
    }

    @Override
    public String toString() {
      return "(" + left + " and " + right + ")";
    }
  }

  /**
   * Either selection.
   *
   * @param left  one selection
   * @param right the other
   */
  record Or(Selector left, Selector right) implements Selector {
    @Override
    public boolean test(String path) {
      return left.test(path) || right.test(path);
    }

    @Override
    public String toString() {
      return "(" + left + " or " + right + ")";
    }
  }

  /**
   * The complement.
   *
   * @param selector the selection left out
   */
  record Not(Selector selector) implements Selector {
    @Override
    public boolean test(String path) {
      return !selector.test(path);
    }

    @Override
    public String toString() {
      return "not(" + selector + ")";
    }
  }
}
