package purenet.regularize;

import purenet.tensor.Tensor;

/**
 * Elastic net (Zou and Hastie 2005): R(w) = λ₁·Σ |w| + λ₂/2·Σ w², with gradient
 * λ₁·sign(w) + λ₂·w (sign(0) = 0). Equal to {@code new L1(l1).plus(new L2(l2))}, in one pass.
 * Seed 001 writes it Σ βw² + |w|, i.e. λ₁ = λ, λ₂ = 2βλ.
 *
 * @param l1 λ₁ &ge; 0, the weight of the L1 part
 * @param l2 λ₂ &ge; 0, the weight of the L2 part (with the ½ of {@link L2})
 */
public record ElasticNet(double l1, double l2) implements Regularizer {

  /**
   * Rejects a negative or non-finite λ₁ or λ₂.
   *
   * @param l1 λ₁ &ge; 0, the weight of the L1 part
   * @param l2 λ₂ &ge; 0, the weight of the L2 part (with the ½ of {@link L2})
   */
  public ElasticNet {
    Hyper.nonNegative("ElasticNet l1 lambda", l1);
    Hyper.nonNegative("ElasticNet l2 lambda", l2);
  }

  @Override
  public Penalty apply(Tensor w) {
    double value = l1 * w.abs().sum() + 0.5 * l2 * w.dot(w);
    return new Penalty(value, w.map(v -> l1 * Math.signum(v) + l2 * v));
  }
}
