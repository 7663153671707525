package purenet.tensor;

/** Operations that move elements without changing them: permutation of axes and concatenation. */
final class Layout {
  private Layout() {}

  static Tensor permute(Tensor t, int... axes) {
    int r = t.rank();
    if (axes.length != r) {
      throw new IllegalArgumentException(
          "permute of shape " + t.shape() + " needs " + r + " axes, got " + Shape.format(axes));
    }
    boolean[] seen = new boolean[r];
    int[] in = t.dims();
    int[] inStrides = t.shape().strides();
    int[] outDims = new int[r];
    int[] strides = new int[r];
    for (int i = 0; i < r; i++) {
      int a = t.shape().axis(axes[i]);
      if (seen[a]) {
        throw new IllegalArgumentException("permute axes repeat: " + Shape.format(axes));
      }
      seen[a] = true;
      outDims[i] = in[a];
      strides[i] = inStrides[a];
    }
    double[] x = t.data();
    double[] d = new double[x.length];
    int[] idx = new int[r];
    int src = 0;
    for (int i = 0; i < d.length; i++) {
      d[i] = x[src];
      for (int ax = r - 1; ax >= 0; ax--) {
        idx[ax]++;
        src += strides[ax];
        if (idx[ax] < outDims[ax]) {
          break;
        }
        src -= strides[ax] * outDims[ax];
        idx[ax] = 0;
      }
    }
    return Tensor.wrap(Shape.of(outDims), d);
  }

  static Tensor concat(int axis, Tensor... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    Shape first = parts[0].shape();
    int a = first.axis(axis);
    int total = 0;
    for (Tensor p : parts) {
      if (p.rank() != first.rank() || !p.shape().with(a, 0).equals(first.with(a, 0))) {
        throw new IllegalArgumentException(
            "concat along axis " + axis + " needs matching other dimensions, got " + first + " and " + p.shape());
      }
      total += p.dim(a);
    }
    Shape out = first.with(a, total);
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= first.dim(i);
    }
    double[] d = new double[out.size()];
    int outRow = out.size() / Math.max(1, outer);
    int offset = 0;
    for (Tensor p : parts) {
      int row = outer == 0 ? 0 : p.size() / outer;
      double[] x = p.data();
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x, o * row, d, o * outRow + offset, row);
      }
      offset += row;
    }
    return Tensor.wrap(out, d);
  }
}
