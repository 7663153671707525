/**
 * Trees of tensors ({@link purenet.tree.Tree}): the one structure for parameters, gradients,
 * optimizer state and layer state, addressed by paths such as {@code "0/weight"}; a {@link purenet.tree.Selector} names which leaves
 * something applies to (the weights, a subtree, named leaves) as a value.
 */
package purenet.tree;
