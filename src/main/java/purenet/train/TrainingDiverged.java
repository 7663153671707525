package purenet.train;

import io.vavr.control.Option;

/**
 * Thrown when training must stop because its values stopped being trustworthy: the objective is
 * NaN or ±∞, or exploded past the {@link Divergence} bound, or a batch's features, the gradient
 * tree or the updated parameters hold a NaN or ±∞ ({@link ValueChecks}). Going on would silently
 * poison every parameter. The message names what and where: the step, the epoch and the 1-based
 * batch when known, and the position of the first non-finite element (the parameter path and
 * index, or the feature's index in the batch and the example's row in the training set), e.g.
 * {@code "loss became NaN at step 137 (epoch 2, batch 9): data loss NaN + penalty 0.0013; …"} or
 * {@code "non-finite gradient at step 11 (epoch 1, batch 12): NaN at 0/weight[3, 17] of shape
 * (784, 128); …"}.
 *
 * <p>{@link #lastGood()} is the newest training state known to be good, from which training can be
 * resumed (e.g. with a smaller learning rate): for non-finite features, gradients or parameters,
 * the state the failing step started from (its loss and parameters were finite); for a non-finite
 * or exploding objective, the state before that one, whose objective was accepted ({@link Fit}
 * knows it; a bare {@link TrainStep} does not, and leaves it empty). {@link Fit} never passes a
 * state it rejected to its callbacks, so no checkpoint is written from a diverged state.
 */
public final class TrainingDiverged extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  /** What was found not to be finite, or too large. */
  public enum Problem {
    /** The objective (data loss + penalty) is NaN or ±∞. */
    LOSS_NOT_FINITE,
    /** The objective is finite but beyond the {@link Divergence} bound. */
    LOSS_EXPLODED,
    /** An element of the batch's features is NaN or ±∞. */
    FEATURES_NOT_FINITE,
    /** An element of the gradient tree is NaN or ±∞. */
    GRADIENT_NOT_FINITE,
    /** An element of the updated parameters is NaN or ±∞. */
    PARAMETERS_NOT_FINITE
  }

  private final Problem problem;
  private final long step;
  private final double loss;
  private final double dataLoss;
  private final double penalty;
  private final String detail;
  private final Option<Integer> epoch;
  private final Option<Integer> batch;
  private final transient Option<TrainState> lastGood;

  /**
   * An error for the step {@code step} whose objective dataLoss + penalty = loss is not finite.
   *
   * @param step     the number of the step
   * @param loss     the objective
   * @param dataLoss its data part
   * @param penalty  its penalty part
   * @param epoch    the 1-based epoch, if known
   */
  public TrainingDiverged(long step, double loss, double dataLoss, double penalty, Option<Integer> epoch) {
    this(Problem.LOSS_NOT_FINITE, step, loss, dataLoss, penalty, "", epoch, Option.none(), Option.none());
  }

  /**
   * An error of any kind.
   *
   * @param problem  what went wrong
   * @param step     the number of the step
   * @param loss     the step's objective, NaN if it was not computed
   * @param dataLoss its data part, NaN if not computed
   * @param penalty  its penalty part, NaN if not computed
   * @param detail   where and what, e.g. {@code "NaN at 0/weight[3, 17] of shape (784, 128)"}; may
   *                 be empty
   * @param epoch    the 1-based epoch, if known
   * @param batch    the 1-based batch of the epoch, if known
   * @param lastGood the newest state known to be good, if known
   */
  public TrainingDiverged(Problem problem, long step, double loss, double dataLoss, double penalty, String detail,
      Option<Integer> epoch, Option<Integer> batch, Option<TrainState> lastGood) {
    super(message(problem, step, loss, dataLoss, penalty, detail, epoch, batch));
    this.problem = problem;
    this.step = step;
    this.loss = loss;
    this.dataLoss = dataLoss;
    this.penalty = penalty;
    this.detail = detail;
    this.epoch = epoch;
    this.batch = batch;
    this.lastGood = lastGood;
  }

  private static String message(Problem problem, long step, double loss, double dataLoss, double penalty,
      String detail, Option<Integer> epoch, Option<Integer> batch) {
    String where = "step " + step + (epoch.isDefined() || batch.isDefined()
        ? " (" + epoch.map(e -> "epoch " + e).getOrElse("") + (epoch.isDefined() && batch.isDefined() ? ", " : "")
            + batch.map(b -> "batch " + b).getOrElse("") + ")"
        : "");
    String parts = "data loss " + CompactNumber.format(dataLoss) + " + penalty " + CompactNumber.format(penalty);
    return switch (problem) {
      case LOSS_NOT_FINITE -> "loss became " + loss + " at " + where + ": " + parts
          + "; a smaller learning rate, gradient clipping or normalized inputs usually help";
      case LOSS_EXPLODED -> "loss exploded at " + where + ": " + CompactNumber.format(loss) + " (" + parts + ") " + detail
          + "; a smaller learning rate, gradient clipping or normalized inputs usually help";
      case FEATURES_NOT_FINITE -> "non-finite feature at " + where + ": " + detail
          + "; clean or impute the data set (a layer may turn a NaN into a finite value and hide it from the loss)";
      case GRADIENT_NOT_FINITE -> "non-finite gradient at " + where + ": " + detail + " (" + parts
          + "); a smaller learning rate or gradient clipping usually help";
      case PARAMETERS_NOT_FINITE -> "non-finite parameter after the update of " + where + ": " + detail
          + "; a smaller learning rate, gradient clipping or a weaker constraint usually help";
    };
  }

  /**
   * The same error, naming the epoch in which it happened.
   *
   * @param epoch the 1-based epoch
   * @return a new error with this one as its cause
   */
  public TrainingDiverged inEpoch(int epoch) {
    return in(epoch, batch, lastGood);
  }

  /**
   * The same error, naming the epoch and batch in which it happened and the newest good state.
   *
   * @param epoch    the 1-based epoch
   * @param batch    the 1-based batch of the epoch, if known
   * @param lastGood the newest state known to be good, if known (replaces this error's)
   * @return a new error with this one as its cause
   */
  public TrainingDiverged in(int epoch, Option<Integer> batch, Option<TrainState> lastGood) {
    TrainingDiverged e = new TrainingDiverged(problem, step, loss, dataLoss, penalty, detail, Option.of(epoch),
        batch, lastGood.orElse(this.lastGood));
    e.initCause(this);
    return e;
  }

  /** @return what went wrong */
  public Problem problem() {
    return problem;
  }

  /** @return the number of the failing step */
  public long step() {
    return step;
  }

  /** @return the step's objective, data loss + penalty (NaN if it was not computed) */
  public double loss() {
    return loss;
  }

  /** @return the data part of the loss (NaN if it was not computed) */
  public double dataLoss() {
    return dataLoss;
  }

  /** @return the penalty part of the loss (NaN if it was not computed) */
  public double penalty() {
    return penalty;
  }

  /** @return where and what, e.g. {@code "NaN at 0/weight[3, 17] of shape (784, 128)"}; empty for a loss */
  public String detail() {
    return detail;
  }

  /** @return the 1-based epoch, when known */
  public Option<Integer> epoch() {
    return epoch;
  }

  /** @return the 1-based batch of the epoch, when known */
  public Option<Integer> batch() {
    return batch;
  }

  /**
   * The newest training state known to be good, to resume from (see the class comment); empty only
   * when the error comes from a bare {@link TrainStep} and concerns the objective, or after the
   * error was serialized.
   *
   * @return the state, if known
   */
  public Option<TrainState> lastGood() {
    return lastGood == null ? Option.none() : lastGood;
  }
}
