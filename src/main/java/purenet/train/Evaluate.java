package purenet.train;

import io.vavr.control.Option;
import purenet.data.Dataset;
import purenet.layer.Layer;
import purenet.loss.Loss;
import purenet.tensor.Tensor;

/**
 * Evaluates a model on a data set in evaluation mode ({@code Mode.eval()}: no dropout, running
 * statistics), batch by batch so that memory stays bounded by one batch of activations.
 *
 * <p>For batches b of n_b examples with batch loss L_b and accuracy A_b, the result is
 * loss = Σ_b n_b·L_b / N and accuracy = Σ_b n_b·A_b / N. For losses that average over the batch
 * (every {@code mean()} loss) the loss equals that of the whole set in one batch; the accuracy is
 * always the fraction of right predictions over the whole set.
 *
 * @param loss      the loss to report
 * @param accuracy  the accuracy to report, or none
 * @param batchSize examples per forward pass, &gt; 0
 */
public record Evaluate(Loss loss, Option<Accuracy> accuracy, int batchSize) {

  /** The default number of examples per forward pass. */
  public static final int DEFAULT_BATCH_SIZE = 256;

  /**
   * Validates the configuration.
   *
   * @param loss the loss to report
   * @param accuracy the accuracy to report, or none
   * @param batchSize examples per forward pass, &gt; 0
   */
  public Evaluate {
    if (loss == null || accuracy == null) {
      throw new IllegalArgumentException("Evaluate needs a loss and an accuracy option, got " + loss + ", " + accuracy);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("evaluation batch size must be > 0, got " + batchSize);
    }
  }

  /**
   * {@return evaluation with this loss, its fitting accuracy ({@link Accuracy#forLoss}) and 256
   * examples per pass}
   *
   * @param loss the loss to report
   */
  public static Evaluate of(Loss loss) {
    return new Evaluate(loss, Accuracy.forLoss(loss), DEFAULT_BATCH_SIZE);
  }

  /**
   * {@return the same evaluation with {@code batchSize} examples per forward pass}
   *
   * @param batchSize examples per forward pass, &gt; 0
   */
  public Evaluate withBatchSize(int batchSize) {
    return new Evaluate(loss, accuracy, batchSize);
  }

  /**
   * {@return the loss and accuracy of {@code model} on {@code data}}
   *
   * @param model the trained model, run in evaluation mode
   * @param data the examples to evaluate on
   */
  public Evaluation apply(Layer model, Dataset data) {
    int n = data.size();
    if (n == 0) {
      throw new IllegalArgumentException("cannot evaluate on an empty data set, features " + data.features().shape());
    }
    double lossSum = 0;
    double accuracySum = 0;
    for (int from = 0; from < n; from += batchSize) {
      Dataset batch = data.slice(from, Math.min(n, from + batchSize));
      Tensor output = model.apply(batch.features());
      lossSum += batch.size() * loss.apply(output, batch.labels()).value();
      if (accuracy.isDefined()) {
        accuracySum += batch.size() * accuracy.get().apply(output, batch.labels());
      }
    }
    double accuracyMean = accuracySum / n;
    return new Evaluation(lossSum / n, accuracy.map(a -> accuracyMean), n);
  }
}
