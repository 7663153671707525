package purenet.regularize;

import java.io.Serializable;
import purenet.tensor.Tensor;

/**
 * A penalty on one weight tensor as a pure function: R(w) and ∂R/∂w.
 *
 * <p>Conventions: L2(λ) is λ/2·Σw² with gradient λ·w; L1(λ) is λ·Σ|w| with subgradient λ·sign(w),
 * sign(0) = 0.
 */
@FunctionalInterface
public interface Regularizer extends Serializable {

  /**
   * {@return the penalty of {@code weights} and its gradient (of the same shape)}
   *
   * @param weights a weight tensor of any shape
   */
  Penalty apply(Tensor weights);

  /**
   * {@return r(w) + other(w)}
   *
   * @param other the regularizer to add
   */
  default Regularizer plus(Regularizer other) {
    return w -> {
      Penalty a = apply(w);
      Penalty b = other.apply(w);
      return new Penalty(a.value() + b.value(), a.gradient().add(b.gradient()));
    };
  }

  /**
   * {@return c·R(w)}
   *
   * @param c the factor of the penalty and its gradient
   */
  default Regularizer scaled(double c) {
    return w -> {
      Penalty a = apply(w);
      return new Penalty(c * a.value(), a.gradient().mul(c));
    };
  }
}
