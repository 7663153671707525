package purenet.layer;

import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * An activation applied to every element independently: y = f(x), ∂L/∂x = f'(x)·∂L/∂y.
 *
 * <p>Implement {@link #value} and {@link #derivative} (given both x and y = f(x), whichever is
 * cheaper) to get a complete layer without parameters. Any input shape; output has the same shape.
 */
public interface Pointwise extends Layer {

  /**
   * {@return f(x)}
   *
   * @param x the input
   */
  double value(double x);

  /**
   * {@return f'(x), given x and y = f(x)}
   *
   * @param x the input of the function
   * @param y f(x), for derivatives cheaper to compute from it
   */
  double derivative(double x, double y);

  @Override
  default Forward forward(Tensor x, Mode mode) {
    Tensor y = x.map(this::value);
    return new Forward(y, g -> new Grads(
        g.zipWith(x.zipWith(y, this::derivative), (gi, di) -> gi * di), params()), this);
  }

  @Override
  default ShapeCheck check(Shape input) {
    return ShapeCheck.ok(input);
  }
}
