package purenet.examples;

import io.vavr.control.Option;
import java.io.PrintStream;
import java.util.Locale;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Tanh;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.loss.SquaredError;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.train.Divergence;
import purenet.train.Evaluate;
import purenet.train.Evaluation;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.Progress;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.train.TrainingDiverged;
import purenet.train.ValueChecks;

/**
 * The two ways training used to go silently wrong, and what it says now:
 * <ol>
 *   <li><b>One NaN pixel</b> in one training image, {@link MnistMlp}'s 784-256-128-10 ReLU network,
 *       plain SGD at 0.1, MNIST-like digits. ReLU used to turn the NaN into 0 on the way forward, so
 *       the loss stayed finite, the loss-only guard never fired, and the NaN reached the first
 *       layer's weights through the backward pass. Now the feature check stops the first step that
 *       sees it, naming the step, epoch, batch, pixel and the image's row in the training set; with
 *       the check off, ReLU passes the NaN on and the loss check stops the same step.</li>
 *   <li><b>Learning rate 0.3</b>: an 8-64-64-1 tanh MLP regressing a smooth function of 8 normal
 *       features with plain SGD. Its loss grows geometrically (10¹⁰³, 10²⁰³, 10³⁰¹ after epochs 1–3)
 *       and used to be caught only when it overflowed, after three epochs of checkpoints of garbage
 *       and progress lines with 300-digit losses. Now {@link Divergence} stops it within the first
 *       epoch, when the loss exceeds 10⁴ × the first step's.</li>
 * </ol>
 * Either way the exception carries the last good state ({@link TrainingDiverged#lastGood()}); the
 * program evaluates it to show that it is usable.
 *
 * <p>Run: {@code mvn -q exec:exec -Dexample=NothingSilentlyWrong} (MNIST when present in
 * {@code data/mnist}, otherwise generated digits).
 */
public final class NothingSilentlyWrong {
  private NothingSilentlyWrong() {}

  /**
   * What a probe ended with.
   *
   * @param probe    which probe
   * @param stopped  the exception that stopped training, if one did
   * @param finished the result, if training ran to the end
   * @param quality  the test accuracy (classification) or mean squared error (regression) of the last
   *                 good state (stopped) or of the final state, as text
   */
  public record Outcome(String probe, Option<TrainingDiverged> stopped, Option<FitResult> finished, String quality) {}

  /** The pixel that is set to NaN: row 137 of the training set, pixel (14, 14). */
  public static final int POISONED_ROW = 137;

  /** {@code train} with pixel (14, 14) of image {@link #POISONED_ROW} set to NaN. */
  public static Dataset withNaNPixel(Dataset train) {
    double[] x = train.features().toArray();
    int perImage = x.length / train.size();
    x[POISONED_ROW * perImage + 14 * 28 + 14] = Double.NaN;
    return new Dataset(Tensor.of(x, train.features().shape()), train.labels());
  }

