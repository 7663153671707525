package purenet.spark;

import io.vavr.control.Option;
import java.io.Serializable;
import purenet.train.BatchGradient;
import purenet.tree.Tree;

/**
 * One partition's share of a global step's gradient, already weighted, or the sum of several.
 * A share of b_p of the B examples contributes its gradient, data loss and forward penalty times
 * w_p (b_p/B for a mean-reduced loss, 1 for a sum-reduced one) and its accuracy and non-trainable
 * state times b_p/B, so the sum over the shares is the global batch's value.
 *
 * @param grads           Σ w_p·g_p
 * @param dataLoss        Σ w_p·L_p
 * @param forwardPenalty  Σ w_p·R_p of the penalties the forward passes added
 * @param accuracy        Σ (b_p/B)·acc_p, if the step measures accuracy
 * @param examples        Σ b_p
 * @param state           Σ (b_p/B)·s_p, the non-trainable state averaged over the shares
 * @param computeNanos    the longest time one partition spent computing its share
 */
public record Contribution(Tree grads, double dataLoss, double forwardPenalty, Option<Double> accuracy,
    int examples, Tree state, long computeNanos) implements Serializable {

  /**
   * A share's weighted contribution.
   *
   * @param gradient      the share's gradient, as {@code TrainStep.gradient} computed it
   * @param lossWeight    w_p, the weight of its gradient and losses
   * @param exampleWeight b_p/B, the weight of its accuracy and state
   * @param computeNanos  the time spent computing it
   * @return the weighted contribution
   */
  public static Contribution of(BatchGradient gradient, double lossWeight, double exampleWeight, long computeNanos) {
    return new Contribution(gradient.grads().scale(lossWeight), lossWeight * gradient.dataLoss(),
        lossWeight * gradient.forwardPenalty(), gradient.accuracy().map(a -> exampleWeight * a),
        gradient.examples(), gradient.state().scale(exampleWeight), computeNanos);
  }

  /**
   * {@return the sum of two contributions: this one's values first (the order matters for the bits)}
   *
   * @param other the contribution of other examples
   */
  public Contribution plus(Contribution other) {
    return new Contribution(grads.add(other.grads), dataLoss + other.dataLoss, forwardPenalty + other.forwardPenalty,
        accuracy.flatMap(a -> other.accuracy.map(b -> a + b)), examples + other.examples, state.add(other.state),
        Math.max(computeNanos, other.computeNanos));
  }

  /** {@return the global batch's gradient, for {@code TrainStep.applyGradient}} */
  public BatchGradient toGradient() {
    return new BatchGradient(grads, dataLoss, forwardPenalty, accuracy, examples, state);
  }
}
