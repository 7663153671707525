package purenet.examples;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.util.Locale;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.loss.MultiTaskLoss;
import purenet.loss.Task;
import purenet.net.Heads;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.train.Evaluation;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.TaskEvaluate;
import purenet.train.TrainStep;

/**
 * Multi-task learning with hard parameter sharing (seed 003): one trunk, two heads, trained on a
 * weighted sum of the tasks' losses, against a network per task.
 *
 * <p>The tasks, on the same MNIST images: <b>digit</b>, the class 0–9 (softmax cross-entropy), and
 * <b>big</b>, whether the digit is ≥ 5 (binary cross-entropy), an auxiliary task. The model
 * <pre>
 *   trunk  Dense(784 → 64), ReLU                        shared
 *   heads  "digit": Dense(64 → 10)   "big": Dense(64 → 1)
 *   output (B, 11) = [digit logits | big logit];  L = 1·L_digit + w·L_big
 * </pre>
 * is a {@link Heads}; {@link MultiTaskLoss} splits its output by the head widths, and
 * {@link TaskEvaluate} reports each task's test accuracy. The single-task networks are the same
 * trunk with one head, trained on that task alone; the digit network's "big" accuracy is read off
 * its predicted digit. All runs start from the same initial weights and see the same batches.
 *
 * <p>Run it with {@code mvn -q test-compile exec:exec -Dexample=MultiTask}. When {@code data/mnist}
 * has not been fetched it says so and uses {@link SyntheticDigits}, which is not MNIST.
 */
public final class MultiTask {
  private MultiTask() {}

  /** The width of the shared trunk's output. */
  public static final int HIDDEN = 64;

  /**
   * How to train.
   *
   * @param trainSize    training images (the first ones)
   * @param epochs       passes over them
   * @param batchSize    examples per Adam step
   * @param learningRate Adam's η
   * @param auxWeight    w, the weight of the auxiliary task's loss
   * @param seed         seed of every key
   */
  public record Settings(int trainSize, int epochs, int batchSize, double learningRate, double auxWeight, long seed) {

    /** Validates the settings. */
    public Settings {
      if (trainSize < 1 || epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("train size, epochs and batch size must be >= 1, got " + trainSize + ", "
            + epochs + ", " + batchSize);
      }
      if (!(learningRate > 0) || !(auxWeight >= 0)) {
        throw new IllegalArgumentException("need a learning rate > 0 and an auxiliary weight >= 0, got "
            + learningRate + " and " + auxWeight);
      }
    }

    /** 2,000 training images, 15 epochs of batch 32, Adam η = 1e-3, auxiliary weight 0.3. */
    public static Settings standard() {
      return new Settings(2000, 15, 32, 1e-3, 0.3, 42);
    }
  }

  /**
   * One way of learning the tasks.
   *
   * @param method what was trained
   * @param digit  test accuracy on the digit, if the method predicts it
   * @param big    test accuracy on "digit ≥ 5"
   */
  public record Row(String method, Option<Double> digit, double big) {}

  /** Names of the rows. */
  public static final String DIGIT_ONLY = "digit only";
  /** Names of the rows. */
  public static final String BIG_ONLY = "big only";
  /** Names of the rows. */
  public static final String HARD = "hard sharing";

  /** The tasks: digit (10 classes, weight 1) and big (binary, weight {@code auxWeight}). */
  public static MultiTaskLoss loss(double auxWeight) {
    return MultiTaskLoss.of(Task.classes("digit", 10, 1.0), Task.binary("big", auxWeight));
  }

  /** The shared trunk, He-initialised. */
  public static Sequential trunk(Key key) {
    return Sequential.of(Dense.of(28 * 28, HIDDEN, He.normal(), key), new Relu());
  }

  /** Trunk and both heads; {@code key} fixes the initial weights (the same for every model). */
  public static Heads model(Key key) {
    Key[] k = key.split(3);
    return Heads.of(trunk(k[0]), "digit", Dense.of(HIDDEN, 10, k[1])).and("big", Dense.of(HIDDEN, 1, k[2]));
  }

