package purenet.examples;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.layer.noise.Dropout;
import purenet.layer.noise.GaussianNoise;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.optim.Schedule;
import purenet.random.Key;
import purenet.regularize.ElasticNet;
import purenet.regularize.L1;
import purenet.regularize.L2;
import purenet.regularize.MaxNorm;
import purenet.regularize.Penalized;
import purenet.regularize.Penalties;
import purenet.regularize.TreeConstraint;
import purenet.spark.Sweep;
import purenet.spark.SweepResult;
import purenet.train.EarlyStoppingCallback;
import purenet.train.Evaluate;
import purenet.train.Evaluation;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.History;
import purenet.train.Monitor;
import purenet.train.Plots;
import purenet.train.Progress;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.tree.Selector;

/**
 * The same over-parameterised network trained on a small slice of MNIST with each regularizer of
 * the library, several times from different seeds, to show the textbook effect: without
 * regularization the network memorises its training set (train accuracy 100 % ≫ test accuracy);
 * dropout (alone or with max-norm, Srivastava et al. 2014) and Gaussian noise on the inputs close
 * part of the gap in every seed; the weight penalties lower the test loss (less over-confident
 * predictions) but not the test error (see the table and why below).
 *
 * <p>Network: 784 → H → H → 10 with ReLU (H = 256 by default, ≈ 270k weights for 1,000 images),
 * He-normal weights, softmax cross-entropy (mean over the batch), plain SGD with batch 32 and a
 * cosine learning rate from 0.1 to 0 over the 60 epochs (at a constant 0.1 the validation accuracy
 * of the noisy variants swings by ±5 points from epoch to epoch, so the last epoch is a lottery).
 * Variants:
 * <ul>
 *   <li>{@code none}: no regularization;
 *   <li>{@code l2}: coupled L2, λ/2·Σw² on the weights (not biases), λ = 10⁻³;
 *   <li>{@code l1}: L1, λ·Σ|w|, λ = 10⁻⁴;
 *   <li>{@code elastic-net}: λ₁·Σ|w| + λ₂/2·Σw², λ₁ = 10⁻⁵, λ₂ = 10⁻³;
 *   <li>{@code dropout}: inverted dropout, drop 0.3 of the inputs and 0.5 after each hidden layer;
 *   <li>{@code max-norm}: every unit's incoming weight vector projected onto ‖w‖ ≤ 1.5 after each
 *       update;
 *   <li>{@code dropout+max-norm}: the dropout above with max-norm c = 2 (the combination of
 *       Srivastava et al. 2014, §5.1);
 *   <li>{@code gaussian-noise}: x + ε, ε ~ N(0, 0.5²) added to every input pixel while training
 *       (for a linear model this is L2 in expectation, Bishop 1995; for this network it is not);
 *   <li>{@code early-stopping}: stop when validation accuracy has not improved for 10 epochs and
 *       restore the best weights.
 * </ul>
 * Each variant is trained {@code repeats} times; repeat r draws its initial weights, shuffles and
 * noise from seed {@code seed + r}, the same for every variant, so runs of two variants with the
 * same r differ only by the regularizer. The table prints the means over the repeats, the standard
 * deviation of the test accuracy and, against {@code none}, the gain in test accuracy (points) and
 * in how many repeats the variant beat the baseline run of the same seed.
 *
 * <p>The strengths were chosen by mean validation accuracy (1,000 held-out training images, 3
 * seeds, constant lr 0.1) from small grids: L2 λ ∈ {10⁻⁴, 10⁻³, 5·10⁻³}, L1 λ ∈ {10⁻⁵, 10⁻⁴},
 * elastic net (λ₁, λ₂) = (10⁻⁵, 10⁻³), max-norm c ∈ {1.5, 3} (3 never binds: its runs equal
 * {@code none}), input noise σ ∈ {0.2, 0.3, 0.5, 0.7}, dropout (input, hidden) ∈ {(0.2, 0.5),
 * (0.3, 0.5)}, with dropout max-norm c ∈ {2, 3}. With the cosine schedule, stronger penalties were
 * checked too and do not help either (mean test accuracy against 0.9048 for {@code none} in that
 * sweep): L2 λ = 5·10⁻³ 0.9046, λ = 10⁻² 0.9025; L1 λ = 3·10⁻⁴ 0.9032; elastic net
 * (10⁻⁴, 5·10⁻³) 0.9041; max-norm c = 1 0.9009.
 *
 * <p>Measured on real MNIST (seed 1, 3 repeats; 1,000 train, 1,000 validation, the 10,000 test
 * images; 139 s on 2 cores):
 * <pre>
 * variant           train_acc test_acc     sd   gain  wins test_loss weight_norm epochs
 * none                 1.0000   0.9073 0.0012  +0.00   0/3     0.372       33.32   60.0
 * l2                   1.0000   0.9069 0.0011  -0.04   0/3     0.350       30.42   60.0
 * l1                   1.0000   0.9072 0.0012  -0.01   0/3     0.349       29.81   60.0
 * elastic-net          1.0000   0.9070 0.0010  -0.03   1/3     0.349       30.08   60.0
 * dropout              0.9947   0.9189 0.0015  +1.16   3/3     0.292       33.67   60.0
 * max-norm             1.0000   0.9064 0.0006  -0.09   1/3     0.351       33.01   60.0
 * dropout+max-norm     0.9947   0.9186 0.0011  +1.13   3/3     0.292       33.66   60.0
 * gaussian-noise       0.9947   0.9205 0.0011  +1.32   3/3     0.272       33.48   60.0
 * early-stopping       1.0000   0.9061 0.0013  -0.12   1/3     0.357       33.20   31.7
 * </pre>
 * The baseline memorises (train 1.0000, test 0.9073). Dropout, dropout+max-norm and input noise
 * gain 1.13 to 1.32 points, about ten times the seed-to-seed standard deviation, and win in every
 * seed. Every penalty and max-norm lowers the test loss (0.372 → 0.349–0.357) and the weight norm,
 * but moves the test accuracy by less than 0.1 point, which is noise.
 *
 * <p>Why the penalties do not lower the test error here: with cross-entropy on separable data,
 * gradient descent on an unregularized homogeneous (ReLU) network already converges in direction
 * towards a max-margin solution of minimal L2 norm (Soudry et al. 2018; Lyu &amp; Li 2020) — the
 * solution a small L2 penalty selects. The penalty then mostly rescales the logits: the weight
 * norm and the test loss drop, the decision boundaries and the accuracy barely move, and a larger
 * λ costs training accuracy before it helps. Dropout and input noise instead change what the
 * network has to fit (every step sees a perturbed image or a thinned network). Early stopping
 * cannot help when the validation accuracy only rises, as it does here with clean labels.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec -Dexample=RegularizationShowdown} after
 * {@code scripts/fetch-data.sh} (or with {@code -Djvm.args=-Dpurenet.data=DIR}); without MNIST it
 * says so and uses the synthetic digits. {@code -Dexample.args=--spark} trains the 27 runs as
 * Spark tasks ({@link #runOnSpark}; the same table).
 */
