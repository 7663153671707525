package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * He/Kaiming initialization (He et al., "Delving Deep into Rectifiers", ICCV 2015): standard
 * deviation gain/√fan with fan = fanIn (preserves forward variance), fanOut (preserves backward
 * variance) or their average. Normal: N(0, gain²/fan); uniform: U(-a, a) with a = gain·√(3/fan);
 * truncated normal: scaled to the same variance. The default gain √2 suits ReLU; gain 1 with
 * fan-in is LeCun's initialization (for SELU networks).
 *
 * @param distribution uniform, normal or truncated normal
 * @param mode   which fan to divide by (IN by default)
 * @param gain    the activation's gain ({@link Gain}: √2 for ReLU)
 */
public record He(Distribution distribution, FanMode mode, double gain) implements Initializer {

  /**
   * Validates the gain.
   *
   * @param distribution uniform, normal or truncated normal
   * @param mode which fan to divide by (IN by default)
   * @param gain the activation's gain ({@link Gain}: √2 for ReLU)
   */
  public He {
    if (distribution == null || mode == null) {
      throw new IllegalArgumentException("He needs a distribution and a fan mode, got " + distribution + " and " + mode);
    }
    if (!(gain > 0) || !Double.isFinite(gain)) {
      throw new IllegalArgumentException("gain must be > 0, got " + gain);
    }
  }

  /** {@return He normal, fan-in mode, gain √2} */
  public static He normal() {
    return new He(Distribution.NORMAL, FanMode.IN, Math.sqrt(2));
  }

  /** {@return He uniform, fan-in mode, gain √2} */
  public static He uniform() {
    return new He(Distribution.UNIFORM, FanMode.IN, Math.sqrt(2));
  }

  /**
   * {@return He normal with a fan mode and a gain, e.g. {@code He.normal(FanMode.OUT,
   * Gain.leakyRelu(0.2))}}
   *
   * @param mode which fan to divide by (IN by default)
   * @param gain the activation's gain ({@link Gain}: √2 for ReLU)
   */
  public static He normal(FanMode mode, double gain) {
    return new He(Distribution.NORMAL, mode, gain);
  }

  /**
   * {@return He uniform with a fan mode and a gain}
   *
   * @param mode which fan to divide by (IN by default)
   * @param gain the activation's gain ({@link Gain}: √2 for ReLU)
   */
  public static He uniform(FanMode mode, double gain) {
    return new He(Distribution.UNIFORM, mode, gain);
  }

  /** {@return LeCun normal: N(0, 1/fanIn), for SELU networks (Klambauer et al., 2017)} */
  public static He lecunNormal() {
    return new He(Distribution.NORMAL, FanMode.IN, 1.0);
  }

  /**
   * {@return the variance of the samples: gain²/fan}
   *
   * @param fanIn the number of inputs feeding each output unit
   * @param fanOut the number of outputs each input unit feeds
   */
  public double variance(int fanIn, int fanOut) {
    return gain * gain / mode.of(fanIn, fanOut);
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    Fans.require(shape, fanIn, fanOut);
    double std = gain / Math.sqrt(mode.of(fanIn, fanOut));
    return Sampling.scaled(key, shape, distribution, std);
  }
}
