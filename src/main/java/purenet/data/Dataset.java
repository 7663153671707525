package purenet.data;

import io.vavr.collection.Vector;
import java.io.Serializable;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Examples as a pair of tensors with the same first dimension: features (n, ...) and labels
 * (n, ...) — class indices (n) or targets (n, k).
 *
 * @param features the inputs, example i at index i of the first axis
 * @param labels   the targets, example i at index i of the first axis
 */
public record Dataset(Tensor features, Tensor labels) implements Serializable {

  /**
   * Checks that both tensors hold the same number of examples.
   *
   * @param features the inputs, example i at index i of the first axis
   * @param labels the targets, example i at index i of the first axis
   */
  public Dataset {
    if (features.rank() == 0 || labels.rank() == 0 || features.dim(0) != labels.dim(0)) {
      throw new IllegalArgumentException("features and labels need the same first dimension, got "
          + features.shape() + " and " + labels.shape());
    }
  }

  /** {@return number of examples} */
  public int size() {
    return features.dim(0);
  }

  /**
   * {@return the examples in the order of a random permutation drawn from {@code key}}
   *
   * @param key the key of the random permutation
   */
  public Dataset shuffle(Key key) {
    return select(key.permutation(size()));
  }

  /**
   * {@return the examples at the given positions, in that order}
   *
   * @param rows positions of examples, each in [0, size)
   */
  public Dataset select(int[] rows) {
    return new Dataset(features.take(rows), labels.take(rows));
  }

  /**
   * {@return examples {@code from} (inclusive) to {@code to} (exclusive)}
   *
   * @param from the first example (inclusive)
   * @param to the end (exclusive)
   */
  public Dataset slice(int from, int to) {
    return new Dataset(features.slice(from, to), labels.slice(from, to));
  }

  /**
   * {@return the first {@code n} examples (all of them if there are fewer)}
   *
   * @param n the number of examples, ≥ 0
   */
  public Dataset take(int n) {
    return slice(0, Math.min(n, size()));
  }

  /**
   * {@return consecutive batches of {@code batchSize} examples; the last one may be smaller}
   *
   * @param batchSize the number of examples per batch, ≥ 1
   */
  public Vector<Dataset> batches(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
    }
    Vector<Dataset> out = Vector.empty();
    for (int from = 0; from < size(); from += batchSize) {
      out = out.append(slice(from, Math.min(size(), from + batchSize)));
    }
    return out;
  }

  /**
   * {@return a random split: {@code validationFraction} of the examples (rounded down) go to
   * validation, the rest to training, after a shuffle drawn from {@code key}}
   *
   * @param validationFraction the fraction of examples for validation (rounded down)
   * @param key the key of the random permutation
   */
  public Split split(double validationFraction, Key key) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
    }
    Dataset shuffled = shuffle(key);
    int validation = (int) Math.floor(size() * validationFraction);
    return new Split(shuffled.slice(validation, size()), shuffled.slice(0, validation));
  }

  /**
   * {@return the same examples with features flattened to (n, everything else), e.g. MNIST images
   * (n, 1, 28, 28) to (n, 784) for a dense network; labels unchanged} No copy is made.
   */
  public Dataset flat() {
    return new Dataset(features.flattenFrom1(), labels);
  }

  /**
   * {@return the same examples with class-index labels (n) replaced by one-hot rows (n, classes):
   * row i is e_{labels[i]}, the unit vector with a 1 at the class index}
   *
   * @param classes the number of classes, larger than every label
   * @throws IllegalArgumentException if the labels are not a vector of integers in
   *     0..(classes − 1)
   */
  public Dataset oneHot(int classes) {
    if (classes <= 0) {
      throw new IllegalArgumentException("number of classes must be > 0, got " + classes);
    }
    if (labels.rank() != 1) {
      throw new IllegalArgumentException("one-hot needs class indices of shape (n), got labels " + labels.shape());
    }
    double[] rows = new double[size() * classes];
    for (int i = 0; i < size(); i++) {
      double c = labels.at(i);
      if (c != Math.rint(c) || c < 0 || c >= classes) {
        throw new IllegalArgumentException(
            "label " + c + " of example " + i + " is not a class index in 0.." + (classes - 1));
      }
      rows[i * classes + (int) c] = 1.0;
    }
    return new Dataset(features, Tensor.of(rows, size(), classes));
  }

  /**
   * {@return both data sets' examples, this one's first}
   *
   * @param other examples of the same feature and label shapes
   */
  public Dataset concat(Dataset other) {
    return new Dataset(Tensor.concat(0, features, other.features), Tensor.concat(0, labels, other.labels));
  }

  /**
   * A training set and a validation set.
   *
   * @param train      the examples to fit
   * @param validation the held-out examples
   */
  public record Split(Dataset train, Dataset validation) {}
}
