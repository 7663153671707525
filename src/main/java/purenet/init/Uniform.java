package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Independent samples from U[lo, hi): mean (lo + hi)/2, variance (hi - lo)²/12. Ignores the fans.
 *
 * @param lo the lower bound (inclusive)
 * @param hi the upper bound (exclusive), &gt; lo
 */
public record Uniform(double lo, double hi) implements Initializer {

  /**
   * Validates the bounds.
   *
   * @param lo the lower bound (inclusive)
   * @param hi the upper bound (exclusive), &gt; lo
   */
  public Uniform {
    if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("Uniform needs finite lo < hi, got [" + lo + ", " + hi + ")");
    }
  }

  /**
   * {@return u[-a, a)}
   *
   * @param a the half-width a of U(−a, a), ≥ 0
   */
  public static Uniform symmetric(double a) {
    return new Uniform(-a, a);
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    return Tensor.of(key.uniform(shape.size(), lo, hi), shape);
  }
}
