package purenet.autodiff;

import java.util.Arrays;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** Sums, means and maxima over axes, and their pullbacks (broadcasting and scattering back). */
final class Reductions {
  private Reductions() {}

  static Expr sum(Expr a, int[] axes, boolean keep) {
    Shape in = a.shape();
    boolean[] reduced = reduced(in, axes);
    Shape kept = kept(in, reduced);
    Shape out = keep ? kept : removed(in, reduced);
    boolean all = kept.size() == 1;
    Tensor v;
    if (all) {
      v = Tensor.scalar(a.value().sum());
    } else if (trailing(in, reduced)) {
      v = rowSums(a.value(), kept.size());
    } else {
      v = a.value();
      for (int i = in.rank() - 1; i >= 0; i--) {
        v = reduced[i] ? v.sum(i) : v;
      }
    }
    return Expr.op("sum", v.reshape(out), (g, w) -> new Tensor[] {
        all ? Tensor.full(g.toArray()[0], in) : Tensor.zeros(in).add(g.reshape(kept))}, a);
  }

  static Expr mean(Expr a, int[] axes, boolean keep) {
    Shape in = a.shape();
    boolean[] reduced = reduced(in, axes);
    int count = 1;
    for (int i = 0; i < in.rank(); i++) {
      count *= reduced[i] ? in.dim(i) : 1;
    }
    return sum(a, axes, keep).times(1.0 / count);
  }

  static Expr max(Expr a, int axis, boolean keep) {
    Shape in = a.shape();
    int ax = in.axis(axis);
    Tensor x = a.value();
    Tensor m = x.max(ax);
    double[] arg = x.argmax(ax).toArray();
    int n = in.dim(ax);
    int inner = 1;
    for (int i = ax + 1; i < in.rank(); i++) {
      inner *= in.dim(i);
    }
    int span = inner;
    Shape out = keep ? in.with(ax, 1) : m.shape();
    return Expr.op("max", m.reshape(out), (g, w) -> {
      double[] gd = g.toArray();
      double[] dx = new double[in.size()];
      for (int o = 0; o < gd.length; o++) {
        int outer = o / span;
        int i = o % span;
        dx[(outer * n + (int) arg[o]) * span + i] += gd[o];
      }
      return new Tensor[] {Tensor.of(dx, in)};
    }, a);
  }

  /** Whether the reduced axes are the last ones (a layer norm's, a softmax's). */
  private static boolean trailing(Shape in, boolean[] reduced) {
    int i = in.rank();
    while (i > 0 && reduced[i - 1]) {
      i--;
    }
    for (int j = 0; j < i; j++) {
      if (reduced[j]) {
        return false;
      }
    }
    return true;
  }

  /** The sums of the {@code rows} contiguous rows of {@code t}, left to right. */
  private static Tensor rowSums(Tensor t, int rows) {
    double[] x = t.toArray();
    double[] d = new double[rows];
    int width = rows == 0 ? 0 : x.length / rows;
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int j = r * width; j < (r + 1) * width; j++) {
        s += x[j];
      }
      d[r] = s;
    }
    return Tensor.of(d, rows);
  }

  /** Which axes an {@code axes} list reduces; all of them when it is empty. */
  private static boolean[] reduced(Shape in, int[] axes) {
    boolean[] r = new boolean[in.rank()];
    if (axes.length == 0) {
      Arrays.fill(r, true);
    }
    for (int axis : axes) {
      int a = in.axis(axis);
      if (r[a] && axes.length > 0) {
        throw new IllegalArgumentException("axis " + axis + " given twice in " + Arrays.toString(axes) + " for " + in);
      }
      r[a] = true;
    }
    return r;
  }

  private static Shape kept(Shape in, boolean[] reduced) {
    int[] d = in.dims();
    for (int i = 0; i < d.length; i++) {
      d[i] = reduced[i] ? 1 : d[i];
    }
    return Shape.of(d);
  }

  private static Shape removed(Shape in, boolean[] reduced) {
    int[] d = new int[in.rank()];
    int k = 0;
    for (int i = 0; i < d.length; i++) {
      if (!reduced[i]) {
        d[k++] = in.dim(i);
      }
    }
    return Shape.of(Arrays.copyOf(d, k));
  }
}
