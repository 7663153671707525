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
 * <p>Shapes: logits (B, C). Targets either
 * <ul>
 *   <li>class indices (B): integer values in 0 … C−1 (y is then the one-hot row), or</li>
 *   <li>probability rows (B, C): non-negative, each row summing to 1 within 1e-6 (one-hot labels,
 *       label smoothing, soft targets).</li>
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

  /** Validates the reduction. */
  public SoftmaxCrossEntropy {
    if (reduction == null) {
      throw new IllegalArgumentException("SoftmaxCrossEntropy needs a reduction, got null");
    }
  }

  /** The mean over the batch: L = (1/B)·Σ_b ℓ_b, gradient (softmax(z) − y)/B. */
  public static SoftmaxCrossEntropy mean() {
    return new SoftmaxCrossEntropy(Reduction.MEAN);
  }

  /** The sum over the batch: L = Σ_b ℓ_b, gradient softmax(z) − y. */
  public static SoftmaxCrossEntropy sum() {
    return new SoftmaxCrossEntropy(Reduction.SUM);
  }

  @Override
  public ValueAndGrad<Tensor> apply(Tensor logits, Tensor target) {
    if (logits.rank() != 2 || logits.dim(0) == 0 || logits.dim(1) == 0) {
      throw new IllegalArgumentException(
          "SoftmaxCrossEntropy expects logits (batch, classes) with batch, classes >= 1, got " + logits.shape());
    }
    int b = logits.dim(0);
    int c = logits.dim(1);
    double[] z = logits.toArray();
    double[] y = targetRows(target, b, c);
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

  /** The targets as probability rows (B·C values), validated. */
  private static double[] targetRows(Tensor target, int b, int c) {
    if (target.rank() == 1 && target.dim(0) == b) {
      double[] y = new double[b * c];
      for (int r = 0; r < b; r++) {
        double t = target.at(r);
        if (t != Math.rint(t) || t < 0 || t >= c) {
          throw new IllegalArgumentException("SoftmaxCrossEntropy expects class indices in 0.."
              + (c - 1) + ", got " + t + " at row " + r);
        }
        y[r * c + (int) t] = 1.0;
      }
      return y;
    }
    if (target.shape().equals(Shape.of(b, c))) {
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
    throw new IllegalArgumentException("SoftmaxCrossEntropy expects targets (" + b + ") of class indices or ("
        + b + ", " + c + ") of probabilities for logits " + Shape.of(b, c) + ", got " + target.shape());
  }
}
