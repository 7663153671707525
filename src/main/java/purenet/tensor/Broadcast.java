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

  /**
   * {@code f(a, b)} elementwise with broadcasting. The common layouts (equal shapes; one operand
   * repeating along the leading axes, as a bias or a scalar does) run in flat loops, which for an
   * {@link Arith} operator are plain arithmetic; the rest walks both operands with strides.
   */
  static Tensor zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
    double[] x = a.data();
    double[] y = b.data();
    if (a.shape().equals(b.shape())) {
      double[] d = new double[x.length];
      if (f instanceof Arith op) {
        op.range(x, 0, y, 0, d, 0, d.length);
      } else {
        for (int i = 0; i < d.length; i++) {
          d[i] = f.applyAsDouble(x[i], y[i]);
        }
      }
      return Tensor.wrap(a.shape(), d);
    }
    Shape out = a.shape().broadcast(b.shape());
    if (out.equals(a.shape()) && isSuffix(b.shape(), out)) {
      return Tensor.wrap(out, repeatRight(x, y, f));
    }
    if (out.equals(b.shape()) && isSuffix(a.shape(), out)) {
      return Tensor.wrap(out, repeatLeft(x, y, f));
    }
    return Tensor.wrap(out, strided(a, b, out, f));
  }

  /** {@code f(x, y)} where y repeats every {@code y.length} elements of x (a bias, a scalar). */
  private static double[] repeatRight(double[] x, double[] y, DoubleBinaryOperator f) {
    double[] d = new double[x.length];
    int w = y.length;
    if (f instanceof Arith op) {
      if (w == 1) {
        op.withRight(x, y[0], d);
      } else {
        for (int row = 0; w > 0 && row < d.length; row += w) {
          op.range(x, row, y, 0, d, row, w);
        }
      }
      return d;
    }
    for (int i = 0, j = 0; i < d.length; i++, j = j + 1 == w ? 0 : j + 1) {
      d[i] = f.applyAsDouble(x[i], y[j]);
    }
    return d;
  }

  /** {@code f(x, y)} where x repeats every {@code x.length} elements of y. */
  private static double[] repeatLeft(double[] x, double[] y, DoubleBinaryOperator f) {
    double[] d = new double[y.length];
    int w = x.length;
    if (f instanceof Arith op) {
      if (w == 1) {
        op.withLeft(x[0], y, d);
      } else {
        for (int row = 0; w > 0 && row < d.length; row += w) {
          op.range(x, 0, y, row, d, row, w);
        }
      }
      return d;
    }
    for (int i = 0, j = 0; i < d.length; i++, j = j + 1 == w ? 0 : j + 1) {
      d[i] = f.applyAsDouble(x[j], y[i]);
    }
    return d;
  }

  /** The general case: walks the output with both operands' strides, zero along stretched axes. */
  private static double[] strided(Tensor a, Tensor b, Shape out, DoubleBinaryOperator f) {
    double[] x = a.data();
    double[] y = b.data();
    double[] d = new double[out.size()];
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
    return d;
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
      // Row by row, in the same order as element by element, without a division per element.
      int w = d.length;
      for (int row = 0; w > 0 && row < x.length; row += w) {
        for (int j = 0; j < w; j++) {
          d[j] += x[row + j];
        }
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
