package purenet.layer.norm;

/**
 * The saved values of one {@link Standardize} pass and its backward pass. Package-internal; the
 * arrays are never mutated, so {@link #backward} can be called any number of times.
 *
 * @param grouping       the view and its statistics groups
 * @param output         y = γ·x̂ + β
 * @param xhat           the normalized input x̂
 * @param mean           μ per group (zeros without centering)
 * @param variance       the biased variance per group (the mean square ν² without centering)
 * @param invStd         1/√(σ² + ε) per group
 * @param count          the number of elements per group
 * @param center         whether the mean was subtracted
 * @param dependsOnInput whether the statistics were computed from this input (training) or fixed
 */
record Standardized(Grouping grouping, double[] output, double[] xhat, double[] mean, double[] variance,
    double[] invStd, int[] count, boolean center, boolean dependsOnInput) {

  /**
   * The gradients for upstream gradient gy. With ĝ = γ_c·gy and group means ⟨·⟩_g:
   * ∂L/∂β_c = Σ gy, ∂L/∂γ_c = Σ gy·x̂, and ∂L/∂x = r_g·(ĝ − ⟨ĝ⟩_g − x̂·⟨ĝ·x̂⟩_g) (Ioffe and
   * Szegedy 2015, seed 000; the ⟨ĝ⟩ term is absent without centering, both group terms are absent
   * for fixed statistics).
   */
  Gradients backward(double[] gy, double[] gamma) {
    int channels = grouping.channels();
    int inner = grouping.inner();
    int[] groupOf = grouping.groupOf();
    double[] dgamma = new double[channels];
    double[] dbeta = new double[channels];
    double[] sumG = new double[invStd.length];
    double[] sumGX = new double[invStd.length];
    for (int row = 0; row < groupOf.length; row++) {
      int c = row % channels;
      double s = 0;
      double sx = 0;
      for (int i = row * inner, end = i + inner; i < end; i++) {
        s += gy[i];
        sx += gy[i] * xhat[i];
      }
      dbeta[c] += s;
      dgamma[c] += sx;
      sumG[groupOf[row]] += gamma[c] * s;
      sumGX[groupOf[row]] += gamma[c] * sx;
    }
    double[] gx = new double[gy.length];
    for (int row = 0; row < groupOf.length; row++) {
      int c = row % channels;
      int k = groupOf[row];
      double r = invStd[k];
      double gc = gamma[c];
      if (!dependsOnInput) {
        double scale = gc * r;
        for (int i = row * inner, end = i + inner; i < end; i++) {
          gx[i] = scale * gy[i];
        }
      } else {
        double meanG = center ? sumG[k] / count[k] : 0.0;
        double meanGX = sumGX[k] / count[k];
        for (int i = row * inner, end = i + inner; i < end; i++) {
          gx[i] = r * (gc * gy[i] - meanG - xhat[i] * meanGX);
        }
      }
    }
    return new Gradients(gx, dgamma, dbeta);
  }

  /** ∂L/∂x, ∂L/∂γ, ∂L/∂β as arrays. */
  record Gradients(double[] input, double[] gamma, double[] beta) {}
}
