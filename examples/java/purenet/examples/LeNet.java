package purenet.examples;

import java.io.PrintStream;
import java.time.Duration;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.init.Glorot;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Relu;
import purenet.layer.conv.Conv2d;
import purenet.layer.conv.MaxPool2d;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.net.Summary;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.train.Evaluate;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.History;
import purenet.train.Progress;
import purenet.train.TrainStep;

/**
 * LeNet-5 (LeCun et al., 1998) as modified in the FAU Deep Learning exercise "Regularization"
 * (Breininger et al. 2024), trained with SGD on MNIST.
 *
 * <p>The modifications: 28×28 input; "same" convolutions, so C3's maps (and C5's input) are larger
 * than the original's; ReLU instead of tanh; max pooling; softmax with cross-entropy instead of RBF
 * units. Layers, with shapes for a batch of B:
 * <pre>
 *   C1 Conv2d.same(1 → 6, 5×5), ReLU    (B, 1, 28, 28) → (B, 6, 28, 28)
 *   S2 MaxPool2d 2×2                     → (B, 6, 14, 14)
 *   C3 Conv2d.same(6 → 16, 5×5), ReLU   → (B, 16, 14, 14)
 *   S4 MaxPool2d 2×2                     → (B, 16, 7, 7)
 *   C5 Flatten, Dense(784 → 120), ReLU   → (B, 120)
 *   F6 Dense(120 → 84), ReLU             → (B, 84)
 *   output Dense(84 → 10)                → (B, 10) logits; the softmax is fused into the loss
 * </pre>
 *
 * <p>Run it with {@code bash scripts/fetch-data.sh && mvn -q test-compile exec:exec -Dexample=LeNet}.
 * It prints the network, a progress line per epoch and ends with {@code test_accuracy=0.9xxx} on the
 * 10k test images. When {@code data/mnist} has not been fetched it says so and trains on
 * {@link SyntheticDigits} instead, which is not MNIST.
 */
public final class LeNet {
  private LeNet() {}

  /**
   * How to train.
   *
   * @param epochs       passes over the training set
   * @param batchSize    examples per SGD step
   * @param learningRate SGD's η
   * @param trainSize    how many training examples to use (the first ones), or 0 for all
   * @param seed         seed of every key: initialization, shuffling
   */
  public record Settings(int epochs, int batchSize, double learningRate, int trainSize, long seed) {
    /** Validates the settings. */
    public Settings {
      if (epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("epochs and batch size must be >= 1, got " + epochs + " and " + batchSize);
      }
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
      }
      if (trainSize < 0) {
        throw new IllegalArgumentException("train size must be >= 0 (0: all), got " + trainSize);
      }
    }

    /** Two epochs over all training examples, batch 64, η = 0.05. */
    public static Settings standard() {
      return new Settings(2, 64, 0.05, 0, 42);
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

  /** The network of the class comment, He-initialised before ReLUs; outputs logits. */
  public static Sequential model(Key key) {
    Key[] k = key.split(5);
    return Sequential.of(
        Conv2d.same(1, 6, 5, k[0]), new Relu(), MaxPool2d.of(2),
        Conv2d.same(6, 16, 5, k[1]), new Relu(), MaxPool2d.of(2),
        new Flatten(),
        Dense.of(16 * 7 * 7, 120, He.normal(), k[2]), new Relu(),
        Dense.of(120, 84, He.normal(), k[3]), new Relu(),
        Dense.of(84, 10, Glorot.uniform(), k[4]));
  }

  /** Trains on {@code data.train()}, validates on {@code data.test()} each epoch, and tests. */
  public static Result run(Mnist data, Settings settings, PrintStream out) {
    long start = System.nanoTime();
    Mnist used = settings.trainSize() == 0 ? data : data.take(Math.min(settings.trainSize(), data.train().size()),
        data.test().size());
    Key key = Key.of(settings.seed());
    Sequential model = model(key.foldIn(0));
    out.println(Summary.of(model, Shape.of(settings.batchSize(), 1, 28, 28)).requireValid());
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(settings.learningRate()));
    FitConfig config = FitConfig.of(settings.epochs(), settings.batchSize(), key.foldIn(1))
        .withValidation(used.test())
        .withProgress(Progress.LIVE)
        .printingTo(out);
    FitResult fit = Fit.run(step, step.init(model, key.foldIn(2)), used.train(), config);
    double accuracy = Evaluate.of(SoftmaxCrossEntropy.mean()).apply(fit.state().model(), used.test()).accuracy().get();
    return new Result(fit.history(), accuracy, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Trains on MNIST, or on generated digits when MNIST is absent. Optional arguments: epochs and
   * the number of training examples (0: all), e.g. {@code -Dexample.args="1 10000"}.
   */
  public static void main(String[] args) {
    Settings standard = Settings.standard();
    Settings settings = new Settings(args.length > 0 ? Integer.parseInt(args[0]) : standard.epochs(),
        standard.batchSize(), standard.learningRate(), args.length > 1 ? Integer.parseInt(args[1]) : standard.trainSize(),
        standard.seed());
    Mnist data = Mnist.loadOrSynthetic(6000, 1000, Key.of(7), System.out::println);
    System.out.printf("training on %d examples, testing on %d%n",
        settings.trainSize() == 0 ? data.train().size() : Math.min(settings.trainSize(), data.train().size()),
        data.test().size());
    Result result = run(data, settings, System.out);
    System.out.printf("wall_time=%.1fs%n", result.wallTime().toMillis() / 1000.0);
    System.out.printf("test_accuracy=%.4f%n", result.testAccuracy());
  }
}
