package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Independent samples from N(mean, std²). Ignores the fans.
 *
 * @param mean the mean
 * @param std  the standard deviation, &gt; 0
 */
public record Normal(double mean, double std) implements Initializer {

  /**
   * Validates the parameters.
   *
   * @param mean the mean
   * @param std the standard deviation, &gt; 0
   */
  public Normal {
    if (!Double.isFinite(mean)) {
      throw new IllegalArgumentException("Normal mean must be finite, got " + mean);
    }
    if (!(std > 0) || !Double.isFinite(std)) {
      throw new IllegalArgumentException("Normal std must be > 0, got " + std);
    }
  }

  /**
   * {@return n(0, std²)}
   *
   * @param std the standard deviation, &gt; 0
   */
  public static Normal of(double std) {
    return new Normal(0.0, std);
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    Tensor z = Tensor.of(key.normal(shape.size()), shape).mul(std);
    return mean == 0 ? z : z.add(mean);
  }
}
