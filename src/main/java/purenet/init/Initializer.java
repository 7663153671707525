package purenet.init;

import java.io.Serializable;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Draws the initial value of a parameter tensor.
 *
 * <p>{@code fanIn} and {@code fanOut} are the numbers of inputs and outputs of each unit
 * (see {@link Fans}): for a dense weight (in, out) they are in and out; for a convolution kernel
 * (k, c, kh, kw) they are c·kh·kw and k·kh·kw. The same key always gives the same tensor.
 */
@FunctionalInterface
public interface Initializer extends Serializable {

  /**
   * {@return a tensor of the given shape}
   *
   * @param key the key of the random draw
   * @param shape the shape of the tensor to create
   * @param fanIn the number of inputs feeding each output unit
   * @param fanOut the number of outputs each input unit feeds
   */
  Tensor initialize(Key key, Shape shape, int fanIn, int fanOut);

  /**
   * {@return a tensor of the given shape with the fans {@link Fans#of} derives from it}
   *
   * @param key the key of the random draw
   * @param shape the shape of the tensor to create
   */
  default Tensor initialize(Key key, Shape shape) {
    Fans fans = Fans.of(shape);
    return initialize(key, shape, fans.in(), fans.out());
  }
}
