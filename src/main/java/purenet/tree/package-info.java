/**
 * Trees of tensors ({@link purenet.tree.Tree}): the one structure for parameters, gradients,
 * optimizer state and layer state, addressed by paths such as {@code "0/weight"}; a
 * {@link purenet.tree.Selector} names which leaves something applies to (the weights, a subtree,
 * named leaves) as a value.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.tree;
