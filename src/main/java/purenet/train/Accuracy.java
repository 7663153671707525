package purenet.train;

import io.vavr.control.Option;
import java.io.Serializable;
import purenet.loss.BinaryCrossEntropy;
import purenet.loss.Loss;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.tensor.Tensor;

/**
 * The fraction of predictions that are right, in [0, 1]: a metric of a batch's prediction
 * (model output) against its targets. Higher is better.
 *
 * <p>Two kinds are provided: {@link #categorical} for class scores (argmax, pairs with
 * {@link SoftmaxCrossEntropy}) and {@link #binary} for logits of yes/no decisions (sign, pairs with
 * {@link BinaryCrossEntropy}); {@link #forLoss} picks the one that fits a loss.
 */
@FunctionalInterface
public interface Accuracy extends Serializable {

  /**
   * {@return the fraction of right predictions in this batch}
   *
   * @param prediction the model's output for a batch
   * @param target the batch's labels, in the form the loss takes them
   */
  double apply(Tensor prediction, Tensor target);

  /** {@return {@link #categorical} as an {@code Accuracy}} */
  static Accuracy categorical() {
    return Accuracy::categorical;
  }

  /** {@return {@link #binary} as an {@code Accuracy}} */
  static Accuracy binary() {
    return Accuracy::binary;
  }

  /**
   * {@return the accuracy that fits a loss: categorical for {@link SoftmaxCrossEntropy}, binary for
   * {@link BinaryCrossEntropy}, none for others (regression)}
   *
   * @param loss the loss whose predictions are to be scored
   */
  static Option<Accuracy> forLoss(Loss loss) {
    if (loss instanceof SoftmaxCrossEntropy) {
      return Option.of(categorical());
    }
    if (loss instanceof BinaryCrossEntropy) {
      return Option.of(binary());
    }
    return Option.none();
  }

  /**
   * {@return classification accuracy: (1/B)·#{b : argmax_c scores[b, c] = label_b}} Ties go to the
   * first class. Scores of rank 3 or more, (B, T, …, C), have a class score at every position: the
   * classes are the last axis and every leading position counts as one prediction, as in {@link
   * SoftmaxCrossEntropy}.
   *
   * @param scores logits or probabilities (B, C) or (B, T, …, C); argmax is the same for both
   * @param labels class indices (the scores' shape without its last axis) with values 0 … C−1, or
   *               one-hot / probability rows (the scores' shape) whose argmax is the label
   */
  static double categorical(Tensor scores, Tensor labels) {
    if (scores.rank() < 2 || scores.size() == 0) {
      throw new IllegalArgumentException("accuracy expects scores (batch, ..., classes) with every dimension >= 1, got "
          + scores.shape());
    }
    int last = scores.rank() - 1;
    int c = scores.dim(last);
    int b = scores.size() / c;
    Tensor rows = scores.reshape(b, c);
    Tensor predicted = rows.argmax(1);
    Tensor truth;
    if (labels.shape().equals(scores.shape().without(last))) {
      truth = labels.reshape(b);
    } else if (labels.shape().equals(scores.shape())) {
      truth = labels.reshape(b, c).argmax(1);
    } else {
      throw new IllegalArgumentException("accuracy expects labels " + scores.shape().without(last) + " or "
          + scores.shape() + " for scores " + scores.shape() + ", got " + labels.shape());
    }
    int right = 0;
    for (int i = 0; i < b; i++) {
      if (predicted.at(i) == truth.at(i)) {
        right++;
      }
    }
    return (double) right / b;
  }

  /**
   * {@return binary accuracy over all N elements: (1/N)·#{i : (zᵢ &gt; 0) = (yᵢ ≥ ½)}, i.e. σ(z)
   * &gt; ½ read as the positive class}
   *
   * @param logits  logits of any shape
   * @param targets 0/1 (or soft) targets of the same shape
   */
  static double binary(Tensor logits, Tensor targets) {
    if (!logits.shape().equals(targets.shape()) || logits.size() == 0) {
      throw new IllegalArgumentException("binary accuracy expects non-empty targets of the logits' shape "
          + logits.shape() + ", got " + targets.shape());
    }
    int right = 0;
    for (int i = 0; i < logits.size(); i++) {
      if ((logits.at(i) > 0) == (targets.at(i) >= 0.5)) {
        right++;
      }
    }
    return (double) right / logits.size();
  }
}
