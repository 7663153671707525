package purenet.layer;

import purenet.tensor.Tensor;

/**
 * The backward pass of one forward call: maps ∂L/∂output to ∂L/∂input and ∂L/∂params.
 *
 * <p>A pure closure over the forward pass's saved values: calling it again with the same gradient
 * gives the same result, and it never accumulates into fields. It is linear in the output gradient.
 */
@FunctionalInterface
public interface Backward {
  /** The gradients for an upstream gradient of the output's shape. */
  Grads apply(Tensor outputGrad);
}
