package purenet.train;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import purenet.data.Dataset;
import purenet.layer.Layer;
import purenet.random.Key;

/**
 * The second run after early stopping (Chang Xu, Sydney lecture "Regularizations for Deep Models", 2020,
 * "how to reuse validation data", strategy 1): start fresh and train on the training <em>and</em>
 * validation data for the number of epochs the first run found best. The validation set is no longer
 * held out, so nothing is monitored.
 */
public final class Retrain {
  private Retrain() {}

  /**
   * {@return the best epoch of a finished run, replaying {@code criterion} over the monitored metric
   * of every recorded epoch: early stopping's choice depends only on the metrics, so this equals the
   * epoch whose weights {@link EarlyStoppingCallback} restored} None if no epoch improved.
   *
   * @param history the history of the first run
   * @param monitor the metric early stopping watched
   * @param criterion the early-stopping rule of the first run
   */
  public static Option<Integer> bestEpoch(History history, Monitor monitor, EarlyStopping criterion) {
    EarlyStopping c = criterion.reset();
    for (History.Epoch e : history.epochs()) {
      // The parameters do not influence the choice; the empty tree stands in for them.
      c = c.update(monitor.require(e), purenet.tree.Tree.empty());
    }
    return c.bestEpoch();
  }

  /**
   * Trains {@code model} from scratch on {@code train} ∪ {@code validation} for {@code epochs}
   * epochs, with the first run's batch size, shuffling key and progress settings, without
   * validation or callbacks.
   *
   * @param step       the training step of the first run
   * @param model      the freshly initialised model (the first run's starting point)
   * @param stepKey    the key of the new {@link TrainState}
   * @param train      the training data
   * @param validation the validation data, now trained on
   * @param config     the first run's configuration (its epochs, validation and callbacks are replaced;
   * its shuffling key, augmentation, value checks and divergence criterion are kept)
   * @param epochs     how many epochs: the first run's best epoch, ≥ 1
   * @return the result of the second run
   */
  public static FitResult onTrainAndValidation(TrainStep step, Layer model, Key stepKey, Dataset train,
      Dataset validation, FitConfig config, int epochs) {
    FitConfig again = new FitConfig(epochs, config.batchSize(), config.key(), Option.none(), config.progress(),
        config.out(), config.evalBatchSize(), Vector.empty(), 0, config.augmentation(), config.checks(),
        config.divergence());
    return Fit.run(step, step.init(model, stepKey), train.concat(validation), again);
  }
}
