package purenet.layer;

import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The result of a backward pass.
 *
 * @param input  ∂L/∂input, of the input's shape
 * @param params ∂L/∂params, a tree of the same structure as the layer's {@code params()}
 */
public record Grads(Tensor input, Tree params) {}
