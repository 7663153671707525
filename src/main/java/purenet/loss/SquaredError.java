package purenet.loss;

import purenet.tensor.Tensor;

/**
 * Squared error: L = c · Σᵢ (pᵢ − tᵢ)² / D, where the sum runs over every element i of the
 * prediction p and the target t, and D is the {@link Reduction} divisor (1 for SUM, the number of
 * elements N for MEAN). Gradient ∂L/∂p = 2c·(p − t)/D.
 *
 * <ul>
 *   <li>{@link #halfSum()}: c = ½, SUM — L = ½Σ(p−t)², ∂L/∂p = p − t. The form of the worked example
 *       of Ashu's UEC630 lecture "Regularization" (ŷ = 0.3, y = 5 gives 11.045).</li>
 *   <li>{@link #sum()}: c = 1, SUM — L = Σ(p−t)², ∂L/∂p = 2(p − t).</li>
 *   <li>{@link #mean()}: c = 1, MEAN — L = (1/N)Σ(p−t)² over all N elements (batch × features),
 *       ∂L/∂p = 2(p − t)/N. This is Keras' and PyTorch's default "MSE".</li>
 * </ul>
 *
 * <p>Shapes: prediction and target must have exactly the same shape, any rank. No broadcasting:
 * a (batch, 1) prediction against a (batch) target is an error, not a (batch, batch) loss.
 *
 * @param coefficient c &gt; 0
 * @param reduction   SUM or MEAN over the elements
 */
public record SquaredError(double coefficient, Reduction reduction) implements Loss {

  /**
   * Validates the coefficient.
   *
   * @param coefficient c &gt; 0
   * @param reduction SUM or MEAN over the elements
   */
  public SquaredError {
    if (!(coefficient > 0) || !Double.isFinite(coefficient)) {
      throw new IllegalArgumentException("SquaredError coefficient must be finite and > 0, got " + coefficient);
    }
    if (reduction == null) {
      throw new IllegalArgumentException("SquaredError needs a reduction, got null");
    }
  }

  /** {@return ½Σ(p − t)² over all elements; gradient p − t} */
  public static SquaredError halfSum() {
    return new SquaredError(0.5, Reduction.SUM);
  }

  /** {@return Σ(p − t)² over all elements; gradient 2(p − t)} */
  public static SquaredError sum() {
    return new SquaredError(1.0, Reduction.SUM);
  }

  /** {@return (1/N)Σ(p − t)² over all N elements; gradient 2(p − t)/N} */
  public static SquaredError mean() {
    return new SquaredError(1.0, Reduction.MEAN);
  }

  @Override
  public ValueAndGrad<Tensor> apply(Tensor prediction, Tensor target) {
    if (!prediction.shape().equals(target.shape())) {
      throw new IllegalArgumentException("SquaredError expects target of the prediction's shape "
          + prediction.shape() + ", got " + target.shape());
    }
    if (prediction.size() == 0) {
      throw new IllegalArgumentException("SquaredError needs at least one element, got shape " + prediction.shape());
    }
    Tensor diff = prediction.sub(target);
    double divisor = reduction.divisor(diff.size());
    return new ValueAndGrad<>(coefficient * diff.dot(diff) / divisor, diff.mul(2 * coefficient / divisor));
  }
}
