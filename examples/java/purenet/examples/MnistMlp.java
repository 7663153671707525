package purenet.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Relu;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.train.Evaluate;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.History;
import purenet.train.Plots;
import purenet.train.Progress;
import purenet.train.TrainStep;

/**
 * The flagship example: a 784-256-128-10 ReLU network trained with plain SGD on MNIST.
 *
 * <p>Run it with {@code bash scripts/fetch-data.sh && mvn -q test-compile exec:exec}. It prints a
 * progress line per epoch and ends with {@code test_accuracy=0.9xxx} on the 10k test images. When
 * {@code data/mnist} has not been fetched it says so and trains on {@link SyntheticDigits} instead,
 * which is not MNIST. It writes the learning curves, loss and accuracy per epoch on the training
 * and test sets, to {@code target/mnist-mlp/loss.png} and {@code accuracy.png} (or into the folder
 * given as the first argument, {@code -Dexample.args=DIR}) and prints where.
 */
public final class MnistMlp {
  private MnistMlp() {}

  /**
   * How to train.
   *
   * @param epochs       passes over the training set
   * @param batchSize    examples per SGD step
   * @param learningRate SGD's η
   * @param seed         seed of every key: initialization, shuffling
   */
  public record Settings(int epochs, int batchSize, double learningRate, long seed) {
    /** Five epochs of batch 64 at η = 0.1. */
    public static Settings standard() {
      return new Settings(5, 64, 0.1, 42);
    }
  }

  /**
   * What training gave.
   *
   * @param history      per-epoch training and validation metrics
   * @param testAccuracy accuracy on the test set
   * @param wallTime     time spent training and testing
   */
  public record Result(History history, double testAccuracy, Duration wallTime) {}

  /** The network: 784 → 256 → 128 → 10 with ReLU, He-initialised; outputs logits. */
  public static Sequential model(Key key) {
    Key[] k = key.split(3);
    return Sequential.of(
        new Flatten(),
        Dense.of(784, 256, He.normal(), k[0]), new Relu(),
        Dense.of(256, 128, He.normal(), k[1]), new Relu(),
        Dense.of(128, 10, He.normal(), k[2]));
  }

  /** Trains on {@code data.train()}, validates on {@code data.test()} each epoch, and tests. */
  public static Result run(Mnist data, Settings settings, PrintStream out) {
    long start = System.nanoTime();
    Key key = Key.of(settings.seed());
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(settings.learningRate()));
    FitConfig config = FitConfig.of(settings.epochs(), settings.batchSize(), key.foldIn(1))
        .withValidation(data.test())
        .withProgress(Progress.LIVE)
        .printingTo(out);
    FitResult fit = Fit.run(step, step.init(model(key.foldIn(0)), key.foldIn(2)), data.train(), config);
    double accuracy = Evaluate.of(SoftmaxCrossEntropy.mean()).apply(fit.state().model(), data.test()).accuracy().get();
    return new Result(fit.history(), accuracy, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Writes the learning curves of a run: {@code loss.png} (training and validation loss per epoch)
   * and {@code accuracy.png} (the same for accuracy) in {@code dir}.
   *
   * @param history the run's per-epoch metrics
   * @param dir     the folder to write into, created if absent
   * @return the two files, absolute: loss first, then accuracy
   */
  public static List<Path> plot(History history, Path dir) {
    Path loss = dir.resolve("loss.png").toAbsolutePath();
    Path accuracy = dir.resolve("accuracy.png").toAbsolutePath();
    Plots.losses(loss, history);
    Plots.accuracies(accuracy, history);
    return List.of(loss, accuracy);
  }

  /** Trains on MNIST, or on generated digits when MNIST is absent, and plots the learning curves. */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/mnist-mlp");
    Settings settings = Settings.standard();
    Mnist data = Mnist.loadOrSynthetic(6000, 1000, Key.of(7), System.out::println);
    System.out.printf("training on %d examples, testing on %d%n", data.train().size(), data.test().size());
    Result result = run(data, settings, System.out);
    System.out.printf("wall_time=%.1fs%n", result.wallTime().toMillis() / 1000.0);
    System.out.printf("test_accuracy=%.4f%n", result.testAccuracy());
    List<Path> pngs = plot(result.history(), dir);
    System.out.printf("learning curves: %s and %s%n", pngs.get(0), pngs.get(1));
  }
}
