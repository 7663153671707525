package purenet.train;

import io.vavr.control.Option;

/**
 * Which per-epoch measurement of the {@link History} a callback such as
 * {@link EarlyStoppingCallback} watches, and whether smaller or larger is better.
 */
public enum Monitor {
  /** The validation loss (smaller is better); needs a validation set. */
  VALIDATION_LOSS(EarlyStopping.Goal.MIN),
  /** The validation accuracy (larger is better); needs a validation set and an accuracy. */
  VALIDATION_ACCURACY(EarlyStopping.Goal.MAX),
  /** The mean training data loss (smaller is better). */
  TRAIN_LOSS(EarlyStopping.Goal.MIN),
  /** The mean training accuracy (larger is better); needs an accuracy. */
  TRAIN_ACCURACY(EarlyStopping.Goal.MAX);

  private final EarlyStopping.Goal goal;

  Monitor(EarlyStopping.Goal goal) {
    this.goal = goal;
  }

  /** {@return whether smaller or larger values are better} */
  public EarlyStopping.Goal goal() {
    return goal;
  }

  /**
   * {@return the measurement in one epoch's record, if that epoch has it}
   *
   * @param epoch an epoch's record
   */
  public Option<Double> of(History.Epoch epoch) {
    return switch (this) {
      case VALIDATION_LOSS -> epoch.validationLoss();
      case VALIDATION_ACCURACY -> epoch.validationAccuracy();
      case TRAIN_LOSS -> Option.of(epoch.trainLoss());
      case TRAIN_ACCURACY -> epoch.trainAccuracy();
    };
  }

  /**
   * {@return the measurement, or an error naming the epoch and the likely cause}
   *
   * @param epoch an epoch's record
   */
  public double require(History.Epoch epoch) {
    return of(epoch).getOrElseThrow(() -> new IllegalArgumentException(
        "monitored " + label() + " is missing in epoch " + epoch.epoch()
            + (this == VALIDATION_LOSS || this == VALIDATION_ACCURACY
                ? " (fit without a validation set?)" : " (the step reports no accuracy?)")));
  }

  /** {@return a lower-case label such as {@code validation loss}} */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
