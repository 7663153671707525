package purenet.layer.conv;

import purenet.layer.ShapeCheck;
import purenet.tensor.Pooling;
import purenet.tensor.Shape;
import purenet.tensor.WindowAxis;

/**
 * Validation and shape checking shared by the pooling layers: the window geometry named by the
 * layer it belongs to.
 */
final class PoolWindow {
  private PoolWindow() {}

  /** The tensor-level geometry of a window, its problems reported under the layer's name. */
  static Pooling pooling(String layer, int height, int width, WindowAxis vertical, WindowAxis horizontal) {
    try {
      return new Pooling(height, width, vertical, horizontal);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(layer + " " + e.getMessage().replaceFirst("^pooling ", ""), e);
    }
  }

  /** A symmetric axis, its problems reported under the layer's name. */
  static WindowAxis axis(String layer, int height, int width, int stride, int padding) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(layer + " window must be at least 1×1, got " + height + "×" + width);
    }
    if (stride < 1) {
      throw new IllegalArgumentException(layer + " stride must be >= 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException(layer + " padding must be >= 0, got " + padding);
    }
    return WindowAxis.of(stride, padding, 1);
  }

  /** The output shape of pooling {@code input}, with the problem if the input does not fit. */
  static ShapeCheck check(String layer, Pooling pool, Shape input) {
    int batch = input.rank() == 0 ? 1 : input.dim(0);
    if (input.rank() != 4) {
      return ShapeCheck.problem(Shape.of(batch, input.rank() > 1 ? input.dim(1) : 1, 1, 1),
          layer + " expects input (batch, channels, H, W), got " + input);
    }
    int ho = pool.vertical().outputSize(input.dim(2), pool.height());
    int wo = pool.horizontal().outputSize(input.dim(3), pool.width());
    Shape out = Shape.of(batch, input.dim(1), Math.max(1, ho), Math.max(1, wo));
    if (ho < 1 || wo < 1) {
      int minH = pool.vertical().minInput(pool.height());
      int minW = pool.horizontal().minInput(pool.width());
      return ShapeCheck.problem(out, layer + " with window " + pool.height() + "×" + pool.width() + ", "
          + (pool.vertical().equals(pool.horizontal()) ? pool.vertical().toString()
              : "(" + pool.vertical() + ") × (" + pool.horizontal() + ")")
          + " expects input (batch, channels, H ≥ " + minH + ", W ≥ " + minW + "), got " + input);
    }
    return ShapeCheck.ok(out);
  }

  /** Fails with the problem {@link #check} finds, if any. */
  static void require(String layer, Pooling pool, Shape input) {
    ShapeCheck c = check(layer, pool, input);
    if (!c.fits()) {
      throw new IllegalArgumentException(c.problems().head());
    }
  }
}
