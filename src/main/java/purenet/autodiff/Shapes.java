package purenet.autodiff;

import java.util.Arrays;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** Operations that move elements without arithmetic, and their pullbacks (the inverse moves). */
final class Shapes {
  private Shapes() {}

  static Expr reshape(Expr a, int... dims) {
    Shape in = a.shape();
    return Expr.op("reshape", a.value().reshape(dims), (g, w) -> new Tensor[] {g.reshape(in)}, a);
  }

  static Expr permute(Expr a, int... axes) {
    Tensor y = a.value().permute(axes);
    int[] inverse = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      inverse[a.shape().axis(axes[i])] = i;
    }
    return Expr.op("permute", y, (g, w) -> new Tensor[] {g.permute(inverse)}, a);
  }

  static Expr transpose(Expr a) {
    return Expr.op("transpose", a.value().transpose(), (g, w) -> new Tensor[] {g.transpose()}, a);
  }

  static Expr broadcastTo(Expr a, Shape target) {
    Shape in = a.shape();
    if (!in.broadcast(target).equals(target)) {
      throw new IllegalArgumentException("cannot broadcast " + in + " to " + target);
    }
    return Expr.op("broadcastTo", Tensor.zeros(target).add(a.value()),
        (g, w) -> new Tensor[] {Elementwise.to(g, in)}, a);
  }

  static Expr slice(Expr a, int axis, int from, int to) {
    Shape in = a.shape();
    int ax = in.axis(axis);
    if (from < 0 || to > in.dim(ax) || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of axis " + axis + " of " + in);
    }
    return Expr.op("slice", cut(a.value(), ax, from, to), new SlicePullback(ax, from, in), a);
  }

  static Expr concat(int axis, Expr... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("concat needs at least one expression");
    }
    Tensor[] values = new Tensor[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = parts[i].value();
    }
    Tensor y = Tensor.concat(axis, values);
    int ax = y.shape().axis(axis);
    int[] start = new int[parts.length + 1];
    for (int i = 0; i < parts.length; i++) {
      start[i + 1] = start[i] + parts[i].shape().dim(ax);
    }
    return Expr.op("concat", y, (g, w) -> {
      Tensor[] out = new Tensor[parts.length];
      for (int i = 0; i < parts.length; i++) {
        out[i] = w[i] ? cut(g, ax, start[i], start[i + 1]) : null;
      }
      return out;
    }, parts);
  }

  /** The elements of {@code t} with index {@code from ≤ i < to} along axis {@code ax}. */
  static Tensor cut(Tensor t, int ax, int from, int to) {
    if (ax == 0) {
      return t.slice(from, to);
    }
    int[] d = t.dims();
    int outer = outer(d, ax);
    int block = inner(d, ax);
    int n = d[ax];
    int len = (to - from) * block;
    double[] src = t.toArray();
    double[] dst = new double[outer * len];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(src, (o * n + from) * block, dst, o * len, len);
    }
    return Tensor.of(dst, t.shape().with(ax, to - from));
  }

  /** Zeros of {@code full} with {@code g} written at index {@code from} of axis {@code ax}. */
  static Tensor place(Tensor g, int ax, int from, Shape full) {
    int[] d = full.dims();
    int outer = outer(d, ax);
    int block = inner(d, ax);
    int n = d[ax];
    int len = g.shape().dim(ax) * block;
    double[] src = g.toArray();
    double[] dst = new double[full.size()];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(src, o * len, dst, (o * n + from) * block, len);
    }
    return Tensor.of(dst, full);
  }

  private static int outer(int[] d, int ax) {
    return Arrays.stream(d, 0, ax).reduce(1, (x, y) -> x * y);
  }

  private static int inner(int[] d, int ax) {
    return Arrays.stream(d, ax + 1, d.length).reduce(1, (x, y) -> x * y);
  }
}
