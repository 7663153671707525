package purenet.init;

import org.apache.commons.math3.special.Erf;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** Samplers the initializers share. */
final class Sampling {
  private Sampling() {}

  /** Standard deviation of N(0, 1) truncated to [-2, 2]: √(1 - 4φ(2)/(2Φ(2) - 1)). */
  static final double TRUNCATED_STD_AT_2 = truncatedStd(2.0);

  /** Zero-mean samples of variance std², uniform, normal or normal truncated at two deviations. */
  static Tensor scaled(Key key, Shape shape, Distribution distribution, double std) {
    int n = shape.size();
    return switch (distribution) {
      case UNIFORM -> {
        double a = Math.sqrt(3.0) * std;
        yield Tensor.of(key.uniform(n, -a, a), shape);
      }
      case NORMAL -> Tensor.of(key.normal(n), shape).mul(std);
      case TRUNCATED_NORMAL -> Tensor.of(truncatedStandard(key, n, 2.0), shape).mul(std / TRUNCATED_STD_AT_2);
    };
  }

  /**
   * {@code n} samples of N(0, 1) conditioned on |z| ≤ bound, by inverting the CDF: with p = erf(b/√2)
   * and u uniform, z = √2·erf⁻¹(p·(2u - 1)). One uniform per sample, so the key fixes the bits.
   */
  static double[] truncatedStandard(Key key, int n, double bound) {
    double p = Erf.erf(bound / Math.sqrt(2.0));
    double[] z = key.uniform(n);
    for (int i = 0; i < n; i++) {
      // erfInv can overshoot the bound by an ulp at the ends; the clamp keeps the support exact.
      double x = Math.sqrt(2.0) * Erf.erfInv(p * (2 * z[i] - 1));
      z[i] = Math.max(-bound, Math.min(bound, x));
    }
    return z;
  }

  /** √(1 - 2bφ(b)/(2Φ(b) - 1)): the standard deviation of N(0, 1) truncated to [-b, b]. */
  static double truncatedStd(double bound) {
    double pdf = Math.exp(-bound * bound / 2) / Math.sqrt(2 * Math.PI);
    return Math.sqrt(1 - 2 * bound * pdf / Erf.erf(bound / Math.sqrt(2.0)));
  }
}
