package purenet.train;

import io.vavr.control.Option;
import purenet.tree.Tree;

/**
 * Early stopping (Ashu, UEC630 lecture "Regularization"; Chang Xu, Sydney lecture "Regularizations for
 * Deep Models", 2020; Maier et al., FAU Deep Learning lecture "Regularization", 2023) as an immutable
 * value: fed one validation metric per epoch with {@link #update}, it remembers the best metric, its
 * epoch and the parameters of that epoch, and says when to stop; {@link #finish} returns the best
 * parameters whatever ended training.
 *
 * <p>Rules, for epoch e = 1, 2, ... (the count of updates):
 * <ul>
 *   <li>Warm-up: the first {@code warmup} epochs are ignored (early metrics are noisy).
 *   <li>Improvement: the first monitored finite metric, then any metric m with m &lt; best - δ
 *       ({@link Goal#MIN}, e.g. a loss) or m &gt; best + δ ({@link Goal#MAX}, e.g. an accuracy),
 *       δ = {@code minDelta}. NaN never improves. An improvement stores (m, e, params).
 *   <li>Stop: after {@code patience} monitored epochs in a row without improvement; training then
 *       returns the parameters stored {@code patience} epochs earlier.
 * </ul>
 * Parameters are immutable trees, so remembering the best costs no copy.
 *
 * <p>"Never improved" (every metric NaN, or training ended within the warm-up) leaves no best;
 * {@link #finish} then returns the last parameters and says so.
 *
 * @param patience          epochs without improvement before stopping, &ge; 1
 * @param minDelta          δ &ge; 0, the least change that counts as an improvement
 * @param goal              whether smaller or larger metrics are better
 * @param warmup            epochs ignored at the start, &ge; 0
 * @param epoch             epochs seen so far (warm-up included)
 * @param best              the best epoch so far, if any
 * @param sinceImprovement  monitored epochs since the last improvement
 */
