package purenet.layer.recurrent;

import purenet.random.Key;
import purenet.tensor.Tensor;

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
}
