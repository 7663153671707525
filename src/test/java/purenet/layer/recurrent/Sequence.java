package purenet.layer.recurrent;

import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** Test helpers for (batch, time, features) tensors. */
final class Sequence {
  private Sequence() {}

  /** Steps {@code from} … {@code to − 1} of every sequence: x[:, from:to, :]. */
  static Tensor steps(Tensor x, int from, int to) {
    return x.permute(1, 0, 2).slice(from, to).permute(1, 0, 2);
  }

  /** Sequences joined along time: concat(x, y) on axis 1. */
  static Tensor join(Tensor x, Tensor y) {
    return Tensor.concat(1, x, y);
  }

  /** Uniform values in [lo, hi] of the given shape, from a seed. */
  static Tensor uniform(long seed, double lo, double hi, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return Tensor.of(Key.of(seed).uniform(n, lo, hi), shape);
  }

  /** An Elman cell from one (F + H + 1, H) matrix of rows W_x, W_h and b. */
  static ElmanRnn elman(Tensor w) {
    int h = w.dim(1);
    int f = w.dim(0) - h - 1;
    return new ElmanRnn(w.slice(0, f), w.slice(f, f + h), w.index(f + h));
  }

  /** An LSTM cell from one (F + H + 1, 4H) matrix of rows W_x, W_h and b (gate columns i, f, g, o). */
  static Lstm lstm(Tensor w) {
    int h = w.dim(1) / 4;
    int f = w.dim(0) - h - 1;
    return new Lstm(w.slice(0, f), w.slice(f, f + h), w.index(f + h));
  }

  /** A GRU cell from one (F + H + 2, 3H) matrix of rows W_x, W_h, b_x and b_h (gate columns r, z, n). */
  static Gru gru(Tensor w) {
    int h = w.dim(1) / 3;
    int f = w.dim(0) - h - 2;
    return new Gru(w.slice(0, f), w.slice(f, f + h), w.index(f + h), w.index(f + h + 1));
  }

  /** The gradients of a one-bias cell as one matrix of rows ∂W_x, ∂W_h and ∂b, as {@link #elman} lays them out. */
  static Tensor stacked(Tree grads) {
    Tensor b = grads.tensor("bias");
    return Tensor.concat(0, grads.tensor("inputWeight"), grads.tensor("recurrentWeight"), b.reshape(1, b.dim(0)));
  }
}
