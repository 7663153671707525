package purenet.train;

import io.vavr.control.Option;

/** What an {@link EpochCallback} tells {@link Fit} after an epoch: go on, or stop. */
public sealed interface Decision permits Decision.Proceed, Decision.Stop {

  /**
   * Train another epoch (unless the configured epochs are done).
   *
   * @param next the callback to call after the next epoch, carrying updated memory; none to keep
   *             the current one
   */
  record Proceed(Option<EpochCallback> next) implements Decision {
    /**
     * Rejects null.
     *
     * @param next the callback to call after the next epoch, carrying updated memory; none to keep the current one
     */
    public Proceed {
      if (next == null) {
        throw new IllegalArgumentException("Proceed needs an option of the next callback, got null");
      }
    }
  }

  /**
   * Stop training now.
   *
   * @param reason  why, for the progress output and {@link FitResult#stopReason()}
   * @param restore the state Fit returns instead of the current one (e.g. the best weights seen),
   *                or none to return the current state
   */
  record Stop(String reason, Option<TrainState> restore) implements Decision {
    /**
     * Rejects null.
     *
     * @param reason why, for the progress output and {@link FitResult#stopReason()}
     * @param restore the state Fit returns instead of the current one (e.g. the best weights seen), or none to return the current state
     */
    public Stop {
      if (reason == null || restore == null) {
        throw new IllegalArgumentException("Stop needs a reason and an option of a state, got " + reason + ", " + restore);
      }
    }
  }

  /**
   * Go on with the same callback.
   *
   * @return the decision to go on
   */
  static Decision proceed() {
    return new Proceed(Option.none());
  }

  /**
   * Go on, calling {@code next} after the next epoch.
   *
   * @param next the callback to call after the next epoch, carrying updated memory; none to keep the current one
   * @return the decision to go on
   */
  static Decision proceed(EpochCallback next) {
    return new Proceed(Option.of(next));
  }

  /**
   * Stop, returning the current state.
   *
   * @param reason why, for the progress output and {@link FitResult#stopReason()}
   * @return the decision to stop
   */
  static Decision stop(String reason) {
    return new Stop(reason, Option.none());
  }

  /**
   * Stop, returning {@code restore} instead of the current state.
   *
   * @param reason why, for the progress output and {@link FitResult#stopReason()}
   * @param restore the state Fit returns instead of the current one (e.g. the best weights seen), or none to return the current state
   * @return the decision to stop
   */
  static Decision stop(String reason, TrainState restore) {
    return new Stop(reason, Option.of(restore));
  }
}
