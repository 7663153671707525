package purenet.autodiff;

import purenet.layer.Backward;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.tensor.Tensor;

/**
 * A layer written as its forward expression only: the backward pass is derived by reverse-mode
 * automatic differentiation of the {@link Expr} graph that {@link #expression} builds.
 *
 * <pre>{@code
 * record Swish(Tensor beta) implements ExpressionLayer {      // y = x ⊙ σ(β ⊙ x), β per feature
 *   public Expr expression(Expr x, Params p) {
 *     return x.times(x.times(p.get("beta")).sigmoid());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #forward} evaluates the expression on the input and on the leaves of
 * {@link #params()} (read through {@link Params#get} by path), and returns its value with a
 * {@link Backward} that differentiates the graph of this very pass: {@code apply(g)} gives ∂L/∂x
 * and ∂L/∂θ for every leaf θ of {@code params()}; {@code paramsOnly(g)} requests the parameters
 * alone, so operations that lead only to the input (e.g. the input gradient of a first layer's
 * matrix product) are never pulled back. The layer's parameter tree and {@code withParams} come
 * from the {@link Layer} protocol like any other layer's; the layer has no state and is its own
 * next layer.
 *
 * <p>When to write the backward by hand instead: every operation of the expression allocates its
 * result and its pullback's; a hand-written backward can fuse them, reuse saved values and skip
 * the graph walk. The expression form costs no derivation and no gradient bugs, and is verified by
 * the same layer contract.
 */
public interface ExpressionLayer extends Layer {

  /**
   * The forward computation as an expression.
   *
   * @param input  the input batch as a leaf
   * @param params the layer's parameters as leaves, by path, and the mode of the pass
   * @return the output
   */
  Expr expression(Expr input, Params params);

  /**
   * Evaluates {@link #expression} and derives its backward pass.
   *
   * @param input the input batch
   * @param mode  the mode, handed to the expression through {@link Params#mode()}
   * @return the output, the derived backward pass, and this layer as the next one
   * @throws IllegalArgumentException with the layer's name if the expression rejects the input
   */
  @Override
  default Forward forward(Tensor input, Mode mode) {
    return ExpressionPass.forward(this, input, mode);
  }
}
