package purenet.examples;

import io.vavr.collection.Vector;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.spark.BatchPlan;
import purenet.spark.DistributedDataset;
import purenet.spark.DistributedFit;
import purenet.spark.LocalSgd;
import purenet.spark.Synchronous;
import purenet.spark.Timing;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * The MNIST MLP of {@link MnistMlp} (784 → 256 → 128 → 10, ReLU, SGD η = 0.1, softmax
 * cross-entropy) trained on Apache Spark, three ways on the same global batches:
 * <ol>
 *   <li>{@code single}: one machine, {@code TrainStep.apply} on the driver, no Spark job;</li>
 *   <li>{@code synchronous}: {@link Synchronous}, the gradient of every global batch summed over the
 *       partitions each step;</li>
 *   <li>{@code local-sgd K}: {@link LocalSgd}, K local steps per partition between averages.</li>
 * </ol>
 * It prints for each the test accuracy, images per second and the time spent communicating (wall
 * time minus the partitions' compute on the critical path minus the driver's updates), and the
 * largest relative difference between the synchronous and single-machine parameters.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec -Dexample=SparkMnist} ({@code local[*]}), or with
 * arguments {@code -Dexample.args="STEPS BATCH K"} (defaults 900 steps of 64, K = 8); on a cluster
 * see the README, "Running on a cluster". Without MNIST it says so and uses generated digits.
 */
public final class SparkMnist {
  private SparkMnist() {}

  /**
   * How to train.
   *
   * @param steps       global steps of every mode
   * @param globalBatch examples per global step over all partitions
   * @param localSteps  K of local SGD
   * @param partitions  P, the partitions of the training set
   * @param seed        seed of every key
   */
  public record Settings(int steps, int globalBatch, int localSteps, int partitions, long seed) {}

  /**
   * One mode's outcome.
   *
   * @param mode         its name
   * @param testAccuracy accuracy on the test images
   * @param timing       where the time went (for {@code single}, all of it is compute)
   * @param model        the trained state
   */
  public record Outcome(String mode, double testAccuracy, Timing timing, TrainState model) {

    /** One line of the table. */
    public String line() {
      double wall = timing.wallNanos() / 1e9;
      double comm = timing.communicationNanos() / 1e9;
      return String.format(Locale.ROOT, "%-13s %8.4f %9.0f %8.2f %11.2f %7.1f%%", mode, testAccuracy,
          timing.examplesPerSecond(), wall, comm, wall == 0 ? 0 : 100 * comm / wall);
    }
  }

  /** The table's header. */
  public static String header() {
    return String.format(Locale.ROOT, "%-13s %8s %9s %8s %11s %8s", "mode", "test_acc", "images/s", "wall_s",
        "comm_s", "comm");
  }

  /**
   * Trains the three modes from the same initial state on the same global batches.
   *
   * @param context  the Spark context
   * @param data     training and test images
   * @param settings the sizes
   * @param out      where progress goes
   * @return the outcomes: single, synchronous, local SGD
   */
  public static Vector<Outcome> run(JavaSparkContext context, Mnist data, Settings settings, PrintStream out) {
    Key key = Key.of(settings.seed());
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.1));
    TrainState start = step.init(MnistMlp.model(key.foldIn(0)), key.foldIn(2));
    DistributedDataset train = DistributedDataset.of(context, data.train(), settings.partitions(), key.foldIn(1));
    BatchPlan plan = train.plan(settings.globalBatch(), key.foldIn(3));
    Vector<Dataset> shards = train.collect();
    train.shards().count(); // materialise the cached shards before any timing

    long t0 = System.nanoTime();
    TrainState single = start;
    for (int t = 0; t < settings.steps(); t++) {
      single = step.apply(single, plan.globalBatch(t, shards)).state();
    }
    long singleNanos = System.nanoTime() - t0;
    Outcome one = outcome("single", data.test(), single,
        new Timing(singleNanos, singleNanos, 0, (long) settings.steps() * settings.globalBatch()));
    out.println(one.line());

    DistributedFit sync = Synchronous.of(step, settings.globalBatch()).fit(context, train, plan, start,
        settings.steps());
    Outcome synchronous = outcome("synchronous", data.test(), sync.state(), sync.timing());
    out.println(synchronous.line());

    DistributedFit local = new LocalSgd(step, settings.globalBatch(), settings.localSteps())
        .fit(context, train, plan, start, settings.steps());
    Outcome localSgd = outcome("local-sgd " + settings.localSteps(), data.test(), local.state(), local.timing());
    out.println(localSgd.line());
    train.release();
    return Vector.of(one, synchronous, localSgd);
  }

  private static Outcome outcome(String mode, Dataset test, TrainState state, Timing timing) {
    double accuracy = purenet.train.Evaluate.of(SoftmaxCrossEntropy.mean()).apply(state.model(), test).accuracy().get();
    return new Outcome(mode, accuracy, timing, state);
  }

  /** The largest relative difference, leaf by leaf, max|a − b| / max|a|, between two states' parameters. */
  public static double relativeDifference(TrainState a, TrainState b) {
    double worst = 0;
    for (int i = 0; i < a.params().leaves().size(); i++) {
      var x = a.params().leaves().get(i);
      var y = b.params().leaves().get(i);
      worst = Math.max(worst, x.maxAbsDifference(y) / Math.max(x.abs().max(), Double.MIN_NORMAL));
    }
    return worst;
  }

  /** Trains on MNIST (or generated digits) with {@code local[*]}, or the master spark-submit gives. */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 900;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    SparkConf conf = new SparkConf().setAppName("purenet SparkMnist").setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.ui.enabled", "false");
    try (JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf))) {
      context.setLogLevel("WARN");
      Mnist data = Mnist.loadOrSynthetic(6000, 1000, Key.of(7), System.out::println);
      int partitions = context.defaultParallelism();
      System.out.printf(Locale.ROOT, "master %s, %d partitions; %d training and %d test images; %d steps of %d"
          + " (%.2f epochs), local SGD K = %d%n", context.master(), partitions, data.train().size(),
          data.test().size(), steps, batch, (double) steps * batch / data.train().size(), k);
      System.out.println(header());
      Vector<Outcome> outcomes = run(context, data, new Settings(steps, batch, k, partitions, 42), System.out);
      double sync = outcomes.get(1).timing().wallNanos();
      double single = outcomes.get(0).timing().wallNanos();
      System.out.printf(Locale.ROOT, "synchronous vs single: %.2fx the wall time (%+.0f%%); parameters equal to %.1e"
          + " (max relative difference)%n", sync / single, 100 * (sync / single - 1),
          relativeDifference(outcomes.get(0).model(), outcomes.get(1).model()));
    }
  }
}
