package purenet.train;

import io.vavr.control.Option;
import java.io.Serializable;
import purenet.tree.Tree;

/**
 * The gradient half of a {@link TrainStep}: what one forward and backward pass over a batch
 * measured, before penalties and the optimizer ({@link TrainStep#gradient}). Data-parallel
 * training computes one per share of a global batch, combines them, and hands the combination to
 * {@link TrainStep#applyGradient}.
 *
 * @param grads          ∂L_data/∂θ, plus the gradient of any penalty the forward pass added
 *                       itself (activity regularization); the structure of the model's parameters
 * @param dataLoss       L_data, the loss of the model's output against the batch's targets
 * @param forwardPenalty the penalty the forward pass added itself ({@code Forward.penalty()})
 * @param accuracy       the accuracy on the batch, if the step measures one
 * @param examples       the number of examples in the batch (its first dimension)
 * @param state          the model's non-trainable state after the pass ({@code forward.next().state()})
 */
public record BatchGradient(Tree grads, double dataLoss, double forwardPenalty, Option<Double> accuracy,
    int examples, Tree state) implements Serializable {

  /**
   * Rejects missing parts and a negative count.
   *
   * @param grads ∂L_data/∂θ, plus the gradient of any penalty the forward pass added itself (activity regularization); the structure of the model's parameters
   * @param dataLoss L_data, the loss of the model's output against the batch's targets
   * @param forwardPenalty the penalty the forward pass added itself ({@code Forward.penalty()})
   * @param accuracy the accuracy on the batch, if the step measures one
   * @param examples the number of examples in the batch (its first dimension)
   * @param state the model's non-trainable state after the pass ({@code forward.next().state()})
   */
  public BatchGradient {
    if (grads == null || accuracy == null || state == null) {
      throw new IllegalArgumentException("BatchGradient needs gradients, an accuracy option and a state, got "
          + grads + ", " + accuracy + ", " + state);
    }
    if (examples < 0) {
      throw new IllegalArgumentException("examples must be >= 0, got " + examples);
    }
  }
}
