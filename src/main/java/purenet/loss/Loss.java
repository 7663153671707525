package purenet.loss;

import java.io.Serializable;
import purenet.tensor.Tensor;

/**
 * A loss: a scalar function of a prediction and a target, with its gradient with respect to the
 * prediction. Each implementation states its reduction (sum or mean over the batch).
 */
@FunctionalInterface
public interface Loss extends Serializable {
  /**
   * {@return the loss value and ∂loss/∂prediction (of the prediction's shape)}
   *
   * @param prediction the model's output, e.g. logits (batch, classes)
   * @param target the targets of the batch, in the form the loss documents
   */
  ValueAndGrad<Tensor> apply(Tensor prediction, Tensor target);
}
