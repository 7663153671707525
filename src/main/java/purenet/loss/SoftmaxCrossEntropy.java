package purenet.loss;

import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Cross-entropy of the softmax of logits, fused with the softmax: for an example with logits
 * z ∈ ℝᶜ and target distribution y, ℓ = −Σ_c y_c·log softmax(z)_c = logsumexp(z) − Σ_c y_c z_c.
 * The terms of the {@link Reduction} are the B examples: {@link #mean()} gives L = (1/B)·Σ_b ℓ_b,
 * {@link #sum()} gives L = Σ_b ℓ_b.
 *
 * <p>Gradient: ∂L/∂z = (softmax(z) − y)/D with D = B for MEAN and 1 for SUM; every row of the
 * gradient sums to 0.
 *
 * <p>Shapes: logits (B, C), or (B, T, …, C) for a class score at every position (a sequence model's
 * next symbol): the classes are the last axis and every leading position counts as one example, so
 * B above is the product of the leading dimensions and MEAN averages over all of them (as PyTorch's
 * and Keras' sparse categorical cross-entropy do). Targets either
 * <ul>
 *   <li>class indices, the logits' shape without its last axis: integer values in 0 … C−1 (y is
 *       then the one-hot row), or</li>
 *   <li>probability rows, the logits' shape: non-negative, each row summing to 1 within 1e-6
 *       (one-hot labels, label smoothing, soft targets).</li>
 * </ul>
 * The rank of the target decides which, so a (B, B) one-hot target is never read as indices.
 *
 * <p>Stability: logsumexp(z) = m + log Σ_c exp(z_c − m) with m = max_c z_c, and ℓ is accumulated as
 * Σ_c y_c·(logsumexp(z) − z_c), a sum of non-negative terms, so logits of any finite size (±1e4
 * and beyond) give finite, accurate values and gradients.
 *
 * @param reduction MEAN (over the batch) or SUM
 */
public record SoftmaxCrossEntropy(Reduction reduction) implements Loss {

  /** Tolerance on the row sums of probability targets. */
  private static final double ROW_SUM_TOLERANCE = 1e-6;

  /**
   * Validates the reduction.
   *
   * @param reduction MEAN (over the batch) or SUM
   */
  public SoftmaxCrossEntropy {
    if (reduction == null) {
      throw new IllegalArgumentException("SoftmaxCrossEntropy needs a reduction, got null");
    }
  }

  /** {@return the mean over the batch: L = (1/B)·Σ_b ℓ_b, gradient (softmax(z) − y)/B} */
  public static SoftmaxCrossEntropy mean() {
    return new SoftmaxCrossEntropy(Reduction.MEAN);
  }

  /** {@return the sum over the batch: L = Σ_b ℓ_b, gradient softmax(z) − y} */
  public static SoftmaxCrossEntropy sum() {
    return new SoftmaxCrossEntropy(Reduction.SUM);
  }

  @Override
  public ValueAndGrad<Tensor> apply(Tensor logits, Tensor target) {
    if (logits.rank() < 2 || logits.size() == 0) {
      throw new IllegalArgumentException(
          "SoftmaxCrossEntropy expects logits (batch, ..., classes) with every dimension >= 1, got " + logits.shape());
    }
    int c = logits.dim(logits.rank() - 1);
    int b = logits.size() / c;
    double[] z = logits.toArray();
    double[] y = targetRows(target, logits.shape(), b, c);
    double[] grad = new double[z.length];
    double divisor = reduction.divisor(b);
    double total = 0;
    for (int r = 0; r < b; r++) {
      int o = r * c;
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        m = Math.max(m, z[o + j]);
      }
      double s = 0;
      for (int j = 0; j < c; j++) {
        double e = Math.exp(z[o + j] - m);
        grad[o + j] = e;
        s += e;
      }
      double lse = m + Math.log(s);
      double loss = 0;
      for (int j = 0; j < c; j++) {
        if (y[o + j] != 0) {
          loss += y[o + j] * (lse - z[o + j]);
        }
        grad[o + j] = (grad[o + j] / s - y[o + j]) / divisor;
      }
      total += loss;
    }
    return new ValueAndGrad<>(total / divisor, Tensor.of(grad, logits.shape()));
  }

  /** The targets as B probability rows of C values, validated against the logits' shape. */
  private static double[] targetRows(Tensor target, Shape logits, int b, int c) {
    if (target.shape().equals(logits.without(logits.rank() - 1))) {
      double[] indices = target.toArray();
      double[] y = new double[b * c];
      for (int r = 0; r < b; r++) {
        double t = indices[r];
        if (t != Math.rint(t) || t < 0 || t >= c) {
          throw new IllegalArgumentException("SoftmaxCrossEntropy expects class indices in 0.."
              + (c - 1) + ", got " + t + " at row " + r);
        }
        y[r * c + (int) t] = 1.0;
      }
      return y;
    }
    if (target.shape().equals(logits)) {
      double[] y = target.toArray();
      for (int r = 0; r < b; r++) {
        double s = 0;
        for (int j = 0; j < c; j++) {
          double v = y[r * c + j];
          if (!(v >= 0) || v > 1 + ROW_SUM_TOLERANCE) {
            throw new IllegalArgumentException("SoftmaxCrossEntropy expects probabilities in [0, 1], got "
                + v + " at (" + r + ", " + j + ")");
          }
          s += v;
        }
        if (Math.abs(s - 1) > ROW_SUM_TOLERANCE) {
          throw new IllegalArgumentException(
              "SoftmaxCrossEntropy expects probability rows summing to 1, row " + r + " sums to " + s);
        }
      }
      return y;
    }
    throw new IllegalArgumentException("SoftmaxCrossEntropy expects targets " + logits.without(logits.rank() - 1)
        + " of class indices or " + logits + " of probabilities for logits " + logits + ", got " + target.shape());
  }
}
