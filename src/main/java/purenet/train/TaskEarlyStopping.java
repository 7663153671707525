package purenet.train;

import java.util.Locale;
import purenet.data.Dataset;
import purenet.loss.Task;
import purenet.tree.Tree;

/**
 * Task-based early stopping (Maier et al., FAU Deep Learning lecture "Regularization", 2023: "tasks can
 * have different convergence rates → task-based early stopping"; Zhang et al. 2014, "Facial Landmark
 * Detection by Deep Multi-task Learning"): an {@link EpochCallback} of {@link Fit} that watches one task
 * of a multi-task model on a validation set and stops when that task has stopped improving.
 *
 * <p>After every epoch it evaluates the task ({@link TaskEvaluate}, evaluation mode), feeds its
 * validation loss or accuracy with the current parameters to the {@link EarlyStopping} criterion
 * (the same rules as {@link EarlyStoppingCallback}: warm-up, δ, patience) and carries the updated
 * criterion to the next epoch. When patience runs out, or at epoch {@code epochLimit}, it stops:
 * <ul>
 *   <li>watching the <b>main</b> task ({@code restoreBest}): Fit returns the parameters of the
 *       task's best epoch, as ordinary early stopping does;</li>
 *   <li>watching an <b>auxiliary</b> task ({@link #keepingLast()}): Fit returns the last state;
 *       the caller goes on training without that task, e.g.
 *       {@code Fit.run(TrainStep.of(loss.withWeight("aux", 0), optimizer), result.state(), ...)},
 *       so the auxiliary task stops steering the shared trunk once it has stopped helping.</li>
 * </ul>
 *
 * @param criterion   the early-stopping state so far; its goal must fit the measure
 * @param evaluate    the per-task evaluation, naming the tasks
 * @param validation  the held-out examples, with joint labels as the multi-task loss splits them
 * @param task        the task watched
 * @param measure     its validation loss or accuracy
 * @param restoreBest whether Fit returns the best epoch's parameters (else the last state)
 * @param epochLimit  the last epoch Fit will run (to restore the best there too);
 *                    {@link Integer#MAX_VALUE} when unknown
 */