  /** The images (n, 784) with the joint labels (n, 11): one-hot digit, then digit ≥ 5. */
  public static Dataset joint(Dataset flat, MultiTaskLoss loss) {
    Tensor digits = flat.labels();
    return new Dataset(flat.features(), loss.targets(digits, digits.map(v -> v >= 5 ? 1 : 0)));
  }

  /** Trains the three models of the class comment and prints their per-task test accuracies. */
  public static Vector<Row> run(Mnist data, Settings settings, PrintStream out) {
    Key key = Key.of(settings.seed());
    Mnist flat = data.flat();
    MultiTaskLoss both = loss(settings.auxWeight());
    Dataset train = joint(flat.train().take(Math.min(settings.trainSize(), flat.train().size())), both);
    Dataset test = joint(flat.test(), both);
    out.printf(Locale.ROOT, "training on %d images, testing on %d; auxiliary weight %.2f%n", train.size(), test.size(),
        settings.auxWeight());
    Heads model = model(key.foldIn(0));
    Vector<Row> rows = Vector.of(
        row(DIGIT_ONLY, train(model, both.withWeight("big", 0), train, settings, key), both, test),
        row(BIG_ONLY, train(model, both.withWeight("digit", 0), train, settings, key), both, test),
        row(HARD, train(model, both, train, settings, key), both, test));
    out.print(table(rows));
    return rows;
  }

  /**
   * Trains {@code model} on {@code loss}. A single-task network is the joint model with the other
   * task's weight 0: that head gets zero gradients and Adam never moves it, so the trunk and the
   * remaining head train exactly as a network with one head would.
   */
  private static Layer train(Heads model, MultiTaskLoss loss, Dataset train, Settings settings, Key key) {
    TrainStep step = TrainStep.of(loss, Optimizers.adam(settings.learningRate()));
    FitResult fit = Fit.run(step, step.init(model, key.foldIn(1)), train,
        FitConfig.of(settings.epochs(), settings.batchSize(), key.foldIn(2)).silent());
    return fit.state().model();
  }

  private static Row row(String method, Layer trained, MultiTaskLoss loss, Dataset test) {
    LinkedHashMap<String, Evaluation> e = TaskEvaluate.of(loss).apply(trained, test);
    double digit = e.get("digit").get().accuracy().get();
    double big = e.get("big").get().accuracy().get();
    return switch (method) {
      case DIGIT_ONLY -> new Row(method, Option.of(digit), bigFromDigits(trained, loss, test));
      case BIG_ONLY -> new Row(method, Option.none(), big);
      default -> new Row(method, Option.of(digit), big);
    };
  }

  /** The accuracy of "predicted digit ≥ 5" against the big labels. */
  private static double bigFromDigits(Layer trained, MultiTaskLoss loss, Dataset test) {
    Tensor out = trained.apply(test.features());
    Tensor predicted = loss.prediction("digit", out).argmax(1);
    Tensor truth = loss.target("big", test.labels());
    int right = 0;
    for (int i = 0; i < predicted.size(); i++) {
      if ((predicted.at(i) >= 5) == (truth.at(i) >= 0.5)) {
        right++;
      }
    }
    return (double) right / predicted.size();
  }

  /** The rows as a table. */
  public static String table(Vector<Row> rows) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-22s %10s %10s%n", "method", "digit acc", "big acc"));
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%-22s %10s %10.4f%n", r.method(),
          r.digit().map(d -> String.format(Locale.ROOT, "%.4f", d)).getOrElse("-"), r.big()));
    }
    return s.toString();
  }

  /** Runs on MNIST, or on generated digits when MNIST is absent. */
  public static void main(String[] args) {
    Mnist data = Mnist.load().getOrElse(() -> {
      System.out.println("MNIST not found in " + Mnist.defaultDir()
          + " (run scripts/fetch-data.sh): using generated digits instead, which are NOT MNIST");
      return SyntheticDigits.standard().mnist(Key.of(7), 6000, 2000);
    });
    long start = System.nanoTime();
    run(data, Settings.standard(), System.out);
    System.out.printf(Locale.ROOT, "wall_time=%.1fs%n", (System.nanoTime() - start) / 1e9);
  }
}
