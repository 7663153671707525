/**
 * Convolutional layers on images laid out (batch, channels, height, width):
 * {@link purenet.layer.conv.Conv2d} (cross-correlation with stride, zero padding and dilation per
 * axis, padding per side, PyTorch's 'same' for any kernel), {@link purenet.layer.conv.MaxPool2d},
 * {@link purenet.layer.conv.AvgPool2d} (the same per-axis geometry) and
 * {@link purenet.layer.conv.GlobalAvgPool}; and on sequences laid out (batch, channels, length):
 * {@link purenet.layer.conv.Conv1d}. The arithmetic lives in {@link purenet.tensor.Convolution},
 * {@link purenet.tensor.Pooling} and {@link purenet.tensor.WindowAxis} (one axis's stride, padding
 * and dilation).
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.layer.conv;
