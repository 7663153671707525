package purenet.layer.norm;

/**
 * The shared kernel of the normalization layers: x̂ = (x − μ_g)/√(σ²_g + ε), y = γ_c·x̂ + β_c for
 * each element of group g and channel c of a {@link Grouping}, and its analytic backward pass.
 *
 * <p>Statistics are the biased mean and variance over each group (two passes for a stable
 * variance); without centering (filter response normalization) μ = 0 and σ² is the mean square
 * ν². The forward pass reads the input three times; the backward pass reads the upstream gradient
 * twice. Package-internal: arrays passed in are owned by the kernel from then on.
 */
final class Standardize {
  private Standardize() {}

  /**
   * Normalizes {@code x} with the statistics of its own groups (training batch norm, layer,
   * instance, group and filter response norm).
   */
  static Standardized withOwnStatistics(
      double[] x, Grouping g, boolean center, double eps, double[] gamma, double[] beta) {
    int rows = g.rows();
    int channels = g.channels();
    int inner = g.inner();
    int[] groupOf = g.groupOf();
    int[] count = g.counts();
    double[] mean = new double[g.groups()];
    if (center) {
      int i = 0;
      for (int b = 0; b < rows; b++) {
        int base = b * channels;
        for (int c = 0; c < channels; c++) {
          double s = 0;
          for (int end = i + inner; i < end; i++) {
            s += x[i];
          }
          mean[groupOf[base + c]] += s;
        }
      }
      for (int k = 0; k < mean.length; k++) {
        mean[k] = count[k] == 0 ? 0 : mean[k] / count[k];
      }
    }
    double[] variance = new double[g.groups()];
    int i = 0;
    for (int b = 0; b < rows; b++) {
      int base = b * channels;
      for (int c = 0; c < channels; c++) {
        int k = groupOf[base + c];
        double m = mean[k];
        double s = 0;
        for (int end = i + inner; i < end; i++) {
          double d = x[i] - m;
          s += d * d;
        }
        variance[k] += s;
      }
    }
    double[] invStd = new double[g.groups()];
    for (int k = 0; k < variance.length; k++) {
      variance[k] = count[k] == 0 ? 0 : variance[k] / count[k];
      invStd[k] = 1.0 / Math.sqrt(variance[k] + eps);
    }
    double[][] out = affine(x, g, mean, invStd, gamma, beta);
    return new Standardized(g, out[0], out[1], mean, variance, invStd, count, center, true);
  }

  /**
   * Normalizes {@code x} with fixed per-channel statistics (batch norm in evaluation); {@code g}
   * must group by channel. The statistics do not depend on x, so the backward pass is diagonal.
   */
  static Standardized withFixedStatistics(
      double[] x, Grouping g, double[] mean, double[] variance, double eps, double[] gamma, double[] beta) {
    double[] invStd = new double[variance.length];
    for (int k = 0; k < variance.length; k++) {
      invStd[k] = 1.0 / Math.sqrt(variance[k] + eps);
    }
    double[][] out = affine(x, g, mean, invStd, gamma, beta);
    return new Standardized(g, out[0], out[1], mean, variance, invStd, g.counts(), true, false);
  }

  /** One pass writing x̂ = (x − μ)·r and y = γ·x̂ + β; returns {y, x̂}. */
  private static double[][] affine(double[] x, Grouping g, double[] mean, double[] invStd,
      double[] gamma, double[] beta) {
    int rows = g.rows();
    int channels = g.channels();
    int inner = g.inner();
    int[] groupOf = g.groupOf();
    double[] xhat = new double[x.length];
    double[] y = new double[x.length];
    int i = 0;
    for (int b = 0; b < rows; b++) {
      int base = b * channels;
      for (int c = 0; c < channels; c++) {
        int k = groupOf[base + c];
        double m = mean[k];
        double r = invStd[k];
        double gc = gamma[c];
        double bc = beta[c];
        for (int end = i + inner; i < end; i++) {
          double h = (x[i] - m) * r;
          xhat[i] = h;
          y[i] = gc * h + bc;
        }
      }
    }
    return new double[][] {y, xhat};
  }
}
