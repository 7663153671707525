package purenet.data.augmentation;

/**
 * A normalised, sampled Gaussian g_k = exp(−k²/(2σ²)) / Σ_j exp(−j²/(2σ²)) for
 * k = −r … r, r = ⌈3σ⌉ (σ = 0 gives the single tap [1]), and the separable blur of a plane with
 * it, edge pixels clamped (replicated): out(y, x) = Σ_a Σ_b g_a g_b I(clamp(y+a), clamp(x+b)).
 * Shared by {@link GaussianBlur} and the displacement smoothing of {@link ElasticDeformation}.
 */
final class GaussianKernel {
  private GaussianKernel() {}

  /** The taps g_{−r} … g_r, summing to 1 up to rounding. */
  static double[] of(double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    double[] g = new double[2 * r + 1];
    double sum = 0;
    for (int k = -r; k <= r; k++) {
      g[k + r] = sigma == 0 ? 1 : Math.exp(-(double) k * k / (2 * sigma * sigma));
      sum += g[k + r];
    }
    for (int k = 0; k < g.length; k++) {
      g[k] /= sum;
    }
    return g;
  }

  /**
   * Blurs the h×w plane of {@code src} at {@code srcOffset} into {@code dst} at {@code dstOffset};
   * {@code tmp} (length ≥ h·w) holds the horizontal pass. {@code src} and {@code dst} may be the
   * same array at the same offset.
   */
  static void blur(double[] src, int srcOffset, int h, int w, double[] g, double[] tmp, double[] dst,
      int dstOffset) {
    int r = g.length / 2;
    for (int y = 0; y < h; y++) {
      int row = srcOffset + y * w;
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int k = -r; k <= r; k++) {
          int c = Math.min(w - 1, Math.max(0, x + k));
          s += g[k + r] * src[row + c];
        }
        tmp[y * w + x] = s;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int k = -r; k <= r; k++) {
          int rr = Math.min(h - 1, Math.max(0, y + k));
          s += g[k + r] * tmp[rr * w + x];
        }
        dst[dstOffset + y * w + x] = s;
      }
    }
  }
}
