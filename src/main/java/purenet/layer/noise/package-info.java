/**
 * The noise and dropout family: {@link purenet.layer.noise.Dropout} (inverted),
 * {@link purenet.layer.noise.ClassicDropout} (scaled by p at evaluation),
 * {@link purenet.layer.noise.AlphaDropout} (for SELU networks),
 * {@link purenet.layer.noise.DropConnect} (dropped weights, Gaussian moment-matching inference),
 * {@link purenet.layer.noise.GaussianNoise} (additive noise, e.g. on inputs) and
 * {@link purenet.layer.noise.WeightNoise} (noise on the weights of any layer).
 *
 * <p>Every layer here draws from {@link purenet.layer.Mode#randomKey()}: in training and
 * stochastic inference ({@code Mode.Sample}), never in evaluation; the same key gives the same
 * mask or noise, and the backward of a pass uses that pass's mask.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.layer.noise;
