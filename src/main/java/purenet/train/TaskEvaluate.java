package purenet.train;

import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import purenet.data.Dataset;
import purenet.layer.Layer;
import purenet.loss.MultiTaskLoss;
import purenet.loss.Task;
import purenet.tensor.Tensor;

/**
 * Evaluates a multi-task model task by task, in evaluation mode and batch by batch: for every task
 * k of the {@link MultiTaskLoss}, its unweighted loss Lₖ and, when its loss has one
 * ({@link Accuracy#forLoss}: categorical for softmax cross-entropy, binary for binary
 * cross-entropy), its accuracy, each on the task's own columns of the joint prediction and target.
 *
 * <p>Over batches b of n_b examples: Lₖ = Σ_b n_b·Lₖ,b / N and accₖ = Σ_b n_b·accₖ,b / N, as
 * {@link Evaluate} does for a single task. The model's outputs and the data set's labels are the
 * joint (batch, D) tensors the loss splits (labels built with {@link MultiTaskLoss#targets}).
 *
 * @param loss      the multi-task loss that names the tasks and their columns
 * @param batchSize examples per forward pass, &gt; 0
 */
public record TaskEvaluate(MultiTaskLoss loss, int batchSize) {

  /**
   * Validates the parts.
   *
   * @param loss the multi-task loss that names the tasks and their columns
   * @param batchSize examples per forward pass, &gt; 0
   */
  public TaskEvaluate {
    if (loss == null) {
      throw new IllegalArgumentException("TaskEvaluate needs a multi-task loss, got null");
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("evaluation batch size must be > 0, got " + batchSize);
    }
  }

  /**
   * {@return per-task evaluation in batches of {@value Evaluate#DEFAULT_BATCH_SIZE}}
   *
   * @param loss the multi-task loss that names the tasks and their columns
   */
  public static TaskEvaluate of(MultiTaskLoss loss) {
    return new TaskEvaluate(loss, Evaluate.DEFAULT_BATCH_SIZE);
  }

  /**
   * {@return every task's loss and accuracy on {@code data}, by task name in column order}
   *
   * @param model the trained model
   * @param data the examples, with joint targets
   */
  public LinkedHashMap<String, Evaluation> apply(Layer model, Dataset data) {
    int n = data.size();
    if (n == 0) {
      throw new IllegalArgumentException("cannot evaluate on an empty data set, features " + data.features().shape());
    }
    Vector<Task> tasks = loss.tasks();
    Vector<Option<Accuracy>> accuracies = tasks.map(t -> Accuracy.forLoss(t.loss()));
    double[] lossSums = new double[tasks.size()];
    double[] accuracySums = new double[tasks.size()];
    for (int from = 0; from < n; from += batchSize) {
      Dataset batch = data.slice(from, Math.min(n, from + batchSize));
      Tensor output = model.apply(batch.features());
      for (int k = 0; k < tasks.size(); k++) {
        Task t = tasks.get(k);
        Tensor prediction = loss.prediction(t.name(), output);
        Tensor target = loss.target(t.name(), batch.labels());
        lossSums[k] += batch.size() * t.loss().apply(prediction, target).value();
        if (accuracies.get(k).isDefined()) {
          accuracySums[k] += batch.size() * accuracies.get(k).get().apply(prediction, target);
        }
      }
    }
    return LinkedHashMap.ofEntries(tasks.zipWithIndex().map(p -> new Tuple2<>(p._1.name(), new Evaluation(
        lossSums[p._2] / n, accuracies.get(p._2).map(a -> accuracySums[p._2] / n), n))));
  }

  /**
   * {@return one task's loss and accuracy on {@code data}}
   *
   * @param model the trained model
   * @param data the examples, with joint targets
   * @param task the task's name
   */
  public Evaluation apply(Layer model, Dataset data, String task) {
    loss.task(task);
    return apply(model, data).get(task).get();
  }
}
