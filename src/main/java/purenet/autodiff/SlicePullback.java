package purenet.autodiff;

import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * The pullback of a slice, which the reverse pass applies without materialising zeros: it adds
 * the slice's gradient into one scratch array of the sliced operand's shape, so that T slices of
 * a (B, T, F) sequence cost O(B·T·F) in all rather than T full-size gradients summed, O(B·T²·F).
 *
 * @param axis the sliced axis
 * @param from the slice's first index
 * @param full the operand's shape
 */
record SlicePullback(int axis, int from, Shape full) implements Pullback {

  @Override
  public Tensor[] apply(Tensor outputGrad, boolean[] wanted) {
    return new Tensor[] {Shapes.place(outputGrad, axis, from, full)};
  }

  /** Adds {@code outputGrad} into {@code into} (row-major, of the operand's shape) at the slice. */
  void accumulate(Tensor outputGrad, double[] into) {
    int[] d = full.dims();
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= d[i];
    }
    int block = 1;
    for (int i = axis + 1; i < d.length; i++) {
      block *= d[i];
    }
    int len = outputGrad.shape().dim(axis) * block;
    double[] g = outputGrad.toArray();
    for (int o = 0; o < outer; o++) {
      int base = (o * d[axis] + from) * block;
      for (int j = 0; j < len; j++) {
        into[base + j] += g[o * len + j];
      }
    }
  }
}
