package purenet.train;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import purenet.data.Dataset;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;

/**
 * The imperative shell around the pure {@link TrainStep}: epochs of shuffled mini-batches,
 * per-epoch metrics, validation, progress output and callbacks.
 *
 * <p>For epoch e = 1 … E (from {@code config.initialEpoch() + 1} when resuming; the history then
 * holds only the epochs that ran): visit the training set in the order
 * {@code key.foldIn(e).permutation(n)} in batches of {@code batchSize}, applying the step to
 * each; record the epoch's mean training loss, penalty and accuracy (each batch weighted by its
 * size) and, with a validation set, its loss and accuracy in evaluation mode ({@link Evaluate},
 * batched); print a line; then ask every {@link EpochCallback} whether to go on. With an
 * augmentation ({@link FitConfig#withAugmentation}), batch b of epoch e has its features
 * transformed with {@link FitConfig#augmentationKey}(e, b) before the step; the validation set is
 * never augmented, and the recorded training loss and accuracy are those of the augmented batches.
 * Everything but the printing is determined by the initial state and the configuration, so the same
 * inputs give a bit-identical result.
 *
 * <p>Nothing silently wrong: every step checks the values {@link FitConfig#checks()} selects (the
 * batch's features, the gradients, the updated parameters; all by default) and its objective for
 * NaN and ±∞, and Fit checks the objective against {@link FitConfig#divergence()} (by default
 * diverged beyond 10⁴ × the first step's objective). The first failure stops training with a
 * {@link TrainingDiverged} naming the step, epoch, batch and where (parameter path and index, or the
 * feature's index and the example's row in {@code train}), carrying the newest good state
 * ({@link TrainingDiverged#lastGood()}). Callbacks, and so checkpoints, never see a rejected state.
 * Progress lines print losses in 4 decimals, or compactly in scientific notation when far from 1
 * ({@code 1.1e+255}).
 */
public final class Fit {
  /** Minimum time between two within-epoch progress lines. */
  private static final long LIVE_INTERVAL_NANOS = 200_000_000L;

  private Fit() {}

