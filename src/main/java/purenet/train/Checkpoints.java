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

/**
 * An {@link EpochCallback} for {@code purenet.train.Fit} that saves {@link Checkpoint}s to a
 * directory: every {@code every} epochs as {@code epoch-0003.safetensors} (keeping the
 * {@code keep} newest), and/or, whenever a watched metric improves, as
 * {@code best.safetensors}. Each file notes its epoch ({@link Checkpoint#epoch()}); the best file
 * also notes the metric ({@code "monitor"}, e.g. {@code validation_loss}) and its value ({@code "monitor_value"}). Files are
 * written atomically, so a crash never leaves a broken checkpoint behind. It never stops training.
 *
 * <p>Pruning considers only files named {@code epoch-<n>.safetensors} with n ≤ the current epoch,
 * so resuming a run in the same directory keeps the earlier run's files in the count. The best
 * value so far is remembered in the callback value that {@code Fit} carries from epoch to epoch
 * ({@link Decision#proceed(EpochCallback)}); a new {@code Checkpoints} starts with none, so when
 * resuming pass the best value seen with {@link #withBestSoFar}.
 *
 * @param directory where the files go; created when missing
 * @param every     save {@code epoch-<n>} after every epoch n divisible by this; 0 for never
 * @param keep      how many {@code epoch-<n>} files to keep, ≥ 1
 * @param best      the metric whose improvements are saved to {@code best.safetensors}, if any
 */
public record Checkpoints(Path directory, int every, int keep, Option<Checkpoints.Best> best)
    implements EpochCallback {

  private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{1,9})\\.safetensors");

  /**
   * The watched metric and the best value seen so far.
   *
   * @param monitor   which measurement of each epoch, and which way is better
   * @param bestSoFar the best value so far; none before the first
   */
  public record Best(Monitor monitor, Option<Double> bestSoFar) {

    /** Rejects nulls. */
    public Best {
      if (monitor == null || bestSoFar == null) {
        throw new IllegalArgumentException("Best needs a monitor and an option of the best value, got "
            + monitor + ", " + bestSoFar);
      }
    }

    /** {@code monitor}, with no value seen yet. */
    public static Best of(Monitor monitor) {
      return new Best(monitor, Option.none());
    }

    /**
     * Whether {@code value} is better than the best so far: strictly larger (or smaller, as the
     * monitor's goal says); the first non-NaN value always is; NaN never is.
     */
    public boolean improves(double value) {
      if (Double.isNaN(value)) {
        return false;
      }
      return bestSoFar.forAll(b -> monitor.goal() == EarlyStopping.Goal.MAX ? value > b : value < b);
    }

    /** The same metric with {@code value} as the best so far. */
    public Best at(double value) {
      return new Best(monitor, Option.of(value));
    }
  }

  /** Validates the settings. */
  public Checkpoints {
    if (directory == null || best == null) {
      throw new IllegalArgumentException("Checkpoints needs a directory and an option of a best metric, got "
          + directory + ", " + best);
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

  /** A checkpoint after every {@code epochs} epochs into {@code directory}, keeping them all. */
  public static Checkpoints every(Path directory, int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("every must be >= 1 epoch, got " + epochs);
    }
    return new Checkpoints(directory, epochs, Integer.MAX_VALUE, Option.none());
  }

  /** Only {@code best.safetensors}, rewritten whenever {@code monitor} improves. */
  public static Checkpoints bestOnly(Path directory, Monitor monitor) {
    return new Checkpoints(directory, 0, Integer.MAX_VALUE, Option.of(Best.of(monitor)));
  }

  /** The same callback keeping only the {@code k} newest {@code epoch-<n>} files. */
  public Checkpoints keepingLast(int k) {
    return new Checkpoints(directory, every, k, best);
  }

  /** The same callback also saving {@code best.safetensors} whenever {@code monitor} improves. */
  public Checkpoints withBest(Monitor monitor) {
    return new Checkpoints(directory, every, keep, Option.of(Best.of(monitor)));
  }

  /** The same callback with {@code value} as the watched metric's best so far (when resuming). */
  public Checkpoints withBestSoFar(double value) {
    Best b = best.getOrElseThrow(() -> new IllegalStateException("withBestSoFar needs a watched metric (withBest)"));
    return new Checkpoints(directory, every, keep, Option.of(b.at(value)));
  }

  /** The file of the checkpoint after {@code epoch}: {@code <directory>/epoch-0003.safetensors}. */
  public static Path epochFile(Path directory, int epoch) {
    return directory.resolve(String.format(Locale.ROOT, "epoch-%04d.safetensors", epoch));
  }

  /** The file of the best checkpoint: {@code <directory>/best.safetensors}. */
  public static Path bestFile(Path directory) {
    return directory.resolve("best.safetensors");
  }

  /**
   * The {@code epoch-<n>} checkpoint with the largest n in {@code directory}; none if there is none
   * or the directory does not exist.
   *
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
   * value, when it improved).
   *
   * @throws UncheckedIOException  if a file cannot be written or the directory pruned
   * @throws IllegalArgumentException if the epoch's record lacks the watched metric
   */
  @Override
  public Decision afterEpoch(History history, TrainState state) {
    History.Epoch last = history.last().getOrElseThrow(() ->
        new IllegalStateException("Checkpoints is called after an epoch, but the history is empty"));
    int epoch = last.epoch();
    Checkpoint checkpoint = Checkpoint.of(state).withEpoch(epoch);
    Path file = directory;
    try {
      if (every > 0 && epoch % every == 0) {
        file = epochFile(directory, epoch);
        checkpoint.save(file);
        prune(epoch);
      }
      if (best.isDefined()) {
        Best b = best.get();
        double value = b.monitor().require(last);
        if (b.improves(value)) {
          file = bestFile(directory);
          checkpoint.withNote("monitor", b.monitor().name().toLowerCase(Locale.ROOT))
              .withNote("monitor_value", Double.toString(value)).save(file);
          return Decision.proceed(new Checkpoints(directory, every, keep, Option.of(b.at(value))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the checkpoint of epoch " + epoch + " to " + file + ": "
          + e.getMessage(), e);
    }
    return Decision.proceed();
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
