package purenet.examples.expression;

import purenet.autodiff.Expr;
import purenet.autodiff.ExpressionRegularizer;
import purenet.tensor.Tensor;

/**
 * The soft orthogonality penalty R(W) = λ/2·‖WᵀW − I‖²_F for a weight W (n, k) (Bansal, Chen and
 * Wang 2018, "Can we gain more from orthogonality regularizations in training deep CNNs?"),
 * written as its value only; the gradient 2λ·W(WᵀW − I) is derived.
 *
 * @param lambda λ
 */
public record OrthogonalityExpression(double lambda) implements ExpressionRegularizer {

  @Override
  public Expr penalty(Expr w) {
    Expr gram = w.transposedMatmul(w);
    Expr residual = gram.minus(Expr.leaf(Tensor.eye(gram.shape().dim(0))));
    return residual.times(residual).sum().times(lambda / 2);
  }
}
