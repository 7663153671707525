package purenet.layer;

import java.util.function.Function;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The backward pass of one forward call: maps ∂L/∂output to ∂L/∂input and ∂L/∂params.
 *
 * <p>A pure closure over the forward pass's saved values: calling it again with the same gradient
 * gives the same result, and it never accumulates into fields. It is linear in the output gradient
 * (affine for a layer that adds a penalty of its own output).
 *
 * <p>{@link #paramsOnly} returns just the parameter gradients; by default it calls {@link #apply},
 * but a layer whose input gradient is expensive (a dense or convolutional first layer, whose input
 * is data) builds its closure with {@link #of} so that the training step never computes it.
 */
@FunctionalInterface
public interface Backward {

  /**
   * {@return the gradients for an upstream gradient of the output's shape}
   *
   * @param outputGrad ∂L/∂output, of the forward pass's output shape
   */
  Grads apply(Tensor outputGrad);

  /**
   * {@return only ∂L/∂params, equal to {@code apply(outputGrad).params()}, possibly computed faster}
   *
   * @param outputGrad ∂L/∂output, of the forward pass's output shape
   */
  default Tree paramsOnly(Tensor outputGrad) {
    return apply(outputGrad).params();
  }

  /**
   * {@return a backward pass with a separate, cheaper way to the parameter gradients alone}
   *
   * @param full       the complete backward pass
   * @param paramsOnly the parameter gradients alone; must equal {@code full.apply(g).params()}
   */
  static Backward of(Function<Tensor, Grads> full, Function<Tensor, Tree> paramsOnly) {
    return new Backward() {
      @Override
      public Grads apply(Tensor outputGrad) {
        return full.apply(outputGrad);
      }

      @Override
      public Tree paramsOnly(Tensor outputGrad) {
        return paramsOnly.apply(outputGrad);
      }
    };
  }
}
