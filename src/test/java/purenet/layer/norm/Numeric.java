package purenet.layer.norm;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** Test support: random tensors from a key. */
final class Numeric {
  private Numeric() {}

  /** Standard normal samples of the given shape. */
  static Tensor normal(Key key, int... shape) {
    return Tensor.of(key.normal(Shape.of(shape).size()), shape);
  }
}
