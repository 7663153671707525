package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** Zero-mean samples with a given standard deviation, uniform or normal. */
final class Sampling {
  private Sampling() {}

  /** Uniform on [-√3·std, √3·std) or N(0, std²): both have variance std². */
  static Tensor scaled(Key key, Shape shape, Distribution distribution, double std) {
    int n = shape.size();
    if (distribution == Distribution.UNIFORM) {
      double a = Math.sqrt(3.0) * std;
      return Tensor.of(key.uniform(n, -a, a), shape);
    }
    return Tensor.of(key.normal(n), shape).mul(std);
  }
}
