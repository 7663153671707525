package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Xavier/Glorot initialization (Glorot and Bengio, "Understanding the difficulty of training deep
 * feedforward neural networks", AISTATS 2010): variance gain²·2/(fanIn + fanOut), the compromise
 * between preserving activations' variance (1/fanIn) and gradients' (1/fanOut).
 * Uniform: U(-a, a) with a = gain·√(6/(fanIn + fanOut)); normal: N(0, gain²·2/(fanIn + fanOut));
 * truncated normal: scaled to the same variance.
 *
 * @param distribution uniform, normal or truncated normal
 * @param gain    the gain for the activation that follows ({@link Gain}: 1 for linear and sigmoid,
 *                5/3 for tanh)
 */
public record Glorot(Distribution distribution, double gain) implements Initializer {

  /**
   * Validates the gain.
   *
   * @param distribution uniform, normal or truncated normal
   * @param gain the gain for the activation that follows ({@link Gain}: 1 for linear and sigmoid, 5/3 for tanh)
   */
  public Glorot {
    if (distribution == null) {
      throw new IllegalArgumentException("Glorot needs a distribution, got null");
    }
    if (!(gain > 0) || !Double.isFinite(gain)) {
      throw new IllegalArgumentException("gain must be > 0, got " + gain);
    }
  }

  /** {@return Glorot uniform with gain 1 (Keras' default)} */
  public static Glorot uniform() {
    return new Glorot(Distribution.UNIFORM, 1.0);
  }

  /** {@return Glorot normal with gain 1} */
  public static Glorot normal() {
    return new Glorot(Distribution.NORMAL, 1.0);
  }

  /**
   * {@return Glorot uniform with a gain, e.g. {@code Glorot.uniform(Gain.tanh())}}
   *
   * @param gain the gain for the activation that follows ({@link Gain}: 1 for linear and sigmoid, 5/3 for tanh)
   */
  public static Glorot uniform(double gain) {
    return new Glorot(Distribution.UNIFORM, gain);
  }

  /**
   * {@return Glorot normal with a gain}
   *
   * @param gain the gain for the activation that follows ({@link Gain}: 1 for linear and sigmoid, 5/3 for tanh)
   */
  public static Glorot normal(double gain) {
    return new Glorot(Distribution.NORMAL, gain);
  }

  /**
   * {@return the variance of the samples: gain²·2/(fanIn + fanOut)}
   *
   * @param fanIn the number of inputs feeding each output unit
   * @param fanOut the number of outputs each input unit feeds
   */
  public double variance(int fanIn, int fanOut) {
    return gain * gain * 2.0 / (fanIn + fanOut);
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    Fans.require(shape, fanIn, fanOut);
    double std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
    return Sampling.scaled(key, shape, distribution, std);
  }
}
