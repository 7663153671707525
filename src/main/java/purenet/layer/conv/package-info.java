/**
 * Convolutional layers on images laid out (batch, channels, height, width):
 * {@link purenet.layer.conv.Conv2d} (cross-correlation with stride, zero padding and dilation),
 * {@link purenet.layer.conv.MaxPool2d}, {@link purenet.layer.conv.AvgPool2d} and
 * {@link purenet.layer.conv.GlobalAvgPool}. The arithmetic lives in
 * {@link purenet.tensor.Convolution} and {@link purenet.tensor.Pooling}.
 */
package purenet.layer.conv;
