package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Two augmentations one after the other, with independent keys (see {@link Augmentation#andThen}).
 *
 * @param first  applied first, with {@code key.split(2)[0]}
 * @param second applied to the first's output, with {@code key.split(2)[1]}
 */
record Composed(Augmentation first, Augmentation second) implements Augmentation {

  Composed {
    if (first == null || second == null) {
      throw new IllegalArgumentException("andThen needs two augmentations, got " + first + " and " + second);
    }
  }

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("Composed augmentation", images);
    Key[] k = key.split(2);
    return second.apply(first.apply(images, k[0]), k[1]);
  }
}
