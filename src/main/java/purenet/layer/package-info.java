/**
 * The layer protocol ({@link purenet.layer.Layer}, {@link purenet.layer.Forward},
 * {@link purenet.layer.Backward}, {@link purenet.layer.Grads}, {@link purenet.layer.Mode}) and the
 * basic layers: dense, activations, softmax, flatten, {@link purenet.layer.GreyToRgb} (one grey
 * channel copied to three, for a trunk pretrained on colour images).
 */
package purenet.layer;
