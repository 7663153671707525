package purenet.check;

import io.vavr.Tuple2;
import io.vavr.control.Option;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** Where two tensors or trees that a law demands to be bit-identical differ first, as a failing report. */
final class Differences {

  private Differences() {
  }

  static Option<LawReport> differs(String law, String subject, String path, Tensor expected, Tensor actual) {
    if (!expected.shape().equals(actual.shape())) {
      return Option.some(LawReport.fails(law, subject, path, "shape " + actual.shape() + ", expected " + expected.shape()));
    }
    int at = firstDifference(actual, expected);
    if (at < 0) {
      return Option.none();
    }
    return Option.some(LawReport.fails(law, subject, path, index(actual, at), actual.at(at), expected.at(at),
        "not bit-identical"));
  }

  static Option<LawReport> differs(String law, String subject, String prefix, Tree expected, Tree actual) {
    if (!expected.sameStructure(actual)) {
      return Option.some(LawReport.fails(law, subject, prefix.isEmpty() ? "params" : prefix,
          "structure " + actual.describe() + ", expected " + expected.describe()));
    }
    for (Tuple2<String, Tensor> leaf : expected.flatten()) {
      Option<LawReport> d = differs(law, subject, prefix + leaf._1, leaf._2, actual.tensor(leaf._1));
      if (d.isDefined()) {
        return d;
      }
    }
    return Option.none();
  }

  static int firstDifference(Tensor a, Tensor b) {
    for (int i = 0; i < a.size(); i++) {
      if (Double.compare(a.at(i), b.at(i)) != 0) {
        return i;
      }
    }
    return -1;
  }

  /** The position of the largest |a − b| (NaN counts as largest), −1 for empty tensors. */
  static int worstElement(Tensor a, Tensor b) {
    int worst = a.size() == 0 ? -1 : 0;
    double largest = -1;
    for (int i = 0; i < a.size(); i++) {
      double d = Math.abs(a.at(i) - b.at(i));
      if (Double.isNaN(d)) {
        return i;
      }
      if (d > largest) {
        largest = d;
        worst = i;
      }
    }
    return worst;
  }

  /** The row-major multi-index of a position. */
  static int[] index(Tensor t, int position) {
    int[] dims = t.shape().dims();
    int[] index = new int[dims.length];
    int rest = position;
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = rest % dims[axis];
      rest /= dims[axis];
    }
    return index;
  }

}
