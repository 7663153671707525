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
import purenet.layer.Identity;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.loss.MultiTaskLoss;
import purenet.loss.Task;
import purenet.net.Heads;
import purenet.net.Sequential;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.SoftSharing;
import purenet.tensor.Tensor;
import purenet.train.Evaluation;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.TaskEarlyStopping;
import purenet.train.TaskEvaluate;
import purenet.train.TrainStep;
import purenet.tree.Selector;

/**
 * Multi-task learning (Maier et al., FAU Deep Learning lecture "Regularization", 2023) on MNIST: a digit
 * classifier helped (or not) by an auxiliary task, with hard parameter sharing, soft parameter sharing
 * and task-based early stopping, against a network per task.
 *
 * <p>The tasks, on the same images: <b>digit</b>, the class 0–9 (softmax cross-entropy, weight 1),
 * and <b>big</b>, whether the digit is ≥ 5 (binary cross-entropy, weight w, the auxiliary task).
 * The methods, each trained with Adam from the same initial weights on the same batches:
 * <ul>
 *   <li><b>digit only</b>, <b>big only</b>: one network per task, trunk Dense(784 → 64), ReLU and
 *       one head (the joint model with the other task's weight 0: that head gets zero gradients
 *       and never moves, so this is exactly a single-task network). The digit network's "big"
 *       accuracy is read off its predicted digit.</li>
 *   <li><b>hard sharing</b>: one trunk, both heads, L = L_digit + w·L_big:
 * <pre>
 *   trunk  Dense(784 → 64), ReLU                        shared
 *   heads  "digit": Dense(64 → 10)   "big": Dense(64 → 1)
 *   output (B, 11) = [digit logits | big logit]
 * </pre>
 *       a {@link Heads}; {@link MultiTaskLoss} splits its output by the head widths.</li>
 *   <li><b>hard + aux stopped</b>: hard sharing whose auxiliary task is stopped by task-based
 *       early stopping ({@link TaskEarlyStopping} on big's validation loss, patience 2); the
 *       remaining epochs train the digit alone (big's weight set to 0).</li>
 *   <li><b>soft sharing</b>: a tower per task (each its own Dense(784 → 64), ReLU and head), the
 *       first layers tied by {@link SoftSharing}: λ/2·‖θ_digit − θ_big‖² joins the loss.</li>
 * </ul>
 * Every method runs for {@code seeds} seeds (initial weights and batch order); the table shows the
 * mean test accuracy per task and its spread (standard deviation over the seeds), measured by
 * {@link TaskEvaluate} on all 10,000 test images.
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
   * @param trainSize      training images (the first ones)
   * @param validationSize held-out images after those, for task-based early stopping
   * @param epochs         passes over the training images
   * @param batchSize      examples per Adam step
   * @param learningRate   Adam's η
   * @param auxWeight      w, the weight of the auxiliary task's loss
   * @param lambda         λ of soft sharing
   * @param seeds          how many seeds each method runs with
   * @param seed           the first seed
   */
  public record Settings(int trainSize, int validationSize, int epochs, int batchSize, double learningRate,
      double auxWeight, double lambda, int seeds, long seed) {

    /** Validates the settings. */
    public Settings {
      if (trainSize < 1 || validationSize < 1 || epochs < 1 || batchSize < 1 || seeds < 1) {
        throw new IllegalArgumentException("sizes, epochs, batch size and seeds must be >= 1, got " + trainSize
            + ", " + validationSize + ", " + epochs + ", " + batchSize + ", " + seeds);
      }
      if (!(learningRate > 0) || !(auxWeight >= 0) || !(lambda >= 0)) {
        throw new IllegalArgumentException("need a learning rate > 0, an auxiliary weight >= 0 and λ >= 0, got "
            + learningRate + ", " + auxWeight + " and " + lambda);
      }
    }

    /**
     * 2,000 training and 1,000 validation images, 30 epochs of batch 32 (long enough for the
     * auxiliary task to stop improving), Adam η = 1e-3, auxiliary weight 0.3, λ = 0.1, 3 seeds.
     */
    public static Settings standard() {
      return new Settings(2000, 1000, 30, 32, 1e-3, 0.3, 0.1, 3, 42);
    }
  }

  /**
   * One method's test accuracies, one per seed.
   *
   * @param method what was trained
   * @param digit  digit accuracies; empty if the method does not predict the digit
   * @param big    "digit ≥ 5" accuracies
   */
  public record Row(String method, Vector<Double> digit, Vector<Double> big) {

    /** The mean digit accuracy, if the method predicts the digit. */
    public Option<Double> meanDigit() {
      return digit.isEmpty() ? Option.none() : Option.of(mean(digit));
    }

    /** The mean "big" accuracy. */
    public double meanBig() {
      return mean(big);
    }

    private Row plus(Option<Double> d, double b) {
      return new Row(method, d.map(digit::append).getOrElse(digit), big.append(b));
    }
  }

  /** Names of the rows. */
  public static final String DIGIT_ONLY = "digit only";
  /** Names of the rows. */
  public static final String BIG_ONLY = "big only";
  /** Names of the rows. */
  public static final String HARD = "hard sharing";
  /** Names of the rows. */
  public static final String AUX_STOPPED = "hard + aux stopped";
  /** Names of the rows. */
  public static final String SOFT = "soft sharing";

  /** The tasks: digit (10 classes, weight 1) and big (binary, weight {@code auxWeight}). */
  public static MultiTaskLoss loss(double auxWeight) {
    return MultiTaskLoss.of(Task.classes("digit", 10, 1.0), Task.binary("big", auxWeight));
  }

  /** A trunk Dense(784 → 64), ReLU, He-initialised. */
  public static Sequential trunk(Key key) {
    return Sequential.of(Dense.of(28 * 28, HIDDEN, He.normal(), key), new Relu());
  }

  /** Trunk and both heads; {@code key} fixes the initial weights (the same for every model). */
  public static Heads model(Key key) {
    Key[] k = key.split(3);
    return Heads.of(trunk(k[0]), "digit", Dense.of(HIDDEN, 10, k[1])).and("big", Dense.of(HIDDEN, 1, k[2]));
  }

  /**
   * A tower per task on the raw input: "digit" = Dense(784 → 64), ReLU, Dense(64 → 10) and "big"
   * = Dense(784 → 64), ReLU, Dense(64 → 1), both first layers starting from the shared model's
   * trunk (so the towers start equal, as hard sharing would hold them).
   */
  public static Heads towers(Key key) {
    Heads shared = model(key);
    Sequential trunk = (Sequential) shared.trunk();
    return Heads.of(new Identity(), "digit", trunk.then(shared.heads().get("digit").get()))
        .and("big", trunk.then(shared.heads().get("big").get()));
  }

  /** Soft sharing: λ/2·‖θ − θ'‖² over every leaf of the two towers' first layers. */
  public static SoftSharing sharing(double lambda) {
    return new SoftSharing("digit/0", "big/0", lambda, Selector.all());
  }

  /** The images (n, 784) with the joint labels (n, 11): one-hot digit, then digit ≥ 5. */
  public static Dataset joint(Dataset flat, MultiTaskLoss loss) {
    Tensor digits = flat.labels();
    return new Dataset(flat.features(), loss.targets(digits, digits.map(v -> v >= 5 ? 1 : 0)));
  }

  /** Trains every method of the class comment for every seed and prints the table. */
  public static Vector<Row> run(Mnist data, Settings settings, PrintStream out) {
    Mnist flat = data.flat();
    MultiTaskLoss both = loss(settings.auxWeight());
    int n = Math.min(settings.trainSize(), flat.train().size() - 1);
    Dataset train = joint(flat.train().take(n), both);
    Dataset validation = joint(flat.train().slice(n, Math.min(flat.train().size(), n + settings.validationSize())), both);
    Dataset test = joint(flat.test(), both);
    out.printf(Locale.ROOT, "training on %d images (validation %d), testing on %d; auxiliary weight %s, λ = %s, "
        + "%d seeds%n", train.size(), validation.size(), test.size(), settings.auxWeight(), settings.lambda(),
        settings.seeds());
    Vector<Row> rows = Vector.of(DIGIT_ONLY, BIG_ONLY, HARD, AUX_STOPPED, SOFT)
        .map(m -> new Row(m, Vector.empty(), Vector.empty()));
    for (int s = 0; s < settings.seeds(); s++) {
      Key key = Key.of(settings.seed() + s);
      Heads model = model(key.foldIn(0));
      Layer digitOnly = fit(TrainStep.of(both.withWeight("big", 0), adam(settings)), model, train, settings,
          key).state().model();
      Layer bigOnly = fit(TrainStep.of(both.withWeight("digit", 0), adam(settings)), model, train, settings,
          key).state().model();
      Layer hard = fit(TrainStep.of(both, adam(settings)), model, train, settings, key).state().model();
      out.printf(Locale.ROOT, "  seed %d: ", settings.seed() + s);
      Layer stopped = auxStopped(model, both, train, validation, settings, key, out);
      Layer soft = fit(new TrainStep(both, adam(settings), sharing(settings.lambda())), towers(key.foldIn(0)), train,
          settings, key).state().model();
      Vector<Layer> trained = Vector.of(digitOnly, bigOnly, hard, stopped, soft);
      rows = rows.zip(trained).map(p -> measure(p._1, p._2, both, test));
    }
    out.print(table(rows));
    return rows;
  }

  private static GradientTransform adam(Settings settings) {
    return Optimizers.adam(settings.learningRate());
  }

  private static FitResult fit(TrainStep step, Layer model, Dataset train, Settings settings, Key key) {
    return Fit.run(step, step.init(model, key.foldIn(1)), train,
        FitConfig.of(settings.epochs(), settings.batchSize(), key.foldIn(2)).silent());
  }

  /**
   * Task-based early stopping of the auxiliary task: hard sharing until big's validation loss has
   * not improved for 2 epochs, then the rest of the epochs on the digit alone, from that state.
   */
  private static Layer auxStopped(Heads model, MultiTaskLoss both, Dataset train, Dataset validation,
      Settings settings, Key key, PrintStream out) {
    TrainStep step = TrainStep.of(both, adam(settings));
    FitConfig config = FitConfig.of(settings.epochs(), settings.batchSize(), key.foldIn(2)).silent();
    FitResult first = TaskEarlyStopping.onLoss(TaskEvaluate.of(both), validation, "big", 2).keepingLast()
        .fit(step, step.init(model, key.foldIn(1)), train, config);
    int done = first.history().size();
    out.println("big after epoch " + done + ": " + first.stopReason().getOrElse("ran every epoch"));
    if (done >= settings.epochs()) {
      return first.state().model();
    }
    TrainStep alone = TrainStep.of(both.withWeight("big", 0), adam(settings));
    // Fit numbers the remaining epochs from 1 again: a key of their own keeps their orders new.
    FitConfig rest = FitConfig.of(settings.epochs() - done, settings.batchSize(), key.foldIn(3)).silent();
    return Fit.run(alone, first.state(), train, rest).state().model();
  }

  private static Row measure(Row row, Layer trained, MultiTaskLoss loss, Dataset test) {
    LinkedHashMap<String, Evaluation> e = TaskEvaluate.of(loss).apply(trained, test);
    double digit = e.get("digit").get().accuracy().get();
    double big = e.get("big").get().accuracy().get();
    return switch (row.method()) {
      case DIGIT_ONLY -> row.plus(Option.of(digit), bigFromDigits(trained, loss, test));
      case BIG_ONLY -> row.plus(Option.none(), big);
      default -> row.plus(Option.of(digit), big);
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

  /** The rows as a table: mean accuracy ± standard deviation over the seeds. */
  public static String table(Vector<Row> rows) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-20s %18s %18s%n", "method", "digit acc",
        "big acc"));
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%-20s %18s %18s%n", r.method(),
          r.digit().isEmpty() ? "-" : cell(r.digit()), cell(r.big())));
    }
    return s.toString();
  }

  private static String cell(Vector<Double> values) {
    return String.format(Locale.ROOT, "%.4f ± %.4f", mean(values), spread(values));
  }

  private static double mean(Vector<Double> values) {
    return values.sum().doubleValue() / values.size();
  }

  /** The sample standard deviation; 0 for one value. */
  private static double spread(Vector<Double> values) {
    if (values.size() < 2) {
      return 0;
    }
    double m = mean(values);
    return Math.sqrt(values.map(v -> (v - m) * (v - m)).sum().doubleValue() / (values.size() - 1));
  }

  /**
   * Runs on MNIST, or on generated digits when MNIST is absent. Optional arguments: epochs, λ,
   * auxiliary weight and seeds, e.g. {@code -Dexample.args="25 0.1 0.5 2"}.
   */
  public static void main(String[] args) {
    Settings d = Settings.standard();
    Settings settings = new Settings(d.trainSize(), d.validationSize(),
        args.length > 0 ? Integer.parseInt(args[0]) : d.epochs(), d.batchSize(), d.learningRate(),
        args.length > 2 ? Double.parseDouble(args[2]) : d.auxWeight(),
        args.length > 1 ? Double.parseDouble(args[1]) : d.lambda(),
        args.length > 3 ? Integer.parseInt(args[3]) : d.seeds(), d.seed());
    Mnist data = Mnist.loadOrSynthetic(6000, 2000, Key.of(7), System.out::println);
    long start = System.nanoTime();
    run(data, settings, System.out);
    System.out.printf(Locale.ROOT, "wall_time=%.1fs%n", (System.nanoTime() - start) / 1e9);
  }
}
