package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Elastic deformation (Simard, Steinkraus &amp; Platt 2003, "Best practices for convolutional
 * neural networks applied to visual document analysis", §2): two random displacement fields
 * Δx, Δy with independent uniform(−1, 1) entries per pixel are smoothed by a Gaussian of standard
 * deviation σ (the blur of {@link GaussianBlur}, edges clamped) and scaled by α; output pixel
 * (x, y) reads the source bilinearly at (x + α·(g_σ ∗ Δx)(x, y), y + α·(g_σ ∗ Δy)(x, y)), with
 * {@code fill} outside. Since the smoothing kernel is positive and sums to 1, every displacement
 * component lies in (−α, α). All channels of an image share its fields. Image i draws its fields
 * from (k₀, k₁) = {@code key.foldIn(i).split(2)}: Δx = {@code k₀.uniform(h·w, −1, 1)}, Δy from
 * k₁ likewise.
 *
 * <p>Simard et al. found σ = 4 and α = 34 best for MNIST (28×28): small σ gives random, large
 * σ almost affine displacements. α = 0 is the identity.
 *
 * @param alpha the scale of the displacements in pixels, ≥ 0
 * @param sigma the standard deviation of the smoothing Gaussian in pixels, ≥ 0
 * @param fill  the value of pixels read from outside the source (0: MNIST's background)
 */
public record ElasticDeformation(double alpha, double sigma, double fill) implements Augmentation {

  /**
   * Validates α, σ and the fill.
   *
   * @param alpha the scale of the displacements in pixels, ≥ 0
   * @param sigma the standard deviation of the smoothing Gaussian in pixels, ≥ 0
   * @param fill the value of pixels read from outside the source (0: MNIST's background)
   */
  public ElasticDeformation {
    if (!(alpha >= 0 && Double.isFinite(alpha))) {
      throw new IllegalArgumentException("ElasticDeformation alpha must be finite and >= 0, got " + alpha);
    }
    if (!(sigma >= 0 && Double.isFinite(sigma))) {
      throw new IllegalArgumentException("ElasticDeformation sigma must be finite and >= 0, got " + sigma);
    }
    Images.requireFinite("ElasticDeformation fill", fill);
  }

  /**
   * {@return scale α and smoothness σ, fill 0}
   *
   * @param alpha the scale of the displacements in pixels, ≥ 0
   * @param sigma the standard deviation of the smoothing Gaussian in pixels, ≥ 0
   */
  public static ElasticDeformation of(double alpha, double sigma) {
    return new ElasticDeformation(alpha, sigma, 0);
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("ElasticDeformation", images);
    if (alpha == 0) {
      return images;
    }
    double[] tmp = new double[images.dim(2) * images.dim(3)];
    double[] g = GaussianKernel.of(sigma);
    return Bilinear.warp(images, fill, (i, h, w, sy, sx) -> {
      Key[] k = key.foldIn(i).split(2);
      System.arraycopy(k[0].uniform(h * w, -1, 1), 0, sx, 0, h * w);
      System.arraycopy(k[1].uniform(h * w, -1, 1), 0, sy, 0, h * w);
      if (g.length > 1) {
        GaussianKernel.blur(sx, 0, h, w, g, tmp, sx, 0);
        GaussianKernel.blur(sy, 0, h, w, g, tmp, sy, 0);
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int p = y * w + x;
          sx[p] = x + alpha * sx[p];
          sy[p] = y + alpha * sy[p];
        }
      }
    });
  }
}
