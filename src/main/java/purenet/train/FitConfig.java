package purenet.train;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.util.function.Consumer;
import purenet.data.Dataset;
import purenet.data.augmentation.Augmentation;
import purenet.random.Key;

/**
 * How {@link Fit} trains: the number of epochs, the batch size, the shuffling key, the validation
 * set, what to print and where, and the per-epoch callbacks.
 *
 * <p>Epoch e (1-based) visits the training examples in the order of
 * {@code key.foldIn(e).permutation(n)}, in consecutive batches of {@code batchSize} (the last one
 * may be smaller): the same order as {@code train.shuffle(key.foldIn(e)).batches(batchSize)}.
 *
 * @param epochs        the number of epochs, ≥ 1 (callbacks may stop earlier)
 * @param batchSize     the number of examples per training step, ≥ 1
 * @param key           the key of the shuffles (the step's own randomness comes from the
 *                      {@link TrainState}'s key)
 * @param validation    the held-out set evaluated after every epoch, or none
 * @param progress      how much to print
 * @param out           where to print it
 * @param evalBatchSize the number of examples per forward pass when evaluating, ≥ 1
 * @param callbacks     called after every epoch, in order; the first that stops ends training
 * @param initialEpoch  the number of epochs already done, 0 ≤ initialEpoch &lt; epochs: Fit runs
 *                      epochs initialEpoch + 1 … epochs, numbered and shuffled as in an
 *                      uninterrupted run (Keras' {@code initial_epoch}); 0 unless resuming from a
 *                      checkpoint
 * @param augmentation  applied to the features of every training batch (never to the validation
 *                      set or to evaluation), or none; batch b (0-based) of epoch e is augmented
 *                      with {@link #augmentationKey(int, int)}
 * @param checks        which values every step checks for NaN and ±∞ besides the loss: features,
 *                      gradients, updated parameters; all by default ({@link ValueChecks#all()})
 * @param divergence    when a finite loss counts as diverged; {@link Divergence#standard()} (10⁴ ×
 *                      the first step's) by default
 */