public final class RegularizationShowdown {
  private RegularizationShowdown() {}

  /**
   * The sizes and hyperparameters of a run.
   *
   * @param trainSize      training images
   * @param validationSize validation images (early stopping, learning curves)
   * @param hidden         units per hidden layer
   * @param epochs         epoch limit of every variant
   * @param batchSize      examples per step
   * @param learningRate   SGD step size
   * @param patience       early-stopping patience, in epochs
   * @param seed           the seed of the data split and of the first repeat
   * @param repeats        how many times each variant is trained (seeds {@code seed … seed+repeats-1})
   * @param progress       what {@link Fit} prints while training
   */
  public record Config(int trainSize, int validationSize, int hidden, int epochs, int batchSize,
      double learningRate, int patience, long seed, int repeats, Progress progress) implements Serializable {

    /** Rejects a run that would train nothing. */
    public Config {
      if (trainSize < 1 || validationSize < 1 || hidden < 1 || epochs < 1 || batchSize < 1 || repeats < 1) {
        throw new IllegalArgumentException("sizes, epochs and repeats must be ≥ 1, got " + trainSize + " train, "
            + validationSize + " validation, " + hidden + " hidden, " + epochs + " epochs, batch " + batchSize
            + ", " + repeats + " repeats");
      }
    }

    /** The full run: 1,000 training and 1,000 validation images, 784-256-256-10, SGD lr 0.1, 60 epochs, 3 repeats. */
    public static Config standard() {
      return new Config(1000, 1000, 256, 60, 32, 0.1, 10, 1, 3, Progress.NONE);
    }

    /** A seconds-long silent run for the smoke test. */
    public static Config smoke() {
      return new Config(60, 40, 16, 2, 20, 0.05, 1, 1, 2, Progress.NONE);
    }
  }

