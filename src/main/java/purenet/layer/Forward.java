package purenet.layer;

import purenet.tensor.Tensor;

/**
 * The result of a forward pass.
 *
 * @param output   the layer's output
 * @param backward the closure that maps ∂L/∂output to {@link Grads} for this very pass
 * @param next     the layer to use from now on: the same layer, unless this pass updated
 *                 non-trainable state (batch-norm running averages, a carried hidden state)
 */
public record Forward(Tensor output, Backward backward, Layer next) {}
