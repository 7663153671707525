package purenet.train;

import io.vavr.control.Option;

/**
 * A model's loss and accuracy on a data set, in evaluation mode.
 *
 * @param loss     Σ_b n_b·L_b / N over the batches b of n_b examples (N = Σ_b n_b): for a loss that
 *                 averages over the batch this is the loss of the whole data set
 * @param accuracy the fraction of right predictions over all N examples, when the loss has an
 *                 accuracy
 * @param examples N, the number of examples evaluated
 */
public record Evaluation(double loss, Option<Double> accuracy, int examples) {}