public record TaskEarlyStopping(EarlyStopping criterion, TaskEvaluate evaluate, Dataset validation, String task,
    Measure measure, boolean restoreBest, int epochLimit) implements EpochCallback {

  /** What of the task is watched. */
  public enum Measure {
    /** Its unweighted validation loss Lₖ; smaller is better. */
    LOSS(EarlyStopping.Goal.MIN),
    /** Its validation accuracy; larger is better; needs a loss with an accuracy. */
    ACCURACY(EarlyStopping.Goal.MAX);

    private final EarlyStopping.Goal goal;

    Measure(EarlyStopping.Goal goal) {
      this.goal = goal;
    }

    /** {@return whether smaller or larger is better} */
    public EarlyStopping.Goal goal() {
      return goal;
    }
  }

  /**
   * Validates the parts: a known task, a measure it has, a criterion of the measure's goal.
   *
   * @param criterion the early-stopping state so far; its goal must fit the measure
   * @param evaluate the per-task evaluation, naming the tasks
   * @param validation the held-out examples, with joint labels as the multi-task loss splits them
   * @param task the task watched
   * @param measure its validation loss or accuracy
   * @param restoreBest whether Fit returns the best epoch's parameters (else the last state)
   * @param epochLimit the last epoch Fit will run (to restore the best there too); {@link
   * Integer#MAX_VALUE} when unknown
   */
  public TaskEarlyStopping {
    if (criterion == null || evaluate == null || validation == null || measure == null) {
      throw new IllegalArgumentException("TaskEarlyStopping needs a criterion, an evaluation, a validation set and a"
          + " measure, got " + criterion + ", " + evaluate + ", " + validation + ", " + measure);
    }
    Task t = evaluate.loss().task(task);
    if (measure == Measure.ACCURACY && Accuracy.forLoss(t.loss()).isEmpty()) {
      throw new IllegalArgumentException("task '" + task + "' has no accuracy (its loss is " + t.loss()
          + "); watch its LOSS instead");
    }
    if (criterion.goal() != measure.goal()) {
      throw new IllegalArgumentException("the criterion's goal " + criterion.goal() + " does not fit the validation "
          + label(measure, task) + ", where " + measure.goal() + " is better");
    }
    if (epochLimit < 1) {
      throw new IllegalArgumentException("epoch limit must be >= 1, got " + epochLimit);
    }
    if (validation.size() == 0) {
      throw new IllegalArgumentException("TaskEarlyStopping needs a non-empty validation set");
    }
  }

  /**
   * Stops after {@code patience} epochs without a lower validation loss of {@code task}; restores the best.
   *
   * @param evaluate the per-task evaluation, naming the tasks
   * @param validation the held-out examples, with joint labels as the multi-task loss splits them
   * @param task the task watched
   * @param patience the number of epochs without improvement before stopping, ≥ 1
   * @return the callback, with no epoch seen yet
   */
  public static TaskEarlyStopping onLoss(TaskEvaluate evaluate, Dataset validation, String task, int patience) {
    return new TaskEarlyStopping(EarlyStopping.minimize(patience), evaluate, validation, task, Measure.LOSS, true,
        Integer.MAX_VALUE);
  }

  /**
   * Stops after {@code patience} epochs without a higher validation accuracy of {@code task}; restores
   * the best.
   *
   * @param evaluate the per-task evaluation, naming the tasks
   * @param validation the held-out examples, with joint labels as the multi-task loss splits them
   * @param task the task watched
   * @param patience the number of epochs without improvement before stopping, ≥ 1
   * @return the callback, with no epoch seen yet
   */
  public static TaskEarlyStopping onAccuracy(TaskEvaluate evaluate, Dataset validation, String task, int patience) {
    return new TaskEarlyStopping(EarlyStopping.maximize(patience), evaluate, validation, task, Measure.ACCURACY, true,
        Integer.MAX_VALUE);
  }

  /** {@return the same callback returning the last state when it stops: for an auxiliary task} */
  public TaskEarlyStopping keepingLast() {
    return new TaskEarlyStopping(criterion, evaluate, validation, task, measure, false, epochLimit);
  }

  /**
   * {@return the same callback with another criterion (δ, warm-up), whose goal must fit the measure}
   *
   * @param c the early-stopping rule
   */
  public TaskEarlyStopping with(EarlyStopping c) {
    return new TaskEarlyStopping(c, evaluate, validation, task, measure, restoreBest, epochLimit);
  }

  /**
   * Runs {@link Fit} with this callback after the configured ones, knowing the epoch limit, so
   * that a best-restoring callback returns the best parameters whatever ended training.
   *
   * @param step the train step
   * @param initial the state to start from
   * @param train the training set
   * @param config how to train; this callback is added to its callbacks
   * @return the result of the run, with the restored parameters if it stopped early
   */
  public FitResult fit(TrainStep step, TrainState initial, Dataset train, FitConfig config) {
    TaskEarlyStopping limited = new TaskEarlyStopping(criterion, evaluate, validation, task, measure, restoreBest,
        config.epochs());
    return Fit.run(step, initial, train, config.withCallbacks(limited));
  }

  /**
   * {@return the watched measure of {@code state}'s model on the validation set}
   *
   * @param state the training state to evaluate
   */
  public double metric(TrainState state) {
    Evaluation e = evaluate.apply(state.model(), validation, task);
    return measure == Measure.LOSS ? e.loss() : e.accuracy().get();
  }

  @Override
  public Decision afterEpoch(History history, TrainState state) {
    int epoch = history.last().map(History.Epoch::epoch).getOrElseThrow(
        () -> new IllegalArgumentException("task-based early stopping needs the record of the epoch just finished"));
    EarlyStopping next = criterion.update(metric(state), state.params());
    if (next.shouldStop()) {
      return stop(String.format(Locale.ROOT, "no improvement in validation %s for %d epochs",
          label(measure, task), next.patience()), state, next);
    }
    if (epoch >= epochLimit) {
      return stop("epoch limit " + epochLimit + " reached", state, next);
    }
    return Decision.proceed(with(next));
  }

  private Decision stop(String why, TrainState state, EarlyStopping stopping) {
    if (!restoreBest) {
      return Decision.stop(why + "; keeping the last weights");
    }
    Tree best = stopping.finish(state.params()).params();
    String restoring = stopping.best().map(b -> String.format(Locale.ROOT, "restoring epoch %d (%s %.4f)",
        b.epoch(), label(measure, task), b.metric())).getOrElse("never improved, keeping the last weights");
    TrainState restored = best == state.params() ? state
        : new TrainState(state.model().withParams(best), state.optimizerState(), state.step(), state.key());
    return Decision.stop(why + "; " + restoring, restored);
  }

  private static String label(Measure measure, String task) {
    return task + " " + measure.name().toLowerCase(Locale.ROOT);
  }
}
