package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Random crops: each image is padded by {@code padding} pixels of {@code fill} on every side, to
 * (h + 2p)×(w + 2p), and an h×w window at a random offset (o_y, o_x) ∈ {0 … 2p}² is cut back out:
 * out(y, x) = I(y + o_y − p, x + o_x − p), with {@code fill} outside the image — a random integer
 * shift by up to p pixels in each direction. Image i draws o_y = ⌊(2p + 1)·u₀⌋ and
 * o_x = ⌊(2p + 1)·u₁⌋ from (u₀, u₁) = {@code key.foldIn(i).uniform(2)}.
 *
 * <p>The standard augmentation of CIFAR-10 (pad 4, crop 32; He et al. 2016) and, via random
 * crops of a larger image, of AlexNet (Krizhevsky, Sutskever &amp; Hinton 2012).
 *
 * @param padding p ≥ 0 (0 is the identity)
 * @param fill    the value of the padding (0: MNIST's background)
 */
public record RandomCrop(int padding, double fill) implements Augmentation {

  /**
   * Validates the padding and fill.
   *
   * @param padding p ≥ 0 (0 is the identity)
   * @param fill the value of the padding (0: MNIST's background)
   */
  public RandomCrop {
    if (padding < 0) {
      throw new IllegalArgumentException("RandomCrop padding must be >= 0, got " + padding);
    }
    Images.requireFinite("RandomCrop fill", fill);
  }

  /**
   * {@return padding {@code padding} with fill 0}
   *
   * @param padding p ≥ 0 (0 is the identity)
   */
  public static RandomCrop of(int padding) {
    return new RandomCrop(padding, 0);
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("RandomCrop", images);
    if (padding == 0) {
      return images;
    }
    int offsets = 2 * padding + 1;
    return Bilinear.warp(images, fill, (i, h, w, sy, sx) -> {
      double[] u = key.foldIn(i).uniform(2);
      int dy = (int) (offsets * u[0]) - padding;
      int dx = (int) (offsets * u[1]) - padding;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          sy[y * w + x] = y + dy;
          sx[y * w + x] = x + dx;
        }
      }
    });
  }
}
