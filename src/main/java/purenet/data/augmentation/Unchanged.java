package purenet.data.augmentation;

import purenet.random.Key;
import purenet.tensor.Tensor;

/** The identity augmentation: T(x; key) = x. */
record Unchanged() implements Augmentation {

  @Override
  public Tensor apply(Tensor images, Key key) {
    Images.require("identity augmentation", images);
    return images;
  }
}
