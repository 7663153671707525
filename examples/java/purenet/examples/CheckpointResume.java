package purenet.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.init.Glorot;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Relu;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.train.Checkpoint;
import purenet.train.Checkpoints;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * Checkpoints and resuming: an MLP trains on MNIST images for a few epochs with a checkpoint
 * after each; then, as if the process had been killed, a freshly built model (other initial
 * weights) loads the latest checkpoint and training continues for more epochs. Compared with the
 * same number of epochs without interruption, the result is equal bit for bit: parameters, Adam's
 * moments and step count, the step counter and key, and every recorded loss.
 *
 * <p>It works because everything that changes is in the checkpoint ({@link Checkpoint}: params,
 * layer state, optimizer state, step, key), each step's randomness is {@code key.foldIn(step)},
 * and epoch e is shuffled by {@code shuffleKey.foldIn(e)} however the run was split
 * ({@code FitConfig.withInitialEpoch}). The resumed run writes into the same folder because it says
 * so ({@code Checkpoints.resumingAfter}); a new run would refuse a folder holding another run's
 * checkpoints.
 *
 * <p>Network: 784 → {@code hidden} ReLU (He normal) → 10 (Glorot uniform), softmax cross-entropy,
 * Adam. Data: the first 2,000 MNIST training images, or {@link SyntheticDigits} (generated, not
 * MNIST) when MNIST has not been fetched, which the program says.
 *
 * <p>Run: {@code mvn -q test-compile exec:exec -Dexample=CheckpointResume -Dexample.args="2000 target/checkpoints"}
 * (training examples and the checkpoint folder, both optional). Without a folder the checkpoints go
 * to a new temporary folder that is deleted when the program ends; with one they are kept there.
 * Either way the program prints where they are.
 */
public final class CheckpointResume {
  private CheckpointResume() {}

  /**
   * How to train.
   *
   * @param hidden       hidden units, ≥ 1
   * @param firstEpochs  epochs before the interruption, ≥ 1
   * @param moreEpochs   epochs after resuming, ≥ 1
   * @param batchSize    examples per step, ≥ 1
   * @param learningRate Adam's learning rate
   * @param seed         the seed of every key: initial weights, steps, shuffles
   */
  public record Settings(int hidden, int firstEpochs, int moreEpochs, int batchSize, double learningRate, long seed) {

    /** Validates the counts. */
    public Settings {
      if (hidden < 1 || firstEpochs < 1 || moreEpochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("hidden units, epochs and batch size must be >= 1, got "
            + hidden + ", " + firstEpochs + ", " + moreEpochs + ", " + batchSize);
      }
    }

    /** 64 hidden units, 2 + 2 epochs of batch 32, Adam at 1e-3. */
    public static Settings standard() {
      return new Settings(64, 2, 2, 32, 1e-3, 42);
    }
  }

  /**
   * What happened.
   *
   * @param interrupted   the first run, stopped after {@code firstEpochs}
   * @param checkpoint    the checkpoint it resumed from
   * @param resumed       the run resumed from the checkpoint, epochs firstEpochs + 1 … total
   * @param uninterrupted all epochs in one run, for comparison
   * @param bitIdentical  whether the resumed run's final state and its epochs' records equal the
   *                      uninterrupted run's exactly
   */
  public record Result(FitResult interrupted, Path checkpoint, FitResult resumed, FitResult uninterrupted,
                       boolean bitIdentical) {}

  /** The network: 784 → hidden → 10, ReLU; outputs logits. */
  public static Sequential model(int hidden, Key key) {
    Key[] k = key.split(2);
    return Sequential.of(new Flatten(),
        Dense.of(784, hidden, He.normal(), k[0]), new Relu(),
        Dense.of(hidden, 10, Glorot.uniform(), k[1]));
  }

  /**
   * Trains, "crashes", resumes from the latest checkpoint in {@code directory} and compares.
   *
   * @throws IOException if a checkpoint cannot be written or read
   */
  public static Result run(Dataset train, Settings s, Path directory, PrintStream out) throws IOException {
    Key key = Key.of(s.seed());
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.adam(s.learningRate()));
    TrainState start = step.init(model(s.hidden(), key.foldIn(0)), key.foldIn(1));
    int total = s.firstEpochs() + s.moreEpochs();
    Key shuffles = key.foldIn(2);
    Checkpoints checkpoints = Checkpoints.every(directory, 1).keepingLast(2);

