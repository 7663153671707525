package purenet.train;

import io.vavr.control.Option;
import java.io.Serializable;

/**
 * What one training step measured on its batch, before the update.
 *
 * @param dataLoss  the loss of the model's output against the targets
 * @param penalty   the regularization added to it: the parameter penalties
 *                  ({@code Penalties}) plus the forward pass's own penalty (activation
 *                  penalties, {@code Forward.penalty()})
 * @param totalLoss dataLoss + penalty, the objective whose gradient the step followed
 * @param accuracy  the batch accuracy in [0, 1], for classification losses; none otherwise
 * @param examples  the number of examples in the batch (for weighting averages over batches)
 */
public record Metrics(double dataLoss, double penalty, double totalLoss, Option<Double> accuracy, int examples)
    implements Serializable {}
