package purenet.data.augmentation;

import purenet.tensor.Tensor;

/** The (n, channels, height, width) layout every augmentation works on. */
final class Images {
  private Images() {}

  /** Fails unless {@code images} has rank 4, naming {@code who} and the shape found. */
  static void require(String who, Tensor images) {
    if (images.rank() != 4) {
      throw new IllegalArgumentException(who + " expects images (n, channels, height, width), got "
          + images.shape());
    }
  }

  /** Fails unless {@code value} is finite, naming it. */
  static void requireFinite(String what, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be finite, got " + value);
    }
  }
}
