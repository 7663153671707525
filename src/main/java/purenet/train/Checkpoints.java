package purenet.train;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import purenet.io.AtomicFile;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * An {@link EpochCallback} for {@code purenet.train.Fit} that saves {@link Checkpoint}s to a
 * directory: every {@code every} epochs as {@code epoch-0003.safetensors} (keeping the
 * {@code keep} newest), and/or, whenever a watched metric improves, as
 * {@code best.safetensors}. Each file notes its epoch ({@link Checkpoint#epoch()}); the best file
 * also notes the metric ({@code "monitor"}, e.g. {@code validation_loss}) and its value ({@code "monitor_value"}). Files are
 * written atomically, so a crash never leaves a broken checkpoint behind. It never stops training.
 *
 * <p><b>One run per directory; resuming is explicit.</b> A run never silently overwrites another
 * run's files: after its first epoch, before it writes anything, a new run ({@link #resumes()} empty) refuses a directory that
 * already holds checkpoints ({@code epoch-<n>.safetensors} or {@code best.safetensors}) with an
 * {@link IllegalStateException} that lists them — choose a new directory, delete them, or continue
 * that run. To continue it, say so: {@link #resumingAfter(int)} with the epoch of the checkpoint you
 * restored (and {@code FitConfig.withInitialEpoch} with the same number); the resumed run must then
 * start at that epoch + 1, and the directory's files are its own: earlier epochs are kept and
 * pruned with the new ones, later ones (from where the earlier attempt went on) are replaced when
 * this run reaches them. Pruning considers only files named {@code epoch-<n>.safetensors} with n ≤
 * the current epoch. The best value so far is remembered in the callback value that {@code Fit}
 * carries from epoch to epoch ({@link Decision#proceed(EpochCallback)}); a new {@code Checkpoints}
 * starts with none, so when resuming pass the best value seen with {@link #withBestSoFar}.
 *
 * <p><b>Leftovers and diverged states.</b> Every save first deletes the temporary files that
 * writers killed midway left in the directory ({@link AtomicFile#removeStale}). A state whose
 * parameters or layer state hold a NaN or ±∞ is never written: the save fails with an
 * {@link IllegalStateException} naming the path ({@code Fit} stops a diverged run before its
 * callbacks run, so this guards runs with the value checks off).
 *
 * @param directory where the files go; created when missing
 * @param every     save {@code epoch-<n>} after every epoch n divisible by this; 0 for never
 * @param keep      how many {@code epoch-<n>} files to keep, ≥ 1
 * @param best      the metric whose improvements are saved to {@code best.safetensors}, if any
 * @param resumes   the epoch after which this run continues the run whose checkpoints are in the
 *                  directory; none for a new run, which refuses a directory holding checkpoints
 * @param started   whether this callback has been called in this fit and has checked the directory
 *                  (its successors carry {@code true}); {@code false} for a callback you create
 */
public record Checkpoints(Path directory, int every, int keep, Option<Checkpoints.Best> best,
                          Option<Integer> resumes, boolean started)
    implements EpochCallback {

  private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{1,9})\\.safetensors");

  /**
   * The watched metric and the best value seen so far.
   *
   * @param monitor   which measurement of each epoch, and which way is better
   * @param bestSoFar the best value so far; none before the first
   */
  public record Best(Monitor monitor, Option<Double> bestSoFar) {

    /**
     * Rejects nulls.
     *
     * @param monitor which measurement of each epoch, and which way is better
     * @param bestSoFar the best value so far; none before the first
     */
    public Best {
      if (monitor == null || bestSoFar == null) {
        throw new IllegalArgumentException("Best needs a monitor and an option of the best value, got "
            + monitor + ", " + bestSoFar);
      }
    }

    /**
     * {@return {@code monitor}, with no value seen yet}
     *
     * @param monitor which measurement of each epoch, and which way is better
     */
    public static Best of(Monitor monitor) {
      return new Best(monitor, Option.none());
    }

    /**
     * {@return whether {@code value} is better than the best so far: strictly larger (or smaller, as
     * the monitor's goal says); the first non-NaN value always is; NaN never is}
     *
     * @param value a value of the monitored metric
     */
    public boolean improves(double value) {
      if (Double.isNaN(value)) {
        return false;
      }
      return bestSoFar.forAll(b -> monitor.goal() == EarlyStopping.Goal.MAX ? value > b : value < b);
    }

    /**
     * {@return the same metric with {@code value} as the best so far}
     *
     * @param value the value of the monitored metric
     */
    public Best at(double value) {
      return new Best(monitor, Option.of(value));
    }
  }

  /**
   * Validates the settings.
   *
   * @param directory where the files go; created when missing
   * @param every save {@code epoch-<n>} after every epoch n divisible by this; 0 for never
   * @param keep how many {@code epoch-<n>} files to keep, ≥ 1
   * @param best the metric whose improvements are saved to {@code best.safetensors}, if any
   * @param resumes the epoch after which this run continues the run whose checkpoints are in the directory; none for a new run, which refuses a directory holding checkpoints
   * @param started whether this callback has been called in this fit and has checked the directory (its successors carry {@code true}); {@code false} for a callback you create
   */
  public Checkpoints {
    if (directory == null || best == null || resumes == null) {
      throw new IllegalArgumentException("Checkpoints needs a directory, an option of a best metric and an option"
          + " of the epoch it resumes after, got " + directory + ", " + best + ", " + resumes);
    }
    if (resumes.exists(e -> e < 0)) {
      throw new IllegalArgumentException("a run resumes after epoch >= 0, got " + resumes.get());
    }
    if (every < 0) {
      throw new IllegalArgumentException("every must be >= 0 epochs (0 for never), got " + every);
    }
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1 checkpoint, got " + keep);
    }
    if (every == 0 && best.isEmpty()) {
      throw new IllegalArgumentException("Checkpoints would save nothing: every is 0 and no best metric is watched");
    }
  }

  /**
   * A new run's callback (see the class comment).
   *
   * @param directory where the files go; created when missing
   * @param every save {@code epoch-<n>} after every epoch n divisible by this; 0 for never
   * @param keep how many {@code epoch-<n>} files to keep, ≥ 1
   * @param best the metric whose improvements are saved to {@code best.safetensors}, if any
   */
  public Checkpoints(Path directory, int every, int keep, Option<Best> best) {
    this(directory, every, keep, best, Option.none(), false);
  }

  /**
   * {@return a checkpoint after every {@code epochs} epochs into {@code directory}, keeping them
   * all}
   *
   * @param directory the folder of the checkpoints
   * @param epochs the number of epochs between checkpoints, ≥ 1
   */
  public static Checkpoints every(Path directory, int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("every must be >= 1 epoch, got " + epochs);
    }
    return new Checkpoints(directory, epochs, Integer.MAX_VALUE, Option.none());
  }

  /**
   * {@return only {@code best.safetensors}, rewritten whenever {@code monitor} improves}
   *
   * @param directory where the files go; created when missing
   * @param monitor which measurement of each epoch, and which way is better
   */
  public static Checkpoints bestOnly(Path directory, Monitor monitor) {
    return new Checkpoints(directory, 0, Integer.MAX_VALUE, Option.of(Best.of(monitor)));
  }

  /**
   * {@return the same callback keeping only the {@code k} newest {@code epoch-<n>} files}
   *
   * @param k the number of newest checkpoints kept, ≥ 1
   */
  public Checkpoints keepingLast(int k) {
    return new Checkpoints(directory, every, k, best, resumes, started);
  }

  /**
   * The same callback continuing the run whose checkpoints are in the directory, after epoch
   * {@code epoch} (the epoch of the checkpoint restored, {@link Checkpoint#epoch()}): it writes into
   * a directory that holds checkpoints, and requires Fit's first epoch to be {@code epoch + 1}.
   *
   * @param epoch the number of epochs the restored checkpoint had finished, ≥ 0
   * @return the resuming callback
   */
  public Checkpoints resumingAfter(int epoch) {
    return new Checkpoints(directory, every, keep, best, Option.of(epoch), started);
  }

  /**
   * {@return the same callback also saving {@code best.safetensors} whenever {@code monitor}
   * improves}
   *
   * @param monitor which measurement of each epoch, and which way is better
   */
  public Checkpoints withBest(Monitor monitor) {
    return new Checkpoints(directory, every, keep, Option.of(Best.of(monitor)), resumes, started);
  }

  /**
   * {@return the same callback with {@code value} as the watched metric's best so far (when
   * resuming)}
   *
   * @param value the best value of the monitored metric so far
   */
  public Checkpoints withBestSoFar(double value) {
    Best b = best.getOrElseThrow(() -> new IllegalStateException("withBestSoFar needs a watched metric (withBest)"));
    return new Checkpoints(directory, every, keep, Option.of(b.at(value)), resumes, started);
  }

  /**
   * {@return the file of the checkpoint after {@code epoch}: {@code
   * <directory>/epoch-0003.safetensors}}
   *
   * @param directory where the files go; created when missing
   * @param epoch the number of epochs the restored checkpoint had finished, ≥ 0
   */
  public static Path epochFile(Path directory, int epoch) {
    return directory.resolve(String.format(Locale.ROOT, "epoch-%04d.safetensors", epoch));
  }

  /**
   * {@return the file of the best checkpoint: {@code <directory>/best.safetensors}}
   *
   * @param directory where the files go; created when missing
   */
  public static Path bestFile(Path directory) {
    return directory.resolve("best.safetensors");
  }

  /**
   * {@return the {@code epoch-<n>} checkpoint with the largest n in {@code directory}; none if there
   * is none or the directory does not exist}
   *
   * @param directory where the files go; created when missing
   * @throws IOException if the directory cannot be listed
   */
  public static Option<Path> latest(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Option.none();
    }
    return epochFiles(directory).maxBy(Tuple2::_1).map(Tuple2::_2);
  }

  /**
   * Saves the checkpoints due after the epoch just finished; always proceeds (with the new best
   * value, when it improved, and marked as started).
   *
   * @throws UncheckedIOException     if a file cannot be written or the directory listed or pruned
   * @throws IllegalStateException    if a new run finds another run's checkpoints in the directory,
   *                                  a resumed run does not start at the epoch after the one it
   *                                  resumes, or the state holds a NaN or ±∞ (naming the path)
   * @throws IllegalArgumentException if the epoch's record lacks the watched metric
   */
  @Override
  public Decision afterEpoch(History history, TrainState state) {
    History.Epoch last = history.last().getOrElseThrow(() ->
        new IllegalStateException("Checkpoints is called after an epoch, but the history is empty"));
    int epoch = last.epoch();
    boolean due = every > 0 && epoch % every == 0;
    Option<Double> improved = best.flatMap(b -> {
      double value = b.monitor().require(last);
      return b.improves(value) ? Option.of(value) : Option.none();
    });
    Checkpoints next = new Checkpoints(directory, every, keep, improved.isDefined()
        ? Option.of(best.get().at(improved.get())) : best, resumes, true);
    Path file = directory;
    try {
      if (!started) {
        claim(epoch);
      }
      if (!due && improved.isEmpty()) {
        return started ? Decision.proceed() : Decision.proceed(next);
      }
      requireFinite(state, epoch);
      Checkpoint checkpoint = Checkpoint.of(state).withEpoch(epoch);
      AtomicFile.removeStale(directory);
      if (due) {
        file = epochFile(directory, epoch);
        checkpoint.save(file);
        prune(epoch);
      }
      if (improved.isDefined()) {
        file = bestFile(directory);
        checkpoint.withNote("monitor", best.get().monitor().name().toLowerCase(Locale.ROOT))
            .withNote("monitor_value", Double.toString(improved.get())).save(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the checkpoint of epoch " + epoch + " to " + file + ": "
          + e.getMessage(), e);
    }
    return Decision.proceed(next);
  }

  /** Checks, after this run's first epoch and before any write, that the directory is this run's to write. */
  private void claim(int epoch) throws IOException {
    if (resumes.isDefined()) {
      if (epoch != resumes.get() + 1) {
        throw new IllegalStateException("Checkpoints resumes the run in " + directory + " after epoch "
            + resumes.get() + ", but this run's first epoch is " + epoch + "; pass FitConfig.withInitialEpoch("
            + resumes.get() + ")");
      }
      return;
    }
    Vector<String> existing = checkpointFiles();
    if (!existing.isEmpty()) {
      throw new IllegalStateException(directory + " already holds checkpoints of another run "
          + existing.mkString("(", ", ", ")") + "; Checkpoints never overwrites them: choose a new directory,"
          + " delete them, or continue that run with Checkpoints.resumingAfter(epoch) and"
          + " FitConfig.withInitialEpoch(epoch)");
    }
  }

  private Vector<String> checkpointFiles() throws IOException {
    if (!Files.isDirectory(directory)) {
      return Vector.empty();
    }
    Vector<String> epochs = epochFiles(directory).sortBy(Tuple2::_1).map(f -> f._2.getFileName().toString());
    return Files.exists(bestFile(directory)) ? epochs.append(bestFile(directory).getFileName().toString()) : epochs;
  }

  private static void requireFinite(TrainState state, int epoch) {
    for (Tuple2<String, Tree> group : Vector.of(new Tuple2<>("params", state.model().params()),
        new Tuple2<>("state", state.model().state()))) {
      for (Tuple2<String, Tensor> leaf : group._2.flatten()) {
        if (!leaf._2.isFinite()) {
          throw new IllegalStateException("refusing to checkpoint epoch " + epoch + ": " + group._1 + "/" + leaf._1
              + " holds NaN or ±Infinity (a diverged state is never saved; keep FitConfig's value checks on)");
        }
      }
    }
  }

  /** Deletes all but the {@code keep} newest {@code epoch-<n>} files with n ≤ {@code epoch}. */
  private void prune(int epoch) throws IOException {
    Vector<Tuple2<Integer, Path>> older = epochFiles(directory).filter(f -> f._1 <= epoch).sortBy(f -> -f._1);
    for (Tuple2<Integer, Path> f : older.drop(keep)) {
      Files.deleteIfExists(f._2);
    }
  }

  private static Vector<Tuple2<Integer, Path>> epochFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return Vector.ofAll(files).flatMap(p -> {
        Matcher m = EPOCH_FILE.matcher(p.getFileName().toString());
        return m.matches() ? Option.of(new Tuple2<>(Integer.parseInt(m.group(1)), p)) : Option.none();
      });
    }
  }
}
