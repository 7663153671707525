package purenet.loss;

import java.io.Serializable;

/**
 * One task of a {@link MultiTaskLoss}: the columns of the joint prediction (and target) that
 * belong to it, the loss that scores them and the weight of that loss.
 *
 * @param name   the task's name, as its head is named in {@code purenet.net.Heads}; non-empty
 * @param width  dₖ ≥ 1, the number of columns (last-axis entries) of the prediction that belong to
 *               the task: the head's output width. Its target has the same width
 * @param loss   Lₖ, applied to the task's (batch, dₖ) prediction and target columns
 * @param weight wₖ ≥ 0, finite: the task's share of L = Σₖ wₖ·Lₖ. A small weight makes an
 *               auxiliary task; 0 switches a task off (its gradient block is then zero)
 */
public record Task(String name, int width, Loss loss, double weight) implements Serializable {

  /**
   * Validates every part.
   *
   * @param name the task's name, as its head is named in {@code purenet.net.Heads}; non-empty
   * @param width dₖ ≥ 1, the number of columns (last-axis entries) of the prediction that belong to the task: the head's output width. Its target has the same width
   * @param loss Lₖ, applied to the task's (batch, dₖ) prediction and target columns
   * @param weight wₖ ≥ 0, finite: the task's share of L = Σₖ wₖ·Lₖ. A small weight makes an auxiliary task; 0 switches a task off (its gradient block is then zero)
   */
  public Task {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a task needs a non-empty name, got '" + name + "'");
    }
    if (width < 1) {
      throw new IllegalArgumentException("task '" + name + "' needs a width >= 1, got " + width);
    }
    if (loss == null) {
      throw new IllegalArgumentException("task '" + name + "' needs a loss, got null");
    }
    if (!(weight >= 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException("task '" + name + "' needs a finite weight >= 0, got " + weight);
    }
  }

  /**
   * {@return classification into {@code classes} classes: softmax cross-entropy, mean over the
   * batch, on logits (batch, classes) against one-hot or probability rows}
   *
   * @param name the task's name
   * @param classes the number of classes, ≥ 2
   * @param weight the task's weight in the total loss, ≥ 0
   */
  public static Task classes(String name, int classes, double weight) {
    return new Task(name, classes, SoftmaxCrossEntropy.mean(), weight);
  }

  /**
   * {@return a yes/no decision: binary cross-entropy on one logit column (batch, 1), mean over the
   * batch}
   *
   * @param name the task's name, as its head is named in {@code purenet.net.Heads}; non-empty
   * @param weight wₖ ≥ 0, finite: the task's share of L = Σₖ wₖ·Lₖ. A small weight makes an auxiliary task; 0 switches a task off (its gradient block is then zero)
   */
  public static Task binary(String name, double weight) {
    return new Task(name, 1, BinaryCrossEntropy.mean(), weight);
  }

  /**
   * {@return the same task with another weight}
   *
   * @param weight wₖ ≥ 0, finite: the task's share of L = Σₖ wₖ·Lₖ. A small weight makes an auxiliary task; 0 switches a task off (its gradient block is then zero)
   */
  public Task withWeight(double weight) {
    return new Task(name, width, loss, weight);
  }
}
