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
   * Szegedy 2015; the ⟨ĝ⟩ term is absent without centering, both group terms are absent
   * for fixed statistics).
   */
  Gradients backward(double[] gy, double[] gamma) {
    int rows = grouping.rows();
    int channels = grouping.channels();
    int inner = grouping.inner();
    int[] groupOf = grouping.groupOf();
    double[] dgamma = new double[channels];
    double[] dbeta = new double[channels];
    double[] sumG = new double[invStd.length];
    double[] sumGX = new double[invStd.length];
    int i = 0;
    for (int b = 0; b < rows; b++) {
      int base = b * channels;
      for (int c = 0; c < channels; c++) {
        double s = 0;
        double sx = 0;
        for (int end = i + inner; i < end; i++) {
          s += gy[i];
          sx += gy[i] * xhat[i];
        }
        dbeta[c] += s;
        dgamma[c] += sx;
        int k = groupOf[base + c];
        sumG[k] += gamma[c] * s;
        sumGX[k] += gamma[c] * sx;
      }
    }
    double[] gx = new double[gy.length];
    i = 0;
    for (int b = 0; b < rows; b++) {
      int base = b * channels;
      for (int c = 0; c < channels; c++) {
        int k = groupOf[base + c];
        double r = invStd[k];
        double gc = gamma[c];
        // Fixed statistics make the pass diagonal; own statistics subtract the group means. The
        // factor r stays outside the difference so that an exactly cancelling group (one value)
        // gives exactly 0, as γ·g − ⟨γ·g⟩ does.
        double meanG = dependsOnInput && center ? sumG[k] / count[k] : 0.0;
        double meanGX = dependsOnInput ? sumGX[k] / count[k] : 0.0;
        for (int end = i + inner; i < end; i++) {
          gx[i] = r * (gc * gy[i] - meanG - xhat[i] * meanGX);
        }
      }
    }
    return new Gradients(gx, dgamma, dbeta);
  }

  /** ∂L/∂x, ∂L/∂γ, ∂L/∂β as arrays. */
  record Gradients(double[] input, double[] gamma, double[] beta) {}
}
