package purenet.regularize;

import purenet.tensor.Tensor;

/**
 * Lasso penalty: R(w) = λ·Σ |w|, subgradient ∂R/∂w = λ·sign(w) with sign(0) = 0.
 *
 * <p>Its SGD step is the constant shrinkage w ← w - ηλ·sign(w) - η·∂L/∂w (Breininger et al., FAU Deep
 * Learning exercise "Regularization", 2024), which drives small weights to (around) zero and so favours
 * sparse weights (Maier et al., FAU Deep Learning lecture "Regularization", 2023). Any shape; the
 * gradient has w's shape.
 *
 * @param lambda λ &ge; 0
 */
public record L1(double lambda) implements Regularizer {

  /**
   * Rejects a negative or non-finite λ.
   *
   * @param lambda λ &ge; 0
   */
  public L1 {
    Hyper.nonNegative("L1 lambda", lambda);
  }

  @Override
  public Penalty apply(Tensor w) {
    return new Penalty(lambda * w.abs().sum(), w.map(v -> lambda * Math.signum(v)));
  }
}
