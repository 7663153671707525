package purenet.examples.expression;

import java.util.stream.IntStream;
import purenet.autodiff.Expr;
import purenet.autodiff.ExpressionLayer;
import purenet.autodiff.Params;
import purenet.layer.Layer;
import purenet.tensor.Tensor;

/**
 * Layer normalization written as its forward expression only:
 * y = γ ⊙ (x − μ)/√(σ² + ε) + β, with μ and the biased variance σ² over the trailing axes of the
 * normalized shape N (γ's shape); the backward is derived. The same layer as the hand-written
 * {@code purenet.layer.norm.LayerNorm}.
 *
 * @param gamma   γ, of the normalized shape N
 * @param beta    β, of shape N
 * @param epsilon ε &gt; 0
 */
public record LayerNormExpression(Tensor gamma, Tensor beta, double epsilon) implements ExpressionLayer {

  @Override
  public Expr expression(Expr x, Params p) {
    int rank = x.shape().rank();
    int[] axes = IntStream.range(rank - gamma.rank(), rank).toArray();
    Expr centred = x.minus(x.meanKeepingAxes(axes));
    Expr variance = centred.times(centred).meanKeepingAxes(axes);
    return centred.div(variance.plus(epsilon).sqrt()).times(p.get("gamma")).plus(p.get("beta"));
  }
}
