package purenet.examples.expression;

import java.util.List;
import purenet.autodiff.Expr;
import purenet.autodiff.ExpressionCell;
import purenet.autodiff.Params;
import purenet.tensor.Tensor;

/**
 * The LSTM cell written as its forward expression only; its backward (BPTT) is derived. Same
 * equations, parameters and gate order as the hand-written cell: with
 * z = x_t·W_x + b + h_{t−1}·W_h split into column blocks [i, f, g, o] of H,
 * i, f, o = σ(zⁱ), σ(zᶠ), σ(zᵒ), g = tanh(zᵍ), c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t).
 *
 * <p>Shapes: input (B, T, F), output (B, T, H); W_x (F, 4H), W_h (H, 4H), b (4H).
 *
 * @param inputWeight     W_x, (F, 4H)
 * @param recurrentWeight W_h, (H, 4H)
 * @param bias            b, (4H)
 */
public record LstmExpression(Tensor inputWeight, Tensor recurrentWeight, Tensor bias) implements ExpressionCell {

  @Override
  public int hiddenSize() {
    return recurrentWeight.dim(0);
  }

  @Override
  public int stateCount() {
    return 2;
  }

  @Override
  public Expr project(Expr x, Params p) {
    return x.matmul(p.get("inputWeight")).plus(p.get("bias"));
  }

  @Override
  public List<Expr> step(Expr projected, List<Expr> state, Params p) {
    int h = hiddenSize();
    Expr z = projected.plus(state.get(0).matmul(p.get("recurrentWeight")));
    Expr i = z.slice(1, 0, h).sigmoid();
    Expr f = z.slice(1, h, 2 * h).sigmoid();
    Expr g = z.slice(1, 2 * h, 3 * h).tanh();
    Expr o = z.slice(1, 3 * h, 4 * h).sigmoid();
    Expr c = f.times(state.get(1)).plus(i.times(g));
    return List.of(o.times(c.tanh()), c);
  }
}
