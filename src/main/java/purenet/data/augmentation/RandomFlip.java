package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Random mirror images: with probability ½ each (independently), an image is flipped left–right
 * (x ↦ w − 1 − x) if {@code horizontal}, and upside down (y ↦ h − 1 − y) if {@code vertical}.
 * Image i decides with (u₀, u₁) = {@code key.foldIn(i).uniform(2)}: horizontal if u₀ &lt; ½,
 * vertical if u₁ &lt; ½. Pixels are copied exactly, so flipping twice with the same key is the
 * identity.
 *
 * <p>Mirror images are label-preserving for natural photographs (Krizhevsky, Sutskever &amp;
 * Hinton 2012) but not for digits and letters, whose mirror image is another or no symbol.
 *
 * @param horizontal whether to flip left–right at random
 * @param vertical   whether to flip upside down at random; at least one of the two
 */
public record RandomFlip(boolean horizontal, boolean vertical) implements Augmentation {

  /**
   * Requires at least one direction.
   *
   * @param horizontal whether to flip left–right at random
   * @param vertical whether to flip upside down at random; at least one of the two
   */
  public RandomFlip {
    if (!horizontal && !vertical) {
      throw new IllegalArgumentException("RandomFlip needs horizontal or vertical flips, got neither");
    }
  }

  /** {@return left–right flips only} */
  public static RandomFlip horizontally() {
    return new RandomFlip(true, false);
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("RandomFlip", images);
    return Bilinear.warp(images, 0, (i, h, w, sy, sx) -> {
      double[] u = key.foldIn(i).uniform(2);
      boolean flipX = horizontal && u[0] < 0.5;
      boolean flipY = vertical && u[1] < 0.5;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          sy[y * w + x] = flipY ? h - 1 - y : y;
          sx[y * w + x] = flipX ? w - 1 - x : x;
        }
      }
    });
  }
}
