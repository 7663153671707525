package purenet.examples.expression;

import purenet.autodiff.Expr;
import purenet.autodiff.ExpressionRegularizer;

/**
 * The L2 penalty written as its value only, R(w) = λ/2·Σ w²; the gradient λ·w is derived. The
 * same penalty as the hand-written {@code purenet.regularize.L2}.
 *
 * @param lambda λ
 */
public record L2Expression(double lambda) implements ExpressionRegularizer {

  @Override
  public Expr penalty(Expr w) {
    return w.times(w).sum().times(lambda / 2);
  }
}
