package purenet.autodiff;

import purenet.tensor.Tensor;

/**
 * The vector-Jacobian product of one operation y = f(a₀, …, aₙ₋₁): given ḡ = ∂L/∂y it returns
 * ∂L/∂aᵢ = (∂y/∂aᵢ)ᵀ·ḡ for every input i that is wanted.
 *
 * <p>A pullback is a pure closure over what the forward computation saved; it is called at most
 * once per {@link Expr#gradients backward pass} and never mutates anything. Entries of the result
 * for inputs that are not wanted may be {@code null}: skipping them is how
 * {@link purenet.layer.Backward#paramsOnly} avoids the gradient of a layer's input.
 */
@FunctionalInterface
public interface Pullback {

  /**
   * The gradients of the inputs.
   *
   * @param outputGrad ∂L/∂y, of the output's shape
   * @param wanted     {@code wanted[i]} tells whether ∂L/∂aᵢ is needed
   * @return one gradient per input, of that input's shape; {@code null} allowed where not wanted
   */
  Tensor[] apply(Tensor outputGrad, boolean[] wanted);
}
