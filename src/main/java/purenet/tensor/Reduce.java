package purenet.tensor;

/** Reductions along one axis: the tensor is viewed as (outer, n, inner) and n is folded away. */
final class Reduce {
  private Reduce() {}

  /** How two partial results combine, and the starting value. */
  record Fold(double identity, java.util.function.DoubleBinaryOperator op) {}

  static final Fold SUM = new Fold(0.0, Double::sum);
  static final Fold MAX = new Fold(Double.NEGATIVE_INFINITY, Math::max);

  static Tensor along(Tensor t, int axis, Fold fold) {
    int a = t.shape().axis(axis);
    int[] dims = t.dims();
    int n = dims[a];
    int inner = 1;
    for (int i = a + 1; i < dims.length; i++) {
      inner *= dims[i];
    }
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= dims[i];
    }
    double[] x = t.data();
    double[] d = new double[outer * inner];
    if (fold == SUM) {
      sum(x, d, outer, n, inner);
      return Tensor.wrap(t.shape().without(a), d);
    }
    java.util.Arrays.fill(d, fold.identity());
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < n; j++) {
        int base = (o * n + j) * inner;
        for (int i = 0; i < inner; i++) {
          d[o * inner + i] = fold.op().applyAsDouble(d[o * inner + i], x[base + i]);
        }
      }
    }
    return Tensor.wrap(t.shape().without(a), d);
  }

  /**
   * The sum with plain additions, which the JIT vectorises along the inner axis (the generic loop
   * calls the fold through an interface). For a (batch, features) matrix summed over the batch it
   * is one pass, row by row; the order of the additions is the generic loop's.
   */
  private static void sum(double[] x, double[] d, int outer, int n, int inner) {
    for (int o = 0; o < outer; o++) {
      int out = o * inner;
      for (int j = 0; j < n; j++) {
        int in = (o * n + j) * inner;
        for (int i = 0; i < inner; i++) {
          d[out + i] += x[in + i];
        }
      }
    }
  }

  static Tensor argmax(Tensor t, int axis) {
    int a = t.shape().axis(axis);
    int[] dims = t.dims();
    int n = dims[a];
    if (n == 0) {
      throw new IllegalArgumentException("argmax of an empty axis " + axis + " of shape " + t.shape());
    }
    int inner = 1;
    for (int i = a + 1; i < dims.length; i++) {
      inner *= dims[i];
    }
    int outer = inner == 0 ? 0 : t.size() / (n * inner);
    double[] x = t.data();
    double[] d = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        double bestValue = x[o * n * inner + i];
        for (int j = 1; j < n; j++) {
          double v = x[(o * n + j) * inner + i];
          if (v > bestValue) {
            bestValue = v;
            best = j;
          }
        }
        d[o * inner + i] = best;
      }
    }
    return Tensor.wrap(t.shape().without(a), d);
  }
}
