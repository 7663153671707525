package purenet.train;

import io.vavr.control.Option;

/**
 * Thrown when the training objective stops being a finite number (NaN or ±∞), which after that
 * point would silently poison every parameter. The message names the step, the epoch when known,
 * and the two parts of the loss, e.g.
 * {@code "loss became NaN at step 137 (epoch 2): data loss NaN + penalty 0.0013"}.
 *
 * <p>The step throws it without an epoch; {@link Fit} adds the epoch with {@link #inEpoch}.
 */
public final class TrainingDiverged extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final double loss;
  private final double dataLoss;
  private final double penalty;
  private final Option<Integer> epoch;

  /**
   * An error for the step {@code step} whose objective dataLoss + penalty = loss is not finite.
   *
   * @param epoch the 1-based epoch, if known
   */
  public TrainingDiverged(long step, double loss, double dataLoss, double penalty, Option<Integer> epoch) {
    super("loss became " + loss + " at step " + step + epoch.map(e -> " (epoch " + e + ")").getOrElse("")
        + ": data loss " + dataLoss + " + penalty " + penalty
        + "; a smaller learning rate, gradient clipping or normalized inputs usually help");
    this.step = step;
    this.loss = loss;
    this.dataLoss = dataLoss;
    this.penalty = penalty;
    this.epoch = epoch;
  }

  /** The same error, naming the epoch in which it happened. */
  public TrainingDiverged inEpoch(int epoch) {
    TrainingDiverged e = new TrainingDiverged(step, loss, dataLoss, penalty, Option.of(epoch));
    e.initCause(this);
    return e;
  }

  /** The number of the step whose loss was not finite. */
  public long step() {
    return step;
  }

  /** The non-finite objective, data loss + penalty. */
  public double loss() {
    return loss;
  }

  /** The data part of the loss. */
  public double dataLoss() {
    return dataLoss;
  }

  /** The penalty part of the loss. */
  public double penalty() {
    return penalty;
  }

  /** The 1-based epoch, when known. */
  public Option<Integer> epoch() {
    return epoch;
  }
}
