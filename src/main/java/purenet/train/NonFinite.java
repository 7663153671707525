package purenet.train;

import io.vavr.Tuple2;
import io.vavr.control.Option;
import java.util.Arrays;
import java.util.StringJoiner;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The first non-finite element of a tensor or tree, located: the leaf's path (empty for a plain
 * tensor), the element's multi-index, its value and the tensor's shape.
 *
 * @param path  the leaf's path in its tree, {@code ""} for a tensor on its own
 * @param index the element's multi-index
 * @param value the element, NaN or ±∞
 * @param dims  the tensor's shape
 */
record NonFinite(String path, int[] index, double value, int[] dims) {

  /** The first non-finite element of {@code t} in row-major order, if any. */
  static Option<NonFinite> in(Tensor t) {
    return in("", t);
  }

  /** The first non-finite element of the first leaf of {@code tree} (depth first) that has one, if any. */
  static Option<NonFinite> in(Tree tree) {
    for (Tuple2<String, Tensor> leaf : tree.flatten()) {
      Option<NonFinite> found = in(leaf._1, leaf._2);
      if (found.isDefined()) {
        return found;
      }
    }
    return Option.none();
  }

  private static Option<NonFinite> in(String path, Tensor t) {
    if (t.isFinite()) {
      return Option.none();
    }
    int n = t.size();
    for (int i = 0; i < n; i++) {
      double v = t.at(i);
      if (!Double.isFinite(v)) {
        int[] dims = t.dims();
        int[] index = new int[dims.length];
        int rest = i;
        for (int axis = dims.length - 1; axis >= 0; axis--) {
          index[axis] = rest % dims[axis];
          rest /= dims[axis];
        }
        return Option.of(new NonFinite(path, index, v, dims));
      }
    }
    return Option.none();
  }

  /** The same element, its path marked as one of the model's non-trainable state: {@code state <path>}. */
  NonFinite inState() {
    return new NonFinite("state " + path, index, value, dims);
  }

  /**
   * E.g. {@code "NaN at 0/weight[3, 17] of shape (784, 128)"} for a tree's leaf (of = ""), or
   * {@code "NaN at [17, 0, 3, 5] of the batch's features, shape (32, 1, 28, 28)"}.
   */
  String describe(String of) {
    String shape = format(dims).replace('[', '(').replace(']', ')');
    return value + " at " + path + format(index) + (of.isEmpty() ? " of shape " + shape : " of " + of + ", shape " + shape);
  }

  private static String format(int[] values) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    Arrays.stream(values).forEach(v -> j.add(Integer.toString(v)));
    return j.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NonFinite other && path.equals(other.path) && Arrays.equals(index, other.index)
        && Double.compare(value, other.value) == 0 && Arrays.equals(dims, other.dims);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * path.hashCode() + Arrays.hashCode(index)) + Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return describe("");
  }
}
