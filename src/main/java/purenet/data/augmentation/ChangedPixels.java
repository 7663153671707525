package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Randomly changed pixels: every element is, independently with probability {@code fraction},
 * replaced by a uniform value in [lo, hi] (salt-and-pepper noise when lo = hi or the range is the
 * pixel range); the others are copied exactly. The number of changed elements of an image is
 * Binomial(c·h·w, fraction). Image i draws (k₀, k₁) = {@code key.foldIn(i).split(2)}: which
 * elements change from {@code k₀.bernoulli(c·h·w, fraction)}, their values lo + (hi − lo)·u from
 * u = {@code k₁.uniform(c·h·w)}.
 *
 * <p>The "changed pixels" distortion of the seed lectures: a classifier should not depend on a
 * few individual pixels.
 *
 * @param fraction the probability that a pixel is changed, in [0, 1]
 * @param lo       the smallest new value, finite
 * @param hi       the largest new value, finite, ≥ lo
 */
public record ChangedPixels(double fraction, double lo, double hi) implements Augmentation {

  /**
   * Validates the fraction and the value range.
   *
   * @param fraction the probability that a pixel is changed, in [0, 1]
   * @param lo the smallest new value, finite
   * @param hi the largest new value, finite, ≥ lo
   */
  public ChangedPixels {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("ChangedPixels fraction must be in [0, 1], got " + fraction);
    }
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
      throw new IllegalArgumentException("ChangedPixels value range must be finite with lo <= hi, got [" + lo + ", "
          + hi + "]");
    }
  }

  /**
   * {@return a fraction of pixels set to uniform values in [0, 1] (the range of MNIST pixels)}
   *
   * @param fraction the probability that a pixel is changed, in [0, 1]
   */
  public static ChangedPixels of(double fraction) {
    return new ChangedPixels(fraction, 0, 1);
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("ChangedPixels", images);
    if (fraction == 0) {
      return images;
    }
    int n = images.dim(0);
    int size = images.dim(1) * images.dim(2) * images.dim(3);
    double[] out = images.toArray();
    for (int i = 0; i < n; i++) {
      Key[] k = key.foldIn(i).split(2);
      boolean[] change = k[0].bernoulli(size, fraction);
      double[] u = k[1].uniform(size);
      int offset = i * size;
      for (int j = 0; j < size; j++) {
        if (change[j]) {
          out[offset + j] = lo + (hi - lo) * u[j];
        }
      }
    }
    return Tensor.of(out, images.shape());
  }
}
