package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * He/Kaiming initialization (He et al., 2015): standard deviation gain/√fan with fan = fanIn
 * (preserves forward variance) or fanOut (preserves backward variance). Normal: N(0, gain²/fan);
 * uniform: U(-a, a) with a = gain·√(3/fan). The default gain √2 suits ReLU.
 *
 * @param distribution uniform or normal
 * @param mode   which fan to divide by (IN by default)
 * @param gain    the activation's gain (√2 for ReLU)
 */
public record He(Distribution distribution, FanMode mode, double gain) implements Initializer {

  /** Validates the gain. */
  public He {
    if (!(gain > 0) || !Double.isFinite(gain)) {
      throw new IllegalArgumentException("gain must be > 0, got " + gain);
    }
  }

  /** He normal, fan-in mode, gain √2. */
  public static He normal() {
    return new He(Distribution.NORMAL, FanMode.IN, Math.sqrt(2));
  }

  /** He uniform, fan-in mode, gain √2. */
  public static He uniform() {
    return new He(Distribution.UNIFORM, FanMode.IN, Math.sqrt(2));
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    double std = gain / Math.sqrt(mode.of(fanIn, fanOut));
    return Sampling.scaled(key, shape, distribution, std);
  }
}
