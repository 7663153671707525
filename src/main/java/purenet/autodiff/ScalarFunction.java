package purenet.autodiff;

import purenet.layer.Mode;
import purenet.loss.ValueAndGrad;
import purenet.tree.Tree;

/**
 * A scalar function of a parameter {@link Tree}, written as an {@link Expr}: a loss, a penalty over
 * several leaves, an objective. {@link #valueAndGrad} returns f(θ) and ∂f/∂θ as a tree of θ's
 * structure, as JAX's {@code value_and_grad} does.
 *
 * <pre>{@code
 * ScalarFunction loss = p -> x.matmul(p.get("w")).minus(y).pow(2).mean();
 * ValueAndGrad<Tree> vg = loss.valueAndGrad(params);     // vg.value(), vg.grad().tensor("w")
 * }</pre>
 */
@FunctionalInterface
public interface ScalarFunction {

  /**
   * f(θ).
   *
   * @param params θ's leaves as expressions, by path
   * @return a scalar expression (one element)
   */
  Expr apply(Params params);

  /**
   * f(θ) and ∂f/∂θ, in evaluation mode.
   *
   * @param params θ
   * @return the value and the gradient tree, of θ's structure
   * @throws IllegalArgumentException if f is not a single element
   */
  default ValueAndGrad<Tree> valueAndGrad(Tree params) {
    return valueAndGrad(params, Mode.eval());
  }

  /**
   * f(θ) and ∂f/∂θ in a given mode (a training mode hands its key to stochastic parts of f).
   *
   * @param params θ
   * @param mode   the mode, available to f as {@link Params#mode()}
   * @return the value and the gradient tree, of θ's structure
   * @throws IllegalArgumentException if f is not a single element
   */
  default ValueAndGrad<Tree> valueAndGrad(Tree params, Mode mode) {
    Params p = Params.of(params, mode);
    Expr f = apply(p);
    f.requireScalar("valueAndGrad");
    Gradients g = f.gradients(purenet.tensor.Tensor.ones(f.shape().dims()), p.leaves());
    return new ValueAndGrad<>(f.value().toArray()[0], p.gradientTree(g, 0));
  }
}
