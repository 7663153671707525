package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Additive Gaussian pixel noise, optionally clipped: out = clip(x + σ·ε, min, max) with
 * ε ~ N(0, 1) independently per element; image i draws its c·h·w values ε from
 * {@code key.foldIn(i).normal(c·h·w)}. With min = −∞ and max = +∞ nothing is clipped.
 *
 * <p>Training with input noise is, for small σ and a linear model, equivalent to Tikhonov (L2)
 * regularization (Bishop 1995, "Training with noise is equivalent to Tikhonov regularization").
 *
 * @param stddev σ ≥ 0 (0 leaves an unclipped image unchanged)
 * @param min    the lower clipping bound, possibly −∞
 * @param max    the upper clipping bound, possibly +∞, ≥ min
 */
public record PixelNoise(double stddev, double min, double max) implements Augmentation {

  /**
   * Validates σ and the clipping range.
   *
   * @param stddev σ ≥ 0 (0 leaves an unclipped image unchanged)
   * @param min the lower clipping bound, possibly −∞
   * @param max the upper clipping bound, possibly +∞, ≥ min
   */
  public PixelNoise {
    if (!(stddev >= 0 && Double.isFinite(stddev))) {
      throw new IllegalArgumentException("PixelNoise stddev must be finite and >= 0, got " + stddev);
    }
    if (!(min <= max)) {
      throw new IllegalArgumentException("PixelNoise clipping range must satisfy min <= max, got [" + min + ", "
          + max + "]");
    }
  }

  /**
   * {@return noise of standard deviation σ, not clipped}
   *
   * @param stddev σ ≥ 0 (0 leaves an unclipped image unchanged)
   */
  public static PixelNoise of(double stddev) {
    return new PixelNoise(stddev, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * {@return noise of standard deviation σ, clipped to [min, max] (e.g. [0, 1] for pixel
   * intensities)}
   *
   * @param stddev σ ≥ 0 (0 leaves an unclipped image unchanged)
   * @param min the lower clipping bound, possibly −∞
   * @param max the upper clipping bound, possibly +∞, ≥ min
   */
  public static PixelNoise clipped(double stddev, double min, double max) {
    return new PixelNoise(stddev, min, max);
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("PixelNoise", images);
    boolean clip = min > Double.NEGATIVE_INFINITY || max < Double.POSITIVE_INFINITY;
    if (stddev == 0 && !clip) {
      return images;
    }
    int n = images.dim(0);
    int size = images.dim(1) * images.dim(2) * images.dim(3);
    double[] out = images.toArray();
    for (int i = 0; i < n; i++) {
      double[] z = key.foldIn(i).normal(size);
      int offset = i * size;
      for (int j = 0; j < size; j++) {
        double v = out[offset + j] + stddev * z[j];
        out[offset + j] = clip ? Math.min(max, Math.max(min, v)) : v;
      }
    }
    return Tensor.of(out, images.shape());
  }
}
