package purenet.autodiff;

import purenet.regularize.Penalty;
import purenet.regularize.Regularizer;
import purenet.tensor.Tensor;

/**
 * A penalty written as its value only: R(w) as a scalar {@link Expr}; the gradient ∂R/∂w is derived
 * by reverse-mode differentiation. It is a {@link Regularizer} like any other, so it composes
 * ({@code plus}, {@code scaled}) and applies over the leaves a selector picks.
 *
 * <pre>{@code
 * record Orthogonality(double lambda) implements ExpressionRegularizer {   // λ/2·‖WᵀW − I‖²
 *   public Expr penalty(Expr w) {
 *     Expr gram = w.transposedMatmul(w);
 *     Expr identity = Expr.leaf(Tensor.eye(w.shape().dim(1)));
 *     return gram.minus(identity).pow(2).sum().times(lambda / 2);
 *   }
 * }
 * }</pre>
 */
public interface ExpressionRegularizer extends Regularizer {

  /**
   * R(w) as an expression of the weights.
   *
   * @param weights the penalised tensor as a leaf
   * @return a scalar expression (one element)
   */
  Expr penalty(Expr weights);

  /**
   * R(w) and ∂R/∂w from {@link #penalty}.
   *
   * @param weights w
   * @return the penalty and its gradient, of w's shape
   * @throws IllegalArgumentException if the penalty is not a single element
   */
  @Override
  default Penalty apply(Tensor weights) {
    Expr w = Expr.leaf(weights);
    Expr r = penalty(w);
    r.requireScalar(getClass().getSimpleName() + ".penalty");
    return new Penalty(r.value().toArray()[0], r.gradient(w));
  }
}
