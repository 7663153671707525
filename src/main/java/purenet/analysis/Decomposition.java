package purenet.analysis;

import purenet.tensor.Tensor;

/**
 * The bias-variance decomposition of the expected squared error of a learner (Bishop
 * 2006, §3.2, eq. 3.37–3.46), estimated from L predictors y_1 … y_L trained on independent data
 * sets, at m test inputs x with true values h(x) of k outputs:
 * <pre>
 *   ȳ(x)          = (1/L) Σ_l y_l(x)
 *   bias²         = mean_x (ȳ(x) − h(x))²
 *   variance      = mean_x (1/L) Σ_l (y_l(x) − ȳ(x))²
 *   noise         = σ², the variance of the targets around h
 *   expectedError = bias² + variance + noise
 * </pre>
 * "mean_x" averages over the m·k entries of (m, k). The per-data-set mean squared deviations
 * d_l = mean_x (y_l(x) − h(x))² satisfy mean_l d_l = bias² + variance exactly in real arithmetic (the
 * cross term 2(ȳ − h)·mean_l(y_l − ȳ) vanishes), so expectedError is the expected squared error
 * E_D E_t[(t − y_D(x))²] of a fresh noisy target t = h(x) + ε, ε ~ N(0, σ²).
 *
 * <p>The variance uses the factor 1/L (not 1/(L − 1)), as in the formula above and in Bishop's
 * estimate; for predictors with independent N(0, s²) scatter its expectation is s²(L − 1)/L. For
 * the same reason the estimated bias² is the true bias² plus, in expectation, s²/L: where the true
 * bias² is much smaller than the variance/L, the estimate measures the variance.
 *
 * @param bias2          bias², ≥ 0
 * @param variance       the variance term, ≥ 0
 * @param noise          σ² ≥ 0
 * @param meanPrediction ȳ(x), (m, k)
 * @param deviations     d_l = mean_x (y_l(x) − h(x))², shape (L), L ≥ 2
 */
public record Decomposition(double bias2, double variance, double noise, Tensor meanPrediction, Tensor deviations) {

  /**
   * Rejects negative or non-finite terms and fewer than two deviations.
   *
   * @param bias2 bias², ≥ 0
   * @param variance the variance term, ≥ 0
   * @param noise σ² ≥ 0
   * @param meanPrediction ȳ(x), (m, k)
   * @param deviations d_l = mean_x (y_l(x) − h(x))², shape (L), L ≥ 2
   */
  public Decomposition {
    if (!(bias2 >= 0) || !(variance >= 0) || !(noise >= 0)
        || !Double.isFinite(bias2) || !Double.isFinite(variance) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("bias², variance and noise must be finite and >= 0, got "
          + bias2 + ", " + variance + ", " + noise);
    }
    if (meanPrediction == null || meanPrediction.rank() != 2) {
      throw new IllegalArgumentException("mean prediction must be (m, k), got "
          + (meanPrediction == null ? "null" : meanPrediction.shape().toString()));
    }
    if (deviations == null || deviations.rank() != 1 || deviations.size() < 2) {
      throw new IllegalArgumentException("deviations must be a vector (L) with L >= 2, got "
          + (deviations == null ? "null" : deviations.shape().toString()));
    }
  }

  /**
   * Decomposes the predictions of L models.
   *
   * @param predictions   y_l(x) stacked, (L, m, k) with L ≥ 2
   * @param truth         h(x), (m, k)
   * @param noiseVariance σ² ≥ 0
   * @return the decomposition of the predictions
   * @throws IllegalArgumentException naming the shapes or values that do not fit
   */
  public static Decomposition of(Tensor predictions, Tensor truth, double noiseVariance) {
    BiasVariance.requireNoiseVariance(noiseVariance);
    if (truth.rank() != 2) {
      throw new IllegalArgumentException("true values h(x) must be (m, k), got " + truth.shape());
    }
    if (predictions.rank() != 3 || predictions.dim(1) != truth.dim(0) || predictions.dim(2) != truth.dim(1)) {
      throw new IllegalArgumentException("predictions must be (L, " + truth.dim(0) + ", " + truth.dim(1)
          + ") for true values " + truth.shape() + ", got " + predictions.shape());
    }
    int models = predictions.dim(0);
    if (models < 2) {
      throw new IllegalArgumentException("a variance needs at least 2 models, got L = " + models);
    }
    if (!predictions.isFinite() || !truth.isFinite()) {
      throw new IllegalArgumentException("predictions and true values must be finite");
    }
    Tensor mean = predictions.mean(0);
    double bias2 = mean.sub(truth).square().mean();
    double variance = predictions.sub(mean).square().mean();
    Tensor deviations = predictions.sub(truth).square().reshape(models, truth.size()).mean(1);
    return new Decomposition(bias2, variance, noiseVariance, mean, deviations);
  }

  /**
   * bias² + variance + noise: the expected squared error against a fresh noisy target.
   *
   * @return bias² + variance + noise
   */
  public double expectedError() {
    return bias2 + variance + noise;
  }

  /** {@return the number of models L} */
  public int models() {
    return deviations.size();
  }

  /** {@return mean_l d_l = mean_l mean_x (y_l(x) − h(x))², which equals bias² + variance} */
  public double meanDeviation() {
    return deviations.mean();
  }
}
