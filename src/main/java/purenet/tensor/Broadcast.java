package purenet.tensor;

import java.util.function.DoubleBinaryOperator;

/** NumPy broadcasting for elementwise operations and its adjoint, the sum back to a shape. */
final class Broadcast {
  private Broadcast() {}

  static void requireSame(String op, Shape a, Shape b) {
    if (!a.equals(b)) {
      throw new IllegalArgumentException(op + " needs equal shapes, got " + a + " and " + b);
    }
  }

  static Tensor zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
    double[] x = a.data();
    double[] y = b.data();
    if (a.shape().equals(b.shape())) {
      double[] d = new double[x.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = f.applyAsDouble(x[i], y[i]);
      }
      return Tensor.wrap(a.shape(), d);
    }
    Shape out = a.shape().broadcast(b.shape());
    double[] d = new double[out.size()];
    if (out.equals(a.shape()) && isSuffix(b.shape(), out)) {
      // The common case of a bias or per-feature vector: b repeats every y.length elements.
      for (int i = 0; i < d.length; i++) {
        d[i] = f.applyAsDouble(x[i], y[i % y.length]);
      }
      return Tensor.wrap(out, d);
    }
    if (out.equals(b.shape()) && isSuffix(a.shape(), out)) {
      for (int i = 0; i < d.length; i++) {
        d[i] = f.applyAsDouble(x[i % x.length], y[i]);
      }
      return Tensor.wrap(out, d);
    }
    int[] sa = stretchedStrides(a.shape(), out);
    int[] sb = stretchedStrides(b.shape(), out);
    int[] dims = out.dims();
    int[] idx = new int[dims.length];
    int ia = 0;
    int ib = 0;
    for (int i = 0; i < d.length; i++) {
      d[i] = f.applyAsDouble(x[ia], y[ib]);
      for (int ax = dims.length - 1; ax >= 0; ax--) {
        idx[ax]++;
        ia += sa[ax];
        ib += sb[ax];
        if (idx[ax] < dims[ax]) {
          break;
        }
        ia -= sa[ax] * dims[ax];
        ib -= sb[ax] * dims[ax];
        idx[ax] = 0;
      }
    }
    return Tensor.wrap(out, d);
  }

  /** Sums {@code t} over the axes along which {@code target} was broadcast to t's shape. */
  static Tensor sumTo(Tensor t, Shape target) {
    if (t.shape().equals(target)) {
      return t;
    }
    Shape full = target.broadcast(t.shape());
    if (!full.equals(t.shape())) {
      throw new IllegalArgumentException("cannot sum " + t.shape() + " down to " + target);
    }
    double[] x = t.data();
    double[] d = new double[target.size()];
    if (isSuffix(target, t.shape())) {
      for (int i = 0; i < x.length; i++) {
        d[i % d.length] += x[i];
      }
      return Tensor.wrap(target, d);
    }
    int[] st = stretchedStrides(target, t.shape());
    int[] dims = t.shape().dims();
    int[] idx = new int[dims.length];
    int it = 0;
    for (int i = 0; i < x.length; i++) {
      d[it] += x[i];
      for (int ax = dims.length - 1; ax >= 0; ax--) {
        idx[ax]++;
        it += st[ax];
        if (idx[ax] < dims[ax]) {
          break;
        }
        it -= st[ax] * dims[ax];
        idx[ax] = 0;
      }
    }
    return Tensor.wrap(target, d);
  }

  /** Whether {@code small}, without leading ones, equals the trailing dimensions of {@code big}. */
  private static boolean isSuffix(Shape small, Shape big) {
    int[] s = small.dims();
    int[] b = big.dims();
    int lead = 0;
    while (lead < s.length && s[lead] == 1 && s.length - lead > 0) {
      lead++;
    }
    int n = s.length - lead;
    if (n > b.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (s[lead + i] != b[b.length - n + i]) {
        return false;
      }
    }
    return true;
  }

  /** Strides of {@code s} aligned to {@code out}, zero along broadcast axes. */
  private static int[] stretchedStrides(Shape s, Shape out) {
    int[] strides = s.strides();
    int[] dims = s.dims();
    int[] r = new int[out.rank()];
    int off = out.rank() - s.rank();
    for (int i = 0; i < s.rank(); i++) {
      r[off + i] = dims[i] == 1 ? 0 : strides[i];
    }
    return r;
  }
}
