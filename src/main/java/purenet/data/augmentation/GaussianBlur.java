package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * A Gaussian blur of random width: image i draws σ = minSigma + (maxSigma − minSigma)·u from
 * u = {@code key.foldIn(i).uniform(1)[0]} and convolves every channel with the normalised, sampled
 * Gaussian g_k ∝ exp(−k²/(2σ²)), k = −⌈3σ⌉ … ⌈3σ⌉, separably (rows, then columns), with edge
 * pixels clamped (replicated): out(y, x) = Σ_a Σ_b g_a g_b I(clamp(y + a), clamp(x + b)). The
 * map is linear in the image and keeps a constant image constant; σ = 0 is the identity.
 *
 * <p>Blur simulates defocus and low-resolution scans; random blur is a standard photometric
 * augmentation (e.g. SimCLR, Chen et al. 2020).
 *
 * @param minSigma the smallest σ, ≥ 0, in pixels
 * @param maxSigma the largest σ, ≥ minSigma, finite
 */
public record GaussianBlur(double minSigma, double maxSigma) implements Augmentation {

  /**
   * Validates the σ range.
   *
   * @param minSigma the smallest σ, ≥ 0, in pixels
   * @param maxSigma the largest σ, ≥ minSigma, finite
   */
  public GaussianBlur {
    if (!(minSigma >= 0 && minSigma <= maxSigma && Double.isFinite(maxSigma))) {
      throw new IllegalArgumentException("GaussianBlur sigma range must satisfy 0 <= minSigma <= maxSigma < ∞, got ["
          + minSigma + ", " + maxSigma + "]");
    }
  }

  /**
   * {@return a blur of fixed width σ}
   *
   * @param sigma the standard deviation of the Gaussian kernel in pixels, &gt; 0
   */
  public static GaussianBlur of(double sigma) {
    return new GaussianBlur(sigma, sigma);
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("GaussianBlur", images);
    if (maxSigma == 0) {
      return images;
    }
    int n = images.dim(0);
    int c = images.dim(1);
    int h = images.dim(2);
    int w = images.dim(3);
    double[] out = images.toArray();
    double[] tmp = new double[h * w];
    for (int i = 0; i < n; i++) {
      double sigma = minSigma + (maxSigma - minSigma) * key.foldIn(i).uniform(1)[0];
      double[] g = GaussianKernel.of(sigma);
      if (g.length == 1) {
        continue;
      }
      for (int ch = 0; ch < c; ch++) {
        int offset = (i * c + ch) * h * w;
        GaussianKernel.blur(out, offset, h, w, g, tmp, out, offset);
      }
    }
    return Tensor.of(out, images.shape());
  }
}
