package purenet.loss;

import purenet.tensor.Tensor;

/**
 * Binary cross-entropy on logits, fused with the sigmoid: for a logit z and a target y ∈ [0, 1],
 * ℓ = −y·log σ(z) − (1 − y)·log(1 − σ(z)), computed in the stable form
 * ℓ = max(z, 0) − z·y + log(1 + e^(−|z|)), which never overflows and never takes log 0.
 * Per-element gradient ∂ℓ/∂z = σ(z) − y.
 *
 * <p>The terms of the {@link Reduction} are the N elements of the logits: {@link #mean()} gives
 * L = (1/N)·Σᵢ ℓᵢ with gradient (σ(z) − y)/N; {@link #sum()} gives L = Σᵢ ℓᵢ with gradient
 * σ(z) − y. One logit per example (batch, 1) or one per independent label (batch, labels).
 *
 * <p>Shapes: logits and targets have exactly the same shape (no broadcasting); targets lie in
 * [0, 1] (hard 0/1 labels or soft labels).
 *
 * @param reduction MEAN (over all elements) or SUM
 */
public record BinaryCrossEntropy(Reduction reduction) implements Loss {

  /**
   * Validates the reduction.
   *
   * @param reduction MEAN (over all elements) or SUM
   */
  public BinaryCrossEntropy {
    if (reduction == null) {
      throw new IllegalArgumentException("BinaryCrossEntropy needs a reduction, got null");
    }
  }

  /** {@return the mean over all N elements: L = (1/N)·Σᵢ ℓᵢ, gradient (σ(z) − y)/N} */
  public static BinaryCrossEntropy mean() {
    return new BinaryCrossEntropy(Reduction.MEAN);
  }

  /** {@return the sum over all elements: L = Σᵢ ℓᵢ, gradient σ(z) − y} */
  public static BinaryCrossEntropy sum() {
    return new BinaryCrossEntropy(Reduction.SUM);
  }

  @Override
  public ValueAndGrad<Tensor> apply(Tensor logits, Tensor target) {
    if (!logits.shape().equals(target.shape())) {
      throw new IllegalArgumentException("BinaryCrossEntropy expects targets of the logits' shape "
          + logits.shape() + ", got " + target.shape());
    }
    if (logits.size() == 0) {
      throw new IllegalArgumentException("BinaryCrossEntropy needs at least one element, got shape " + logits.shape());
    }
    double[] z = logits.toArray();
    double[] y = target.toArray();
    double divisor = reduction.divisor(z.length);
    double total = 0;
    double[] grad = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      double yi = y[i];
      if (!(yi >= 0 && yi <= 1)) {
        throw new IllegalArgumentException("BinaryCrossEntropy expects targets in [0, 1], got " + yi + " at element " + i);
      }
      double e = Math.exp(-Math.abs(zi));
      total += Math.max(zi, 0) - zi * yi + Math.log1p(e);
      // σ(z) from e = exp(−|z|): 1/(1+e) for z ≥ 0, e/(1+e) for z < 0; neither overflows.
      double sigma = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
      grad[i] = (sigma - yi) / divisor;
    }
    return new ValueAndGrad<>(total / divisor, Tensor.of(grad, logits.shape()));
  }
}
