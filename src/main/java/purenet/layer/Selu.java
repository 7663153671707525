package purenet.layer;

/**
 * Scaled exponential linear unit (Klambauer et al. 2017, "Self-Normalizing Neural Networks"):
 * f(x) = λ·x for x &gt; 0, λ·α·(eˣ - 1) otherwise, with λ ≈ 1.0507 and α ≈ 1.6733 chosen so that
 * activations of zero mean and unit variance keep them layer after layer (with LeCun-normal
 * weights, variance 1/fanIn). f'(x) = λ for x &gt; 0, f(x) + λα otherwise. Pair it with
 * {@code AlphaDropout}, which keeps those moments; ordinary dropout does not.
 */
public record Selu() implements Pointwise {
  /** λ₀₁, the scale. */
  public static final double LAMBDA = 1.0507009873554804934193349852946;
  /** α₀₁, the negative saturation parameter. */
  public static final double ALPHA = 1.6732632423543772848170429916717;

  @Override
  public double value(double x) {
    return x > 0 ? LAMBDA * x : LAMBDA * ALPHA * Math.expm1(x);
  }

  @Override
  public double derivative(double x, double y) {
    return x > 0 ? LAMBDA : y + LAMBDA * ALPHA;
  }
}