public record FitConfig(
    int epochs,
    int batchSize,
    Key key,
    Option<Dataset> validation,
    Progress progress,
    PrintStream out,
    int evalBatchSize,
    Vector<EpochCallback> callbacks,
    int initialEpoch,
    Option<Augmentation> augmentation,
    ValueChecks checks,
    Divergence divergence) {

  /**
   * Validates every setting.
   *
   * @param epochs the number of epochs, ≥ 1 (callbacks may stop earlier)
   * @param batchSize the number of examples per training step, ≥ 1
   * @param key the key of the shuffles (the step's own randomness comes from the {@link TrainState}'s key)
   * @param validation the held-out set evaluated after every epoch, or none
   * @param progress how much to print
   * @param out where to print it
   * @param evalBatchSize the number of examples per forward pass when evaluating, ≥ 1
   * @param callbacks called after every epoch, in order; the first that stops ends training
   * @param initialEpoch the number of epochs already done, 0 ≤ initialEpoch &lt; epochs: Fit runs epochs initialEpoch + 1 … epochs, numbered and shuffled as in an uninterrupted run (Keras' {@code initial_epoch}); 0 unless resuming from a checkpoint
   * @param augmentation applied to the features of every training batch (never to the validation set or to evaluation), or none; batch b (0-based) of epoch e is augmented with {@link #augmentationKey(int, int)}
   * @param checks which values every step checks for NaN and ±∞ besides the loss: features, gradients, updated parameters; all by default ({@link ValueChecks#all()})
   * @param divergence when a finite loss counts as diverged; {@link Divergence#standard()} (10⁴ × the first step's) by default
   */
  public FitConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (evalBatchSize < 1) {
      throw new IllegalArgumentException("evaluation batch size must be >= 1, got " + evalBatchSize);
    }
    if (key == null || validation == null || progress == null || out == null || callbacks == null
        || augmentation == null || checks == null || divergence == null) {
      throw new IllegalArgumentException("FitConfig needs a key, a validation option, a progress level, an"
          + " output stream, a list of callbacks, an augmentation option, value checks and a divergence criterion,"
          + " got " + key + ", " + validation + ", " + progress + ", " + out + ", " + callbacks + ", " + augmentation
          + ", " + checks + ", " + divergence);
    }
    if (initialEpoch < 0 || initialEpoch >= epochs) {
      throw new IllegalArgumentException("initial epoch must be in [0, " + epochs + ") for " + epochs
          + " epochs, got " + initialEpoch);
    }
  }

  /**
   * A configuration with every value check and the standard divergence criterion.
   *
   * @param epochs the number of epochs, ≥ 1 (callbacks may stop earlier)
   * @param batchSize the number of examples per training step, ≥ 1
   * @param key the key of the shuffles (the step's own randomness comes from the {@link TrainState}'s key)
   * @param validation the held-out set evaluated after every epoch, or none
   * @param progress how much to print
   * @param out where to print it
   * @param evalBatchSize the number of examples per forward pass when evaluating, ≥ 1
   * @param callbacks called after every epoch, in order; the first that stops ends training
   * @param initialEpoch the number of epochs already done, 0 ≤ initialEpoch &lt; epochs: Fit runs epochs initialEpoch + 1 … epochs, numbered and shuffled as in an uninterrupted run (Keras' {@code initial_epoch}); 0 unless resuming from a checkpoint
   * @param augmentation applied to the features of every training batch (never to the validation set or to evaluation), or none; batch b (0-based) of epoch e is augmented with {@link #augmentationKey(int, int)}
   */
  public FitConfig(int epochs, int batchSize, Key key, Option<Dataset> validation, Progress progress,
      PrintStream out, int evalBatchSize, Vector<EpochCallback> callbacks, int initialEpoch,
      Option<Augmentation> augmentation) {
    this(epochs, batchSize, key, validation, progress, out, evalBatchSize, callbacks, initialEpoch, augmentation,
        ValueChecks.all(), Divergence.standard());
  }

  /**
   * A configuration without augmentation.
   *
   * @param epochs the number of epochs, ≥ 1 (callbacks may stop earlier)
   * @param batchSize the number of examples per training step, ≥ 1
   * @param key the key of the shuffles (the step's own randomness comes from the {@link TrainState}'s key)
   * @param validation the held-out set evaluated after every epoch, or none
   * @param progress how much to print
   * @param out where to print it
   * @param evalBatchSize the number of examples per forward pass when evaluating, ≥ 1
   * @param callbacks called after every epoch, in order; the first that stops ends training
   * @param initialEpoch the number of epochs already done, 0 ≤ initialEpoch &lt; epochs: Fit runs epochs initialEpoch + 1 … epochs, numbered and shuffled as in an uninterrupted run (Keras' {@code initial_epoch}); 0 unless resuming from a checkpoint
   */
  public FitConfig(int epochs, int batchSize, Key key, Option<Dataset> validation, Progress progress,
      PrintStream out, int evalBatchSize, Vector<EpochCallback> callbacks, int initialEpoch) {
    this(epochs, batchSize, key, validation, progress, out, evalBatchSize, callbacks, initialEpoch, Option.none());
  }

  /**
   * A configuration that starts at epoch 1 (initial epoch 0), without augmentation.
   *
   * @param epochs the number of epochs, ≥ 1 (callbacks may stop earlier)
   * @param batchSize the number of examples per training step, ≥ 1
   * @param key the key of the shuffles (the step's own randomness comes from the {@link TrainState}'s key)
   * @param validation the held-out set evaluated after every epoch, or none
   * @param progress how much to print
   * @param out where to print it
   * @param evalBatchSize the number of examples per forward pass when evaluating, ≥ 1
   * @param callbacks called after every epoch, in order; the first that stops ends training
   */
  public FitConfig(int epochs, int batchSize, Key key, Option<Dataset> validation, Progress progress,
      PrintStream out, int evalBatchSize, Vector<EpochCallback> callbacks) {
    this(epochs, batchSize, key, validation, progress, out, evalBatchSize, callbacks, 0);
  }

  /**
   * {@return {@code epochs} epochs of {@code batchSize}-example steps shuffled by {@code key}; no
   * validation, one progress line per epoch on {@code System.out}, evaluation in batches of
   * max(batchSize, 256), no callbacks}
   *
   * @param epochs the number of epochs, ≥ 1 (callbacks may stop earlier)
   * @param batchSize the number of examples per training step, ≥ 1
   * @param key the key of the shuffles (the step's own randomness comes from the {@link TrainState}'s key)
   */
  public static FitConfig of(int epochs, int batchSize, Key key) {
    return new FitConfig(epochs, batchSize, key, Option.none(), Progress.EPOCHS, System.out,
        Math.max(batchSize, Evaluate.DEFAULT_BATCH_SIZE), Vector.empty());
  }

  /**
   * {@return the same configuration, evaluating {@code validation} after every epoch}
   *
   * @param validation the held-out set evaluated after every epoch, or none
   */
  public FitConfig withValidation(Dataset validation) {
    return edit(d -> d.validation = Option.of(validation));
  }

  /**
   * {@return the same configuration printing this much}
   *
   * @param progress how much to print
   */
  public FitConfig withProgress(Progress progress) {
    return edit(d -> d.progress = progress);
  }

  /** {@return the same configuration printing nothing} */
  public FitConfig silent() {
    return withProgress(Progress.NONE);
  }

  /**
   * {@return the same configuration printing to {@code out}}
   *
   * @param out where to print it
   */
  public FitConfig printingTo(PrintStream out) {
    return edit(d -> d.out = out);
  }

  /**
   * {@return the same configuration evaluating {@code evalBatchSize} examples per forward pass}
   *
   * @param evalBatchSize the number of examples per forward pass when evaluating, ≥ 1
   */
  public FitConfig withEvalBatchSize(int evalBatchSize) {
    return edit(d -> d.evalBatchSize = evalBatchSize);
  }

  /**
   * {@return the same configuration with {@code more} callbacks after the existing ones}
   *
   * @param more callbacks to run after each epoch, after the present ones
   */
  public FitConfig withCallbacks(EpochCallback... more) {
    return edit(d -> d.callbacks = d.callbacks.appendAll(Vector.of(more)));
  }

  /**
   * {@return the same configuration resuming after {@code initialEpoch} finished epochs, e.g. those
   * noted in a checkpoint: Fit runs epochs initialEpoch + 1 … epochs with the shuffles and epoch
   * numbers of an uninterrupted run, so that training from the checkpointed state continues it bit
   * for bit}
   *
   * @param initialEpoch the number of epochs already done, 0 ≤ initialEpoch &lt; epochs: Fit runs epochs initialEpoch + 1 … epochs, numbered and shuffled as in an uninterrupted run (Keras' {@code initial_epoch}); 0 unless resuming from a checkpoint
   */
  public FitConfig withInitialEpoch(int initialEpoch) {
    return edit(d -> d.initialEpoch = initialEpoch);
  }

  /**
   * {@return the same configuration augmenting every training batch with {@code augmentation} (Fit
   * never augments the validation set or evaluation data)} Replaces any previous augmentation.
   *
   * @param augmentation applied to the features of every training batch (never to the validation set or to evaluation), or none; batch b (0-based) of epoch e is augmented with {@link #augmentationKey(int, int)}
   */
  public FitConfig withAugmentation(Augmentation augmentation) {
    if (augmentation == null) {
      throw new IllegalArgumentException("withAugmentation needs an augmentation, got null");
    }
    return edit(d -> d.augmentation = Option.of(augmentation));
  }

  /**
   * The same configuration checking these values every step (e.g. {@code ValueChecks.none()} to
   * check the loss only, where the checks' cost matters and the values are known to be finite).
   *
   * @param checks which values to check
   * @return the changed configuration
   */
  public FitConfig withChecks(ValueChecks checks) {
    return edit(d -> d.checks = checks);
  }

  /**
   * The same configuration calling a finite loss diverged by {@code divergence}.
   *
   * @param divergence the criterion, e.g. {@code Divergence.lossAbove(100)} or {@code Divergence.off()}
   * @return the changed configuration
   */
  public FitConfig withDivergence(Divergence divergence) {
    return edit(d -> d.divergence = divergence);
  }

  /** The one copy path of the with-methods: a draft of every component, changed, then validated. */
  private FitConfig edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new FitConfig(d.epochs, d.batchSize, d.key, d.validation, d.progress, d.out, d.evalBatchSize,
        d.callbacks, d.initialEpoch, d.augmentation, d.checks, d.divergence);
  }

  /** The components of a configuration being changed; never escapes {@link #edit}. */
  private static final class Draft {
    int epochs;
    int batchSize;
    Key key;
    Option<Dataset> validation;
    Progress progress;
    PrintStream out;
    int evalBatchSize;
    Vector<EpochCallback> callbacks;
    int initialEpoch;
    Option<Augmentation> augmentation;
    ValueChecks checks;
    Divergence divergence;

    Draft(FitConfig c) {
      epochs = c.epochs;
      batchSize = c.batchSize;
      key = c.key;
      validation = c.validation;
      progress = c.progress;
      out = c.out;
      evalBatchSize = c.evalBatchSize;
      callbacks = c.callbacks;
      initialEpoch = c.initialEpoch;
      augmentation = c.augmentation;
      checks = c.checks;
      divergence = c.divergence;
    }
  }

  /**
   * {@return the key that augments batch {@code batch} (0-based) of epoch {@code epoch} (1-based):
   * {@code key.split(1)[0].foldIn(epoch).foldIn(batch)}} It is drawn from a stream of its own
   * ({@code split} and {@code foldIn} use different domains), so the shuffles {@code
   * key.foldIn(epoch)} are the same with or without augmentation, and it depends only on the epoch
   * and batch numbers, so a resumed run ({@link #withInitialEpoch}) augments exactly as the
   * uninterrupted one.
   *
   * @param epoch the epoch, from 1
   * @param batch the batch within the epoch, from 0
   */
  public Key augmentationKey(int epoch, int batch) {
    return key.split(1)[0].foldIn(epoch).foldIn(batch);
  }
}
