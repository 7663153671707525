package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Xavier/Glorot initialization (Glorot and Bengio, 2010): variance gain²·2/(fanIn + fanOut).
 * Uniform: U(-a, a) with a = gain·√(6/(fanIn + fanOut)); normal: N(0, gain²·2/(fanIn + fanOut)).
 *
 * @param distribution uniform or normal
 * @param gain    the gain for the activation that follows (1 for linear, sigmoid; 5/3 for tanh)
 */
public record Glorot(Distribution distribution, double gain) implements Initializer {

  /** Validates the gain. */
  public Glorot {
    if (!(gain > 0) || !Double.isFinite(gain)) {
      throw new IllegalArgumentException("gain must be > 0, got " + gain);
    }
  }

  /** Glorot uniform with gain 1 (Keras' default). */
  public static Glorot uniform() {
    return new Glorot(Distribution.UNIFORM, 1.0);
  }

  /** Glorot normal with gain 1. */
  public static Glorot normal() {
    return new Glorot(Distribution.NORMAL, 1.0);
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    double std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
    return Sampling.scaled(key, shape, distribution, std);
  }
}
