package purenet.init;

import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Independent samples from N(mean, std²) conditioned on |x - mean| ≤ bound·std (drawn by inverting
 * the CDF, so no sample is rejected and the key fixes every bit). Ignores the fans.
 *
 * <p>Variance after truncation: std²·(1 - 2bφ(b)/(2Φ(b) - 1)) with b the bound, φ and Φ the
 * standard normal density and CDF; for b = 2 that is std²·0.7737... ({@link #variance()}).
 *
 * @param mean  the mean
 * @param std   the standard deviation before truncation, &gt; 0
 * @param bound b &gt; 0, the cut-off in standard deviations (2 in Keras, JAX and TensorFlow)
 */
public record TruncatedNormal(double mean, double std, double bound) implements Initializer {

  /**
   * Validates the parameters.
   *
   * @param mean the mean
   * @param std the standard deviation before truncation, &gt; 0
   * @param bound b &gt; 0, the cut-off in standard deviations (2 in Keras, JAX and TensorFlow)
   */
  public TruncatedNormal {
    if (!Double.isFinite(mean)) {
      throw new IllegalArgumentException("TruncatedNormal mean must be finite, got " + mean);
    }
    if (!(std > 0) || !Double.isFinite(std)) {
      throw new IllegalArgumentException("TruncatedNormal std must be > 0, got " + std);
    }
    if (!(bound > 0) || !Double.isFinite(bound)) {
      throw new IllegalArgumentException("TruncatedNormal bound must be > 0 standard deviations, got " + bound);
    }
  }

  /**
   * {@return n(0, std²) truncated at two standard deviations}
   *
   * @param std the standard deviation before truncation, &gt; 0
   */
  public static TruncatedNormal of(double std) {
    return new TruncatedNormal(0.0, std, 2.0);
  }

  /** {@return the variance of the samples: std²·(1 - 2bφ(b)/(2Φ(b) - 1))} */
  public double variance() {
    double s = std * Sampling.truncatedStd(bound);
    return s * s;
  }

  @Override
  public Tensor initialize(Key key, Shape shape, int fanIn, int fanOut) {
    Tensor z = Tensor.of(Sampling.truncatedStandard(key, shape.size(), bound), shape).mul(std);
    return mean == 0 ? z : z.add(mean);
  }
}
