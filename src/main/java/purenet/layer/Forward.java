package purenet.layer;

import purenet.tensor.Tensor;

/**
 * The result of a forward pass.
 *
 * @param output   the layer's output
 * @param backward the closure that maps ∂L/∂output to {@link Grads} for this very pass
 * @param next     the layer to use from now on: the same layer, unless this pass updated
 *                 non-trainable state (batch-norm running averages, a carried hidden state)
 * @param penalty  extra loss this pass adds to the objective, e.g. an activation penalty; its
 *                 gradient is already part of {@code backward}. Zero for ordinary layers;
 *                 combinators add up their children's.
 */
public record Forward(Tensor output, Backward backward, Layer next, double penalty) {

  /**
   * A pass that adds no penalty.
   *
   * @param output the layer's output
   * @param backward the closure that maps ∂L/∂output to {@link Grads} for this very pass
   * @param next the layer to use from now on: the same layer, unless this pass updated non-trainable state (batch-norm running averages, a carried hidden state)
   */
  public Forward(Tensor output, Backward backward, Layer next) {
    this(output, backward, next, 0.0);
  }
}