  /**
   * One training run of a variant from one seed.
   *
   * @param trainAccuracy accuracy on the training images, evaluation mode
   * @param testAccuracy  accuracy on the test images
   * @param testLoss      mean cross-entropy on the test images
   * @param weightNorm    √(Σ w²) over the weight matrices (biases excluded)
   * @param epochs        epochs trained
   * @param history       the per-epoch curves
   */
  public record Run(double trainAccuracy, double testAccuracy, double testLoss, double weightNorm, int epochs,
      History history) implements Serializable {}

  /**
   * A variant's runs, one per repeat in seed order.
   *
   * @param variant its name
   * @param runs    its runs; never empty
   */
  public record Row(String variant, Vector<Run> runs) {

    /** Requires at least one run. */
    public Row {
      if (runs.isEmpty()) {
        throw new IllegalArgumentException("variant " + variant + " has no runs");
      }
    }

    /** Mean train accuracy over the runs. */
    public double trainAccuracy() {
      return mean(Run::trainAccuracy);
    }

    /** Mean test accuracy over the runs. */
    public double testAccuracy() {
      return mean(Run::testAccuracy);
    }

    /** Sample standard deviation of the test accuracy over the runs (0 for a single run). */
    public double testAccuracySd() {
      return Seeds.of(runs, Run::testAccuracy).sd();
    }

    /** Mean test loss over the runs. */
    public double testLoss() {
      return mean(Run::testLoss);
    }

    /** Mean final weight norm over the runs. */
    public double weightNorm() {
      return mean(Run::weightNorm);
    }

    /** Mean number of epochs trained. */
    public double epochs() {
      return mean(Run::epochs);
    }

    /** In how many repeats this variant's test accuracy is above {@code baseline}'s run of the same seed. */
    public int wins(Row baseline) {
      return Seeds.of(runs, Run::testAccuracy).wins(Seeds.of(baseline.runs(), Run::testAccuracy));
    }

    private double mean(ToDoubleFunction<Run> f) {
      return Seeds.of(runs, f).mean();
    }
  }