public record EarlyStopping(
    int patience, double minDelta, Goal goal, int warmup,
    int epoch, Option<Best> best, int sinceImprovement) {

  /** Whether a smaller or a larger metric is better. */
  public enum Goal {
    /** Smaller is better: losses, error rates. */
    MIN,
    /** Larger is better: accuracies. */
    MAX
  }

  /**
   * The best epoch so far.
   *
   * @param metric its validation metric
   * @param epoch  its number, from 1
   * @param params the parameters after that epoch
   */
  public record Best(double metric, int epoch, Tree params) {}

  /**
   * How training ended.
   *
   * @param params       the best parameters, or the last ones if no epoch ever improved
   * @param bestEpoch    the epoch those parameters come from (the last epoch if none improved)
   * @param bestMetric   the best metric, none if no epoch improved
   * @param epochs       how many epochs ran
   * @param stoppedEarly whether patience ran out (rather than the epoch limit)
   */
  public record Result(Tree params, int bestEpoch, Option<Double> bestMetric, int epochs, boolean stoppedEarly) {

    /** {@return whether some monitored epoch produced a best (false for "never improved")} */
    public boolean improved() {
      return bestMetric.isDefined();
    }
  }

  /**
   * Validates the configuration and the progress counters.
   *
   * @param patience epochs without improvement before stopping, &ge; 1
   * @param minDelta δ &ge; 0, the least change that counts as an improvement
   * @param goal whether smaller or larger metrics are better
   * @param warmup epochs ignored at the start, &ge; 0
   * @param epoch its number, from 1
   * @param best the best epoch so far, if any
   * @param sinceImprovement monitored epochs since the last improvement
   */
  public EarlyStopping {
    if (patience < 1) {
      throw new IllegalArgumentException("early-stopping patience must be >= 1, got " + patience);
    }
    if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
      throw new IllegalArgumentException("early-stopping min delta must be >= 0, got " + minDelta);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("early-stopping warm-up must be >= 0, got " + warmup);
    }
    if (goal == null || best == null) {
      throw new IllegalArgumentException("early stopping needs a goal and an optional best, got null");
    }
    if (epoch < 0 || sinceImprovement < 0) {
      throw new IllegalArgumentException("early-stopping counters must be >= 0, got epoch " + epoch
          + " and " + sinceImprovement + " epochs since improvement");
    }
  }

  /**
   * Stops after {@code patience} epochs without a smaller metric (e.g. validation loss).
   *
   * @param patience epochs without improvement before stopping, &ge; 1
   * @return the rule, with no epoch seen yet
   */
  public static EarlyStopping minimize(int patience) {
    return new EarlyStopping(patience, 0.0, Goal.MIN, 0, 0, Option.none(), 0);
  }

  /**
   * Stops after {@code patience} epochs without a larger metric (e.g. validation accuracy).
   *
   * @param patience epochs without improvement before stopping, &ge; 1
   * @return the rule, with no epoch seen yet
   */
  public static EarlyStopping maximize(int patience) {
    return new EarlyStopping(patience, 0.0, Goal.MAX, 0, 0, Option.none(), 0);
  }

  /**
   * {@return the same criterion with a least improvement δ}
   *
   * @param delta the least change that counts as an improvement, ≥ 0
   */
  public EarlyStopping withMinDelta(double delta) {
    return new EarlyStopping(patience, delta, goal, warmup, epoch, best, sinceImprovement);
  }

  /**
   * {@return the same criterion ignoring the first {@code epochs} epochs}
   *
   * @param epochs how many epochs ran
   */
  public EarlyStopping withWarmup(int epochs) {
    return new EarlyStopping(patience, minDelta, goal, epochs, epoch, best, sinceImprovement);
  }

  /** {@return the same criterion with nothing seen yet} */
  public EarlyStopping reset() {
    return new EarlyStopping(patience, minDelta, goal, warmup, 0, Option.none(), 0);
  }

  /**
   * {@return the state after one more epoch with validation {@code metric} and parameters {@code
   * params}}
   *
   * @param metric its validation metric
   * @param params the best parameters, or the last ones if no epoch ever improved
   */
  public EarlyStopping update(double metric, Tree params) {
    int e = epoch + 1;
    if (e <= warmup) {
      return new EarlyStopping(patience, minDelta, goal, warmup, e, best, sinceImprovement);
    }
    if (improves(metric)) {
      return new EarlyStopping(patience, minDelta, goal, warmup, e, Option.of(new Best(metric, e, params)), 0);
    }
    return new EarlyStopping(patience, minDelta, goal, warmup, e, best, sinceImprovement + 1);
  }

  /**
   * {@return whether {@code metric} would count as an improvement on the best so far}
   *
   * @param metric its validation metric
   */
  public boolean improves(double metric) {
    if (Double.isNaN(metric)) {
      return false;
    }
    if (best.isEmpty()) {
      return true;
    }
    double b = best.get().metric();
    return goal == Goal.MIN ? metric < b - minDelta : metric > b + minDelta;
  }

  /** {@return whether patience has run out: {@code patience} monitored epochs without improvement} */
  public boolean shouldStop() {
    return sinceImprovement >= patience;
  }

  /** {@return the best epoch's number, if any epoch improved} */
  public Option<Integer> bestEpoch() {
    return best.map(Best::epoch);
  }

  /**
   * {@return the outcome, given the parameters training ended with: the best parameters if any epoch
   * improved, else {@code lastParams}} Correct whether patience or the epoch limit ended training.
   *
   * @param lastParams the parameters after the last epoch run
   */
  public Result finish(Tree lastParams) {
    return best.map(b -> new Result(b.params(), b.epoch(), Option.of(b.metric()), epoch, shouldStop()))
        .getOrElse(() -> new Result(lastParams, epoch, Option.none(), epoch, shouldStop()));
  }
}
