package purenet.loss;

/**
 * How a loss turns its per-term values into one number.
 *
 * <p>Every loss names its <em>terms</em> in its Javadoc: the elements of the prediction for
 * {@link SquaredError} and {@link BinaryCrossEntropy}, the examples (rows) of the batch for
 * {@link SoftmaxCrossEntropy}. With n terms ℓ₁ … ℓₙ:
 * <ul>
 *   <li>{@link #SUM}: L = Σᵢ ℓᵢ (the divisor is 1);</li>
 *   <li>{@link #MEAN}: L = (1/n)·Σᵢ ℓᵢ (the divisor is n).</li>
 * </ul>
 * The gradient is divided by the same divisor.
 */
public enum Reduction {
  /** L = Σᵢ ℓᵢ. */
  SUM,
  /** L = (1/n)·Σᵢ ℓᵢ over the n terms. */
  MEAN;

  /**
   * {@return what the sum of {@code terms} per-term values is divided by: 1 for SUM, terms for MEAN}
   *
   * @param terms the number of terms summed
   */
  public double divisor(int terms) {
    return this == SUM ? 1.0 : terms;
  }

  /** Lower-case name for messages and {@code toString} of the losses, e.g. {@code "mean"}. */
  String label() {
    return this == SUM ? "sum" : "mean";
  }
}