  /**
   * A variant: how the step and the network differ from the unregularized baseline.
   *
   * @param name          its name in the table
   * @param penalties     the penalty added to the loss
   * @param constraint    the projection applied after every update, if any
   * @param inputNoise    standard deviation of the Gaussian noise added to the inputs (0: none)
   * @param inputDrop     dropout rate on the inputs (0: none)
   * @param hiddenDrop    dropout rate after each hidden layer (0: none)
   * @param earlyStopping whether to stop on validation accuracy and restore the best weights
   */
  public record Variant(String name, Penalties penalties, Option<TreeConstraint> constraint, double inputNoise,
      double inputDrop, double hiddenDrop, boolean earlyStopping) {

    /** The unregularized baseline under another name. */
    public static Variant plain(String name) {
      return new Variant(name, Penalties.none(), Option.none(), 0, 0, 0, false);
    }

    /** This variant with a penalty. */
    public Variant withPenalties(Penalties p) {
      return new Variant(name, p, constraint, inputNoise, inputDrop, hiddenDrop, earlyStopping);
    }

    /** This variant with a constraint. */
    public Variant withConstraint(TreeConstraint c) {
      return new Variant(name, penalties, Option.of(c), inputNoise, inputDrop, hiddenDrop, earlyStopping);
    }

    /** This variant with Gaussian noise of standard deviation {@code stddev} on the inputs. */
    public Variant withInputNoise(double stddev) {
      return new Variant(name, penalties, constraint, stddev, inputDrop, hiddenDrop, earlyStopping);
    }

    /** This variant with dropout on the inputs and after each hidden layer. */
    public Variant withDropout(double input, double hidden) {
      return new Variant(name, penalties, constraint, inputNoise, input, hidden, earlyStopping);
    }

    /** This variant with early stopping. */
    public Variant withEarlyStopping() {
      return new Variant(name, penalties, constraint, inputNoise, inputDrop, hiddenDrop, true);
    }
  }

  private static final double L2_LAMBDA = 1e-3;
  private static final double L1_LAMBDA = 1e-4;
  private static final double EN_L1 = 1e-5;
  private static final double EN_L2 = 1e-3;
  private static final double INPUT_DROP = 0.3;
  private static final double HIDDEN_DROP = 0.5;
  private static final double MAX_NORM = 1.5;
  private static final double DROPOUT_MAX_NORM = 2;
  private static final double INPUT_NOISE = 0.5;

  private static final Vector<Variant> VARIANTS = Vector.of(
      Variant.plain("none"),
      Variant.plain("l2").withPenalties(Penalized.weights(new L2(L2_LAMBDA))),
      Variant.plain("l1").withPenalties(Penalized.weights(new L1(L1_LAMBDA))),
      Variant.plain("elastic-net").withPenalties(Penalized.weights(new ElasticNet(EN_L1, EN_L2))),
      Variant.plain("dropout").withDropout(INPUT_DROP, HIDDEN_DROP),
      Variant.plain("max-norm").withConstraint(MaxNorm.of(MAX_NORM).onWeights()),
      Variant.plain("dropout+max-norm").withDropout(INPUT_DROP, HIDDEN_DROP)
          .withConstraint(MaxNorm.of(DROPOUT_MAX_NORM).onWeights()),
      Variant.plain("gaussian-noise").withInputNoise(INPUT_NOISE),
      Variant.plain("early-stopping").withEarlyStopping());

  /** The variants' names, in the order of the table; the first, {@code none}, is the baseline. */
  public static Vector<String> variants() {
    return VARIANTS.map(Variant::name);
  }

  /** The network of a variant, from the same key for every variant. */
  private static Layer network(int inputs, int hidden, Variant v, Key key) {
    Key[] k = key.split(3);
    Dense d0 = Dense.of(inputs, hidden, He.normal(), k[0]);
    Dense d1 = Dense.of(hidden, hidden, He.normal(), k[1]);
    Dense d2 = Dense.of(hidden, 10, He.normal(), k[2]);
    Vector<Layer> layers = Vector.empty();
    if (v.inputNoise() > 0) {
      layers = layers.append(new GaussianNoise(v.inputNoise()));
    }
    if (v.inputDrop() > 0) {
      layers = layers.append(Dropout.drop(v.inputDrop()));
    }
    layers = layers.append(d0).append(new Relu());
    if (v.hiddenDrop() > 0) {
      layers = layers.append(Dropout.drop(v.hiddenDrop()));
    }
    layers = layers.append(d1).append(new Relu());
    if (v.hiddenDrop() > 0) {
      layers = layers.append(Dropout.drop(v.hiddenDrop()));
    }
    return Sequential.of(layers.append(d2).toJavaArray(Layer[]::new));
  }

