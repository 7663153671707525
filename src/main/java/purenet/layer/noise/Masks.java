package purenet.layer.noise;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** Random masks and probability checks shared by the dropout family. */
final class Masks {
  private Masks() {}

  /** A 0/1 tensor of the given shape, each element 1 with probability {@code keep}, from {@code key}. */
  static Tensor bernoulli(Key key, Shape shape, double keep) {
    boolean[] kept = key.bernoulli(shape.size(), keep);
    return Tensor.generate(shape, i -> kept[i] ? 1.0 : 0.0);
  }

  /** Returns a keep probability p if it is in (0, 1], else fails naming {@code owner}. */
  static double requireKeep(String owner, double keep) {
    if (!(keep > 0 && keep <= 1)) {
      throw new IllegalArgumentException(owner + " keep probability must be in (0, 1], got " + keep);
    }
    return keep;
  }

  /** Turns a drop probability q in [0, 1) into the keep probability 1 - q, else fails. */
  static double keepOfDrop(String owner, double drop) {
    if (!(drop >= 0 && drop < 1)) {
      throw new IllegalArgumentException(owner + " drop probability must be in [0, 1), got " + drop);
    }
    return 1.0 - drop;
  }
}
