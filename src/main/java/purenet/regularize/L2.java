package purenet.regularize;

import purenet.tensor.Tensor;

/**
 * Ridge / weight-decay penalty: R(w) = λ/2·Σ w², ∂R/∂w = λ·w.
 *
 * <p>The ½ makes the gradient λ·w, so one SGD step on the penalised loss is the shrinkage rule
 * w ← (1 - ηλ)·w - η·∂L/∂w (Breininger et al., FAU Deep Learning exercise "Regularization", 2024;
 * "weight decay, researchers' view" in Chang Xu's Sydney lecture "Regularizations for Deep Models",
 * 2020); it is also the convention of the worked example of Ashu's UEC630 lecture "Regularization" (λ =
 * 0.1 gives 11.045 + 0.0017 = 11.0467). Any shape; the gradient has w's shape.
 *
 * @param lambda λ &ge; 0
 */
public record L2(double lambda) implements Regularizer {

  /**
   * Rejects a negative or non-finite λ.
   *
   * @param lambda λ &ge; 0
   */
  public L2 {
    Hyper.nonNegative("L2 lambda", lambda);
  }

  @Override
  public Penalty apply(Tensor w) {
    return new Penalty(0.5 * lambda * w.dot(w), w.mul(lambda));
  }
}