  /**
   * Trains from {@code state} on {@code train} as configured.
   *
   * @param step    the training step (loss, optimizer, penalties, constraints)
   * @param initial the state to start from, e.g. {@code step.init(model, key)}
   * @param train   the training examples, at least one
   * @param config  epochs, batch size, shuffling key, validation set, progress, callbacks
   * @return the final (or restored) state, the history and why training stopped early, if it did
   * @throws IllegalArgumentException if the data set is empty or the model does not accept its
   *                                  features
   * @throws TrainingDiverged         if the objective became NaN or ±∞ or diverged, or a checked
   *                                  feature, gradient or parameter is not finite; it carries the newest
   *                                  good state
   */
  public static FitResult run(TrainStep step, TrainState initial, Dataset train, FitConfig config) {
    requireFits(initial, train, "training");
    config.validation().forEach(v -> requireFits(initial, v, "validation"));
    TrainState state = initial;
    // The input of the newest step whose objective was accepted: the last good state when the
    // objective of the next step fails (for the very first step, the initial state).
    TrainState accepted = initial;
    Option<Double> reference = Option.none();
    Evaluate evaluate = new Evaluate(step.loss(), step.accuracy(), config.evalBatchSize());
    PrintStream out = config.out();
    History history = History.empty();
    Vector<EpochCallback> callbacks = config.callbacks();
    int n = train.size();
    int batches = (n + config.batchSize() - 1) / config.batchSize();
    for (int epoch = config.initialEpoch() + 1; epoch <= config.epochs(); epoch++) {
      long start = System.nanoTime();
      long lastLive = start;
      int[] order = config.key().foldIn(epoch).permutation(n);
      double loss = 0;
      double penalty = 0;
      double accuracy = 0;
      int seen = 0;
      for (int b = 0; b < batches; b++) {
        int from = b * config.batchSize();
        Dataset batch = train.select(Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize())));
        if (config.augmentation().isDefined()) {
          batch = config.augmentation().get().apply(batch, config.augmentationKey(epoch, b));
        }
        StepResult result;
        try {
          if (config.checks().features()) {
            Option<NonFinite> bad = NonFinite.in(batch.features());
            if (bad.isDefined()) {
              throw new TrainingDiverged(TrainingDiverged.Problem.FEATURES_NOT_FINITE, state.step(), Double.NaN,
                  Double.NaN, Double.NaN, bad.get().describe("the batch's features") + ", example "
                  + order[from + bad.get().index()[0]] + " (0-based row) of the training set", Option.none(),
                  Option.none(), Option.none());
            }
          }
          // The features were checked above, with the example's row in the data set.
          result = step.apply(state, batch.features(), batch.labels(), config.checks().withFeatures(false));
          double objective = result.metrics().totalLoss();
          reference = config.divergence().reference(reference, objective);
          if (config.divergence().diverged(reference, objective)) {
            throw new TrainingDiverged(TrainingDiverged.Problem.LOSS_EXPLODED, state.step(), objective,
                result.metrics().dataLoss(), result.metrics().penalty(), "> " + CompactNumber.format(config.divergence().factor())
                + " × " + CompactNumber.format(reference.get()) + ", the first step's objective (FitConfig.divergence)",
                Option.none(), Option.none(), Option.none());
          }
        } catch (TrainingDiverged e) {
          if (config.progress() == Progress.LIVE) {
            out.println();
          }
          boolean objective = e.problem() == TrainingDiverged.Problem.LOSS_NOT_FINITE
              || e.problem() == TrainingDiverged.Problem.LOSS_EXPLODED;
          throw e.in(epoch, Option.of(b + 1), Option.of(objective ? accepted : state));
        }
        accepted = state;
        state = result.state();
        Metrics m = result.metrics();
        loss += m.examples() * m.dataLoss();
        penalty += m.examples() * m.penalty();
        accuracy += m.examples() * m.accuracy().getOrElse(0.0);
        seen += m.examples();
        long now = System.nanoTime();
        if (config.progress() == Progress.LIVE && (now - lastLive >= LIVE_INTERVAL_NANOS || b == batches - 1)) {
          lastLive = now;
          out.print(String.format(Locale.ROOT, "\repoch %d/%d  batch %d/%d  loss %s%s  %.0f examples/s",
              epoch, config.epochs(), b + 1, batches, CompactNumber.progress(loss / seen),
              step.accuracy().isDefined() ? String.format(Locale.ROOT, "  acc %.4f", accuracy / seen) : "",
              seen / seconds(start, now)));
          out.flush();
        }
      }
      double trainSeconds = seconds(start, System.nanoTime());
      TrainState trained = state;
      Option<Evaluation> validation = config.validation().map(v -> evaluate.apply(trained.model(), v));
      double meanAccuracy = accuracy / seen;
      History.Epoch record = new History.Epoch(epoch, state.step(), loss / seen, penalty / seen,
          step.accuracy().map(a -> meanAccuracy),
          validation.map(Evaluation::loss),
          validation.flatMap(Evaluation::accuracy));
      history = history.append(record);
      if (config.progress() != Progress.NONE) {
        out.print(config.progress() == Progress.LIVE ? "\r" : "");
        out.println(line(record, config.epochs(), seconds(start, System.nanoTime()), seen / trainSeconds));
      }
      Vector<EpochCallback> next = Vector.empty();
      for (EpochCallback callback : callbacks) {
        Decision d = callback.afterEpoch(history, state);
        if (d instanceof Decision.Stop stop) {
          if (config.progress() != Progress.NONE) {
            out.println("stopped after epoch " + epoch + ": " + stop.reason());
          }
          return new FitResult(stop.restore().getOrElse(state), history, Option.of(stop.reason()));
        }
        next = next.append(((Decision.Proceed) d).next().getOrElse(callback));
      }
      callbacks = next;
    }
    return new FitResult(state, history, Option.none());
  }

  private static void requireFits(TrainState state, Dataset data, String which) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("the " + which + " set is empty, features " + data.features().shape());
    }
    Shape one = data.features().shape().with(0, 1);
    ShapeCheck check = state.model().check(one);
    if (!check.fits()) {
      throw new IllegalArgumentException("the model does not accept the " + which + " features "
          + data.features().shape() + ": " + check.problems().mkString("; "));
    }
  }

  private static double seconds(long from, long to) {
    return Math.max(to - from, 1) / 1e9;
  }

  /** E.g. {@code epoch 3/10  loss 0.3412  acc 0.9120  val_loss 0.3561  val_acc 0.9050  2.1 s  28571 examples/s}. */
  private static String line(History.Epoch e, int epochs, double seconds, double throughput) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %s", e.epoch(), epochs,
        CompactNumber.progress(e.trainLoss())));
    if (e.trainPenalty() != 0) {
      s.append("  penalty ").append(CompactNumber.progress(e.trainPenalty()));
    }
    e.trainAccuracy().forEach(a -> s.append(String.format(Locale.ROOT, "  acc %.4f", a)));
    e.validationLoss().forEach(v -> s.append("  val_loss ").append(CompactNumber.progress(v)));
    e.validationAccuracy().forEach(a -> s.append(String.format(Locale.ROOT, "  val_acc %.4f", a)));
    s.append(String.format(Locale.ROOT, "  %.1f s  %.0f examples/s", seconds, throughput));
    // Padding clears the rest of a longer within-epoch line that this one overwrites.
    return s.append("          ").toString();
  }
}
