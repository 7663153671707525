package purenet.train;

import io.vavr.control.Option;
import java.util.Locale;
import purenet.data.Dataset;
import purenet.tree.Tree;

/**
 * {@link EarlyStopping} as an {@link EpochCallback} of {@link Fit}: after every epoch it feeds the
 * monitored metric and the current parameters to the criterion and carries the updated criterion
 * to the next epoch.
 *
 * <p>It stops training when patience runs out, and also after epoch {@code epochLimit} (the
 * configured number of epochs, see {@link #fit}), so that in both cases Fit returns the state with
 * the <em>best</em> parameters ({@link EarlyStopping#finish}); the optimizer state and step counter
 * stay those of the last epoch. If no epoch ever improved (every metric NaN, or training ended in
 * the warm-up) the last parameters are kept.
 *
 * @param criterion  the early-stopping state so far
 * @param monitor    the metric it watches
 * @param epochLimit the last epoch Fit will run (restore the best there too); use
 *                   {@link Integer#MAX_VALUE} when unknown
 */
public record EarlyStoppingCallback(EarlyStopping criterion, Monitor monitor, int epochLimit) implements EpochCallback {

  /**
   * Validates the parts.
   *
   * @param criterion the early-stopping state so far
   * @param monitor the metric it watches
   * @param epochLimit the last epoch Fit will run (restore the best there too); use {@link Integer#MAX_VALUE} when unknown
   */
  public EarlyStoppingCallback {
    if (criterion == null || monitor == null) {
      throw new IllegalArgumentException("EarlyStoppingCallback needs a criterion and a monitor, got "
          + criterion + ", " + monitor);
    }
    if (criterion.goal() != monitor.goal()) {
      throw new IllegalArgumentException("the criterion's goal " + criterion.goal() + " does not fit the "
          + monitor.label() + ", where " + monitor.goal() + " is better");
    }
    if (epochLimit < 1) {
      throw new IllegalArgumentException("epoch limit must be >= 1, got " + epochLimit);
    }
  }

  /**
   * Stops after {@code patience} epochs without improvement of {@code monitor}.
   *
   * @param monitor the metric to watch
   * @param patience the number of epochs without improvement before stopping, ≥ 1
   * @return the callback, with no epoch seen yet
   */
  public static EarlyStoppingCallback of(Monitor monitor, int patience) {
    EarlyStopping c = monitor.goal() == EarlyStopping.Goal.MIN
        ? EarlyStopping.minimize(patience) : EarlyStopping.maximize(patience);
    return new EarlyStoppingCallback(c, monitor, Integer.MAX_VALUE);
  }

  /**
   * {@return the same callback with another criterion (min delta, warm-up), whose goal must fit the
   * monitor}
   *
   * @param c the early-stopping rule
   */
  public EarlyStoppingCallback with(EarlyStopping c) {
    return new EarlyStoppingCallback(c, monitor, epochLimit);
  }

  /**
   * Runs {@link Fit} with this callback after the configured ones, knowing the epoch limit, so
   * that the returned state holds the best parameters whatever ended training.
   *
   * @param step the train step
   * @param initial the state to start from
   * @param train the training set
   * @param config how to train; this callback is added to its callbacks
   * @return the result of the run, with the restored parameters if it stopped early
   */
  public FitResult fit(TrainStep step, TrainState initial, Dataset train, FitConfig config) {
    EarlyStoppingCallback limited = new EarlyStoppingCallback(criterion, monitor, config.epochs());
    return Fit.run(step, initial, train, config.withCallbacks(limited));
  }

  @Override
  public Decision afterEpoch(History history, TrainState state) {
    History.Epoch last = history.last().getOrElseThrow(
        () -> new IllegalArgumentException("early stopping needs the record of the epoch just finished"));
    EarlyStopping next = criterion.update(monitor.require(last), state.params());
    if (next.shouldStop()) {
      return Decision.stop(String.format(Locale.ROOT, "no improvement in %s for %d epochs; %s",
          monitor.label(), next.patience(), restoring(next)), restore(state, next));
    }
    if (last.epoch() >= epochLimit) {
      return Decision.stop("epoch limit " + epochLimit + " reached; " + restoring(next), restore(state, next));
    }
    return Decision.proceed(new EarlyStoppingCallback(next, monitor, epochLimit));
  }

  private static TrainState restore(TrainState state, EarlyStopping stopping) {
    Tree best = stopping.finish(state.params()).params();
    return best == state.params() ? state
        : new TrainState(state.model().withParams(best), state.optimizerState(), state.step(), state.key());
  }

  private String restoring(EarlyStopping stopping) {
    Option<EarlyStopping.Best> best = stopping.best();
    return best.map(b -> String.format(Locale.ROOT, "restoring epoch %d (%s %.4f)", b.epoch(), monitor.label(), b.metric()))
        .getOrElse("never improved, keeping the last weights");
  }
}
