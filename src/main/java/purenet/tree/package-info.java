/**
 * Trees of tensors ({@link purenet.tree.Tree}): the one structure for parameters, gradients,
 * optimizer state and layer state, addressed by paths such as {@code "0/weight"}.
 */
package purenet.tree;
