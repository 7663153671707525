package purenet.layer.conv;

import purenet.layer.ShapeCheck;
import purenet.tensor.Pooling;
import purenet.tensor.Shape;

/**
 * Validation and shape checking shared by the pooling layers: the window geometry named by the
 * layer it belongs to.
 */
final class PoolWindow {
  private PoolWindow() {}

  /** Validates a window, naming the layer in the message. */
  static void validate(String layer, int height, int width, int stride, int padding) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(layer + " window must be at least 1×1, got " + height + "×" + width);
    }
    if (stride < 1) {
      throw new IllegalArgumentException(layer + " stride must be >= 1, got " + stride);
    }
    if (padding < 0 || padding >= Math.min(height, width)) {
      throw new IllegalArgumentException(layer + " padding must be in [0, " + Math.min(height, width) + ") for a "
          + height + "×" + width + " window, got " + padding);
    }
  }

  /** The output shape of pooling {@code input}, with the problem if the input does not fit. */
  static ShapeCheck check(String layer, Pooling pool, Shape input) {
    int batch = input.rank() == 0 ? 1 : input.dim(0);
    if (input.rank() != 4) {
      return ShapeCheck.problem(Shape.of(batch, input.rank() > 1 ? input.dim(1) : 1, 1, 1),
          layer + " expects input (batch, channels, H, W), got " + input);
    }
    int ho = pool.outputSize(input.dim(2), pool.height());
    int wo = pool.outputSize(input.dim(3), pool.width());
    Shape out = Shape.of(batch, input.dim(1), Math.max(1, ho), Math.max(1, wo));
    if (ho < 1 || wo < 1) {
      int minH = pool.height() - 2 * pool.padding();
      int minW = pool.width() - 2 * pool.padding();
      return ShapeCheck.problem(out, layer + " with window " + pool.height() + "×" + pool.width() + ", padding "
          + pool.padding() + " expects input (batch, channels, H ≥ " + minH + ", W ≥ " + minW + "), got " + input);
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
