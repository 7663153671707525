package purenet.train;

/**
 * The per-epoch hook of {@link Fit}: after every epoch, Fit calls each callback with the history
 * so far (the last entry is the epoch just finished) and the current training state, and obeys
 * the {@link Decision}.
 *
 * <p>A callback is a value. One that needs memory across epochs (the best loss so far, the best
 * weights, a patience counter) returns its successor in {@link Decision#proceed(EpochCallback)},
 * and Fit calls that successor after the next epoch. Early stopping is then a record such as
 * {@code EarlyStopping(patience, best, bestState, wait)} whose {@code afterEpoch} returns
 * {@code proceed(withWait(wait + 1))} or {@code stop("no improvement for 5 epochs", bestState)}
 * (the second argument is the state Fit returns, e.g. the best weights). Callbacks may also act
 * on the world (write a checkpoint, plot the curves); Fit is the imperative shell.
 */
@FunctionalInterface
public interface EpochCallback {

  /**
   * {@return the decision after an epoch}
   *
   * @param history the records of every epoch so far, the last one just finished
   * @param state the training state after that epoch
   */
  Decision afterEpoch(History history, TrainState state);

  /** {@return a callback that never stops training} */
  static EpochCallback none() {
    return (history, state) -> Decision.proceed();
  }
}
