/**
 * The layer protocol ({@link purenet.layer.Layer}, {@link purenet.layer.Forward},
 * {@link purenet.layer.Backward}, {@link purenet.layer.Grads}, {@link purenet.layer.Mode}) and the
 * basic layers: dense, activations, softmax, flatten, {@link purenet.layer.GreyToRgb} (one grey
 * channel copied to three, for a trunk pretrained on colour images).
 *
 * <p>A record layer's parameter, state and children trees are derived from its record components
 * (see {@link purenet.layer.Layer}, "Derived trees"): a {@code Tensor} is a parameter leaf, a
 * {@code Tensor} marked {@link purenet.layer.State} a state leaf, a {@code Layer} or a collection
 * of layers a subtree ({@link purenet.layer.Inline} puts it at the root), everything else static
 * configuration; {@code withParams} and {@code withState} rebuild through the canonical
 * constructor.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.layer;
