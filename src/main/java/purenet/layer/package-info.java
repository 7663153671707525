/**
 * The layer protocol ({@link purenet.layer.Layer}, {@link purenet.layer.Forward},
 * {@link purenet.layer.Backward}, {@link purenet.layer.Grads}, {@link purenet.layer.Mode}) and the
 * basic layers: dense, activations, softmax, flatten, {@link purenet.layer.GreyToRgb} (one grey
 * channel copied to three, for a trunk pretrained on colour images).
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.layer;