  /**
   * Trains every variant {@code config.repeats()} times on {@code train}, monitoring
   * {@code validation}, and measures it on {@code test}. Deterministic: the same inputs give the
   * same rows.
   */
  public static Vector<Row> run(Dataset train, Dataset validation, Dataset test, Config config) {
    return variants().map(v -> run(v, train, validation, test, config));
  }

  /** Trains and measures one variant by name (see {@link #variants()}). */
  public static Row run(String variant, Dataset train, Dataset validation, Dataset test, Config config) {
    return run(variant(variant), train, validation, test, config);
  }

  /**
   * Trains and measures any variant, once per repeat. The repeats are independent pure
   * computations, so they run in parallel and the row does not depend on the thread count.
   */
  public static Row run(Variant v, Dataset train, Dataset validation, Dataset test, Config config) {
    return new Row(v.name(), Vector.ofAll(IntStream.range(0, config.repeats()).parallel()
        .mapToObj(r -> run(v, train, validation, test, config, Key.of(config.seed() + r))).toList()));
  }

  /**
   * The same table with every (variant, repeat) training a Spark task ({@link Sweep}): the rows
   * equal those of {@link #run(Dataset, Dataset, Dataset, Config)} bit for bit, since every task
   * is the same pure training from the same seed. The three data sets travel once per executor
   * (a broadcast), not once per task.
   */
  public static Vector<Row> runOnSpark(JavaSparkContext context, Dataset train, Dataset validation, Dataset test,
      Config config) {
    Broadcast<Dataset[]> data = context.broadcast(new Dataset[] {train, validation, test});
    Vector<Long> seeds = Vector.range(0, config.repeats()).map(r -> config.seed() + r);
    Vector<SweepResult<String, Run>> table = Sweep.run(context, variants(), seeds, (variant, seed) -> {
      Dataset[] d = data.value();
      return run(variant(variant), d[0], d[1], d[2], config, Key.of(seed));
    });
    data.destroy();
    return variants().map(v -> new Row(v, table.filter(r -> r.configuration().equals(v)).map(SweepResult::result)));
  }

  private static Variant variant(String name) {
    return VARIANTS.find(x -> x.name().equals(name)).getOrElseThrow(() -> new IllegalArgumentException(
        "no variant '" + name + "'; variants are " + variants().mkString(", ")));
  }

  private static Run run(Variant v, Dataset train, Dataset validation, Dataset test, Config config, Key key) {
    int inputs = train.features().dim(1);
    SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.mean();
    FitConfig fit = FitConfig.of(config.epochs(), config.batchSize(), key.foldIn(1)).withValidation(validation)
        .withProgress(config.progress());
    long steps = (long) config.epochs() * ((train.size() + config.batchSize() - 1) / config.batchSize());
    TrainStep step = new TrainStep(loss, Optimizers.sgd(Schedule.cosine(config.learningRate(), steps)), v.penalties());
    if (v.constraint().isDefined()) {
      step = step.withConstraints(v.constraint().get());
    }
    TrainState start = step.init(network(inputs, config.hidden(), v, key.foldIn(2)), key.foldIn(3));
    FitResult result = v.earlyStopping()
        ? EarlyStoppingCallback.of(Monitor.VALIDATION_ACCURACY, config.patience()).fit(step, start, train, fit)
        : Fit.run(step, start, train, fit);
    Layer model = result.state().model();
    Evaluate evaluate = Evaluate.of(loss);
    Evaluation onTest = evaluate.apply(model, test);
    return new Run(evaluate.apply(model, train).accuracy().get(), onTest.accuracy().get(), onTest.loss(),
        model.params().filter(Selector.weights()).globalNorm(), result.history().size(), result.history());
  }

