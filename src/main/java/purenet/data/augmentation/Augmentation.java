package purenet.data.augmentation;

import purenet.data.Dataset;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * A random, label-preserving transformation of a batch of images: T(x; key) with x of shape
 * (n, channels, height, width) and a result of the same shape.
 *
 * <p>Contract: image i draws all its randomness from {@code key.foldIn(i)} only (an image's
 * transformation does not depend on the other images of the batch), the same key gives the same
 * bits, and the input is never modified. Input of rank other than 4 fails with a message naming
 * the augmentation and the shape found.
 *
 * <p>Augmentation enlarges the training set with transformed copies whose label is assumed
 * unchanged, encoding invariances the model should have (small shifts, rotations and
 * deformations of a handwritten digit do not change the digit): Simard, Steinkraus &amp; Platt
 * 2003, "Best practices for convolutional neural networks applied to visual document analysis";
 * Goodfellow, Bengio &amp; Courville 2016, §7.4.
 */
@FunctionalInterface
public interface Augmentation {

  /**
   * Transforms a batch of images.
   *
   * @param images (n, channels, height, width)
   * @param key    image i uses {@code key.foldIn(i)}
   * @return the transformed images, (n, channels, height, width)
   * @throws IllegalArgumentException if {@code images} is not of rank 4
   */
  Tensor apply(Tensor images, Key key);

  /**
   * {@return the examples with transformed features and the same labels: {@code (T(x; key), y)}}
   *
   * @param data features (n, channels, height, width), any labels (n, ...)
   * @param key  as in {@link #apply(Tensor, Key)}
   */
  default Dataset apply(Dataset data, Key key) {
    return new Dataset(apply(data.features(), key), data.labels());
  }

  /**
   * {@return this augmentation followed by {@code next}: x ↦ next(this(x; k₀); k₁) with (k₀, k₁) =
   * {@code key.split(2)}, so the two stages draw independent randomness (image i of stage s uses
   * {@code key.split(2)[s].foldIn(i)})}
   *
   * @param next the augmentation applied to this one's output
   */
  default Augmentation andThen(Augmentation next) {
    return new Composed(this, next);
  }

  /** {@return the augmentation that leaves every image as it is (it still checks the rank)} */
  static Augmentation identity() {
    return new Unchanged();
  }
}