  /**
   * Probe 1: {@link MnistMlp#model} with SGD at 0.1 for {@code epochs} epochs of batch 64 on
   * {@code train} (e.g. {@link #withNaNPixel}), reporting how it ended.
   *
   * @param train      the training set
   * @param test       the test set, for the accuracy of the state reached
   * @param epochs     passes over the training set
   * @param checks     the value checks
   * @param divergence the divergence criterion
   * @param out        where the progress lines go
   * @return the outcome
   */
  public static Outcome nanPixel(Dataset train, Dataset test, int epochs, ValueChecks checks, Divergence divergence,
      PrintStream out) {
    Key key = Key.of(42);
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.1));
    return run("one NaN pixel (image " + POISONED_ROW + ")", step, step.init(MnistMlp.model(key.foldIn(0)),
        key.foldIn(2)), train, test, FitConfig.of(epochs, 64, key.foldIn(1)), checks, divergence, out);
  }

  /** n examples of 8 standard normal features and y = Σⱼ cⱼxⱼ + sin x₀ with cⱼ ∈ {−1, 0, 1}. */
  public static Dataset regression(int n, Key key) {
    double[] x = key.normal(n * 8);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = Math.sin(x[i * 8]);
      for (int j = 0; j < 8; j++) {
        s += x[i * 8 + j] * (j % 3 - 1);
      }
      y[i] = s;
    }
    return new Dataset(Tensor.of(x, n, 8), Tensor.of(y, n, 1));
  }

  /**
   * Probe 2: an 8-64-64-1 tanh MLP (He-normal, mean squared error) trained with SGD at
   * {@code learningRate} for {@code epochs} epochs of batch 32 on {@link #regression} data.
   *
   * @param train        the training set
   * @param test         the test set, for the error of the state reached
   * @param learningRate SGD's η, 0.3 in the probe
   * @param epochs       passes over the training set
   * @param checks       the value checks
   * @param divergence   the divergence criterion
   * @param out          where the progress lines go
   * @return the outcome
   */
  public static Outcome learningRate(Dataset train, Dataset test, double learningRate, int epochs, ValueChecks checks,
      Divergence divergence, PrintStream out) {
    Key key = Key.of(42);
    Key[] w = key.split(3);
    Sequential model = Sequential.of(Dense.of(8, 64, He.normal(), w[0]), new Tanh(),
        Dense.of(64, 64, He.normal(), w[1]), new Tanh(), Dense.of(64, 1, w[2]));
    TrainStep step = TrainStep.of(SquaredError.mean(), Optimizers.sgd(learningRate));
    return run("learning rate " + learningRate, step, step.init(model, key), train, test,
        FitConfig.of(epochs, 32, key.foldIn(1)), checks, divergence, out);
  }

  private static Outcome run(String probe, TrainStep step, TrainState start, Dataset train, Dataset test,
      FitConfig config, ValueChecks checks, Divergence divergence, PrintStream out) {
    Evaluate evaluate = new Evaluate(step.loss(), step.accuracy(), Evaluate.DEFAULT_BATCH_SIZE);
    FitConfig fit = config.withProgress(Progress.EPOCHS).printingTo(out).withChecks(checks).withDivergence(divergence);
    try {
      FitResult result = Fit.run(step, start, train, fit);
      return new Outcome(probe, Option.none(), Option.of(result), quality(evaluate.apply(result.state().model(), test)));
    } catch (TrainingDiverged e) {
      TrainState good = e.lastGood().getOrElseThrow(() -> new IllegalStateException("Fit always knows the last good state"));
      return new Outcome(probe, Option.of(e), Option.none(), quality(evaluate.apply(good.model(), test)));
    }
  }

  private static String quality(Evaluation e) {
    return e.accuracy().map(a -> String.format(Locale.ROOT, "test accuracy %.4f", a))
        .getOrElse(() -> String.format(Locale.ROOT, "test loss %.4g", e.loss()));
  }

  /** Prints an outcome: the message that stopped training, or how the run finished. */
  public static void report(Outcome o, PrintStream out) {
    out.println("== " + o.probe());
    if (o.stopped().isDefined()) {
      TrainingDiverged e = o.stopped().get();
      out.println("stopped: " + e.getMessage());
      out.printf(Locale.ROOT, "last good state: step %d, %s%n", e.lastGood().get().step(), o.quality());
    } else {
      FitResult f = o.finished().get();
      long nan = f.state().params().leaves().map(t -> {
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
          n += Double.isNaN(t.at(i)) ? 1 : 0;
        }
        return (long) n;
      }).sum().longValue();
      out.printf(Locale.ROOT, "finished without a message: last loss %s, %d NaN parameters, %s%n",
          f.history().last().get().trainLoss(), nan, o.quality());
    }
  }

  /** Runs both probes on MNIST's test images (or generated digits), with the defaults. */
  public static void main(String[] args) {
    Mnist data = Mnist.loadOrSynthetic(6000, 1000, Key.of(7), System.out::println);
    Dataset train = data.train().size() > 4000 ? data.train().take(4000) : data.train();
    Dataset test = data.test();
    report(nanPixel(withNaNPixel(train), test, 3, ValueChecks.all(), Divergence.standard(), System.out), System.out);
    report(learningRate(regression(2000, Key.of(3)), regression(500, Key.of(4)), 0.3, 5, ValueChecks.all(),
        Divergence.standard(), System.out), System.out);
  }
}