    out.printf("== %d epochs, a checkpoint after each in %s%n", s.firstEpochs(), directory.toAbsolutePath());
    FitResult interrupted = Fit.run(step, start, train,
        FitConfig.of(s.firstEpochs(), s.batchSize(), shuffles).printingTo(out).withCallbacks(checkpoints));

    Path latest = Checkpoints.latest(directory).getOrElseThrow(() ->
        new IllegalStateException("no checkpoint was written to " + directory));
    Checkpoint checkpoint = Checkpoint.load(latest);
    int done = checkpoint.epoch().getOrElseThrow(() -> new IllegalStateException(latest + " notes no epoch"));
    out.printf("== the process stops. A new one builds the model afresh, loads %s (epoch %d, step %d) and goes on%n",
        latest.getFileName(), done, checkpoint.step());
    TrainState restored = checkpoint.restore(model(s.hidden(), Key.of(s.seed() + 1)), step.optimizer());
    FitResult resumed = Fit.run(step, restored, train, FitConfig.of(total, s.batchSize(), shuffles)
        .withInitialEpoch(done).printingTo(out).withCallbacks(checkpoints.resumingAfter(done)));

    out.printf("== for comparison: %d epochs in one run%n", total);
    FitResult uninterrupted = Fit.run(step, start, train, FitConfig.of(total, s.batchSize(), shuffles).printingTo(out));

    boolean identical = resumed.state().equals(uninterrupted.state())
        && resumed.history().epochs().equals(uninterrupted.history().epochs().drop(done));
    double largest = resumed.state().params().sub(uninterrupted.state().params()).leaves()
        .map(t -> t.abs().max()).max().getOrElse(0.0);
    out.printf("largest parameter difference: %s%n", largest);
    out.printf("resumed after epoch %d == %d uninterrupted epochs, bit for bit: %s%n", done, total, identical);
    return new Result(interrupted, latest, resumed, uninterrupted, identical);
  }

  /**
   * {@link #run} with the checkpoints in a new temporary folder, deleted with everything in it
   * before returning (also when training fails), so nothing is left in the temporary directory.
   *
   * @param train the training examples
   * @param s     how to train
   * @param out   where to print progress
   * @return what happened; its {@code checkpoint} path no longer exists
   * @throws IOException if the folder cannot be created or deleted, or a checkpoint not written or read
   */
  public static Result runInTemporaryFolder(Dataset train, Settings s, PrintStream out) throws IOException {
    Path directory = Files.createTempDirectory("purenet-checkpoints");
    try {
      return run(train, s, directory, out);
    } finally {
      deleteTree(directory);
      out.printf("deleted the temporary folder %s%n", directory);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * The first {@code n} MNIST training images, or {@code n} generated digits when MNIST is absent.
   *
   * @param n   how many training examples
   * @param out where to say which data it is
   * @return the training examples, (n, 1, 28, 28) images and (n) labels
   */
  public static Dataset trainingData(int n, PrintStream out) {
    return Mnist.load().fold(problem -> {
      out.printf("MNIST not loaded (%s)%ntraining on %d generated digits (SyntheticDigits, NOT MNIST)%n",
          problem.getMessage(), n);
      return SyntheticDigits.standard().generate(Key.of(7), n);
    }, mnist -> {
      Dataset train = mnist.train().take(Math.min(n, mnist.train().size()));
      out.printf("training on the first %d MNIST training images%n", train.size());
      return train;
    });
  }

  /**
   * Trains on 2,000 MNIST images (or as many as the first argument says) with the checkpoints in
   * the folder the second argument names, or in a temporary folder deleted at the end.
   */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Dataset train = trainingData(n, System.out);
    Result result;
    if (args.length > 1) {
      Path directory = Path.of(args[1]).toAbsolutePath();
      result = run(train, Settings.standard(), directory, System.out);
      System.out.printf("checkpoints kept in %s%n", directory);
    } else {
      result = runInTemporaryFolder(train, Settings.standard(), System.out);
    }
    if (!result.bitIdentical()) {
      System.exit(1);
    }
  }
}