  /**
   * The table: one line per variant with the means over its runs, the standard deviation of its
   * test accuracy and, against the first row (the baseline), the gain in test accuracy in points
   * and the repeats it won.
   */
  public static Vector<String> table(Vector<Row> rows) {
    Row baseline = rows.head();
    return Vector.of(String.format(Locale.ROOT, "%-17s %9s %8s %6s %6s %5s %9s %11s %6s", "variant", "train_acc",
            "test_acc", "sd", "gain", "wins", "test_loss", "weight_norm", "epochs"))
        .appendAll(rows.map(r -> String.format(Locale.ROOT, "%-17s %9.4f %8.4f %6.4f %+6.2f %5s %9.3f %11.2f %6.1f",
            r.variant(), r.trainAccuracy(), r.testAccuracy(), r.testAccuracySd(),
            100 * (r.testAccuracy() - baseline.testAccuracy()), r.wins(baseline) + "/" + r.runs().size(),
            r.testLoss(), r.weightNorm(), r.epochs())));
  }

  /**
   * Writes {@code <variant>.png} (train vs validation loss of the first repeat) per variant and one
   * chart of every variant's validation curve.
   */
  public static void plot(Vector<Row> rows, Path dir) {
    Map<String, double[]> validation = new LinkedHashMap<>();
    for (Row r : rows) {
      History history = r.runs().head().history();
      Plots.lines(dir.resolve(r.variant() + ".png"), r.variant() + ": learning curves", "epoch", "loss",
          history.lossCurves());
      validation.put(r.variant(), history.validationLoss());
    }
    Plots.lines(dir.resolve("validation-loss.png"), "validation loss per variant", "epoch", "loss", validation);
  }

  /**
   * Loads MNIST (or the synthetic stand-in), runs every variant, prints the table and writes the
   * plots to {@code target/showdown} (or the folder given as an argument). With {@code --spark}
   * every (variant, repeat) trains as a Spark task ({@code local[*]}, or the master spark-submit
   * gives) and the table is the same.
   */
  public static void main(String[] args) {
    boolean spark = Arrays.asList(args).contains("--spark");
    String[] rest = Arrays.stream(args).filter(a -> !a.equals("--spark")).toArray(String[]::new);
    Config config = Config.standard();
    Key key = Key.of(config.seed());
    Mnist data = Mnist.loadOrSynthetic(config.trainSize() + config.validationSize(), 2000, key, System.out::println)
        .flat();
    Dataset pool = data.train().shuffle(key.foldIn(10));
    Dataset train = pool.take(config.trainSize());
    Dataset validation = pool.slice(config.trainSize(), config.trainSize() + config.validationSize());
    System.out.println("train " + train.size() + ", validation " + validation.size() + ", test " + data.test().size()
        + " images; network 784-" + config.hidden() + "-" + config.hidden() + "-10, SGD lr " + config.learningRate()
        + ", " + config.epochs() + " epochs, " + config.repeats() + " repeats per variant"
        + (spark ? ", as Spark tasks" : ""));
    long start = System.nanoTime();
    Vector<Row> rows = Vector.empty();
    if (spark) {
      SparkConf conf = new SparkConf().setAppName("purenet RegularizationShowdown")
          .setIfMissing("spark.master", "local[*]").setIfMissing("spark.ui.enabled", "false");
      try (JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf))) {
        context.setLogLevel("WARN");
        rows = runOnSpark(context, train, validation, data.test(), config);
      }
    } else {
      for (String variant : variants()) {
        rows = rows.append(run(variant, train, validation, data.test(), config));
        System.out.println(table(rows).last());
      }
    }
    System.out.println();
    table(rows).forEach(System.out::println);
    Path dir = Path.of(rest.length > 0 ? rest[0] : "target/showdown");
    plot(rows, dir);
    System.out.println(String.format(Locale.ROOT, "plots in %s; %.0f s", dir.toAbsolutePath(),
        (System.nanoTime() - start) / 1e9));
  }
}
