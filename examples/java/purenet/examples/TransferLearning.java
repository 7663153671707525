package purenet.examples;

import io.vavr.collection.Vector;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.stream.IntStream;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.init.Glorot;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.layer.conv.Conv2d;
import purenet.layer.conv.MaxPool2d;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Frozen;
import purenet.net.Sequential;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.train.Evaluate;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.Progress;
import purenet.train.TrainStep;
import purenet.tree.Selector;

/**
 * Transfer learning (Maier et al., FAU Deep Learning lecture "Regularization", 2023): reuse a network
 * trained on one task for a related task that has few labels.
 *
 * <ol>
 *   <li>Pretrain a small CNN on the digits 0–4 (source task, plenty of labels).</li>
 *   <li>Cut it below its output layer ({@code Sequential.take}): the 64 features of the last hidden
 *       layer are the transferred part.</li>
 *   <li>Target task: the digits 5–9 with only {@code fewShot} labelled examples (500 by default),
 *       relabelled 0–4. Four ways to learn it, each with Adam on the same 500 examples:
 *     <ul>
 *       <li><b>from scratch</b>: the same architecture, freshly initialised, every weight trained;</li>
 *       <li><b>Frozen trunk + new head</b>: {@code Sequential.of(Frozen.of(trunk), head)}: η = 0 for
 *           the copied part (the lecture's option 1), only the new Dense(64 → 5) head learns, and the
 *           trunk's backward pass is never computed;</li>
 *       <li><b>masked trunk + new head</b>: the same network unwrapped, frozen by the optimizer
 *           ({@code Optimizers.freeze(adam, path -> !path.startsWith("9/"))}): the same accuracy,
 *           bit for bit, but the trunk's gradients are computed and thrown away;</li>
 *       <li><b>fine-tuned</b>: the copied trunk and the new head all trained (the lecture's option 2),
 *           with a smaller learning rate.</li>
 *     </ul></li>
 * </ol>
 * It prints one table: trainable parameters, test accuracy on every test image of 5–9 and the
 * training time of each. The network, for a batch of B images:
 * <pre>
 *   0 Conv2d.same(1 → 8, 5×5)  1 ReLU  2 MaxPool2d 2×2     (B, 8, 14, 14)
 *   3 Conv2d.same(8 → 16, 5×5) 4 ReLU  5 MaxPool2d 2×2     (B, 16, 7, 7)
 *   6 Flatten  7 Dense(784 → 64)  8 ReLU                    (B, 64)  ← cut here: take(9)
 *   9 Dense(64 → 5)                                          (B, 5) logits
 * </pre>
 *
 * <p>Run it with {@code mvn -q test-compile exec:exec -Dexample=TransferLearning}. When
 * {@code data/mnist} has not been fetched it says so and uses {@link SyntheticDigits}, which is not
 * MNIST. Grey images meeting a trunk pretrained on colour would first pass through
 * {@code purenet.layer.GreyToRgb}; here both tasks are grey digits.
 */
public final class TransferLearning {
  private TransferLearning() {}

  /** The depth of the cut below the output layer: the layers 0 … 8 are the transferred trunk. */
  public static final int CUT = 9;

  /** The depth of the cut below the dense layers: the layers 0 … 5, the convolutions, are transferred. */
  public static final int CONV_CUT = 6;

  /** The number of classes of either task (0–4, and 5–9 relabelled 0–4). */
  public static final int CLASSES = 5;

  /**
   * How to train.
   *
   * @param pretrainSize   source examples (digits 0–4) used for pretraining, at most all there are
   * @param pretrainEpochs passes over them
   * @param fewShot        labelled target examples (digits 5–9)
   * @param epochs         passes over the target examples, for each of the four ways
   * @param batchSize      examples per Adam step
   * @param learningRate   Adam's η for pretraining, scratch and the new heads
   * @param fineTuneRate   Adam's η when fine-tuning the whole pretrained network
   * @param seed           seed of every key
   */
  public record Settings(int pretrainSize, int pretrainEpochs, int fewShot, int epochs, int batchSize,
      double learningRate, double fineTuneRate, long seed) {

    /** Validates the settings. */
    public Settings {
      if (pretrainSize < 1 || pretrainEpochs < 1 || fewShot < 1 || epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("sizes, epochs and batch size must be >= 1, got " + pretrainSize + ", "
            + pretrainEpochs + ", " + fewShot + ", " + epochs + ", " + batchSize);
      }
      if (!(learningRate > 0) || !(fineTuneRate > 0)) {
        throw new IllegalArgumentException("learning rates must be > 0, got " + learningRate + " and " + fineTuneRate);
      }
    }

    /** 10,000 source examples for 2 epochs; 500 target examples for 20 epochs; batch 32. */
    public static Settings standard() {
      return new Settings(10_000, 2, 500, 20, 32, 1e-3, 3e-4, 42);
    }
  }

  /**
   * One way of learning the target task.
   *
   * @param method       what was trained
   * @param trainable    the number of parameters the optimizer moves
   * @param testAccuracy accuracy on the target test set
   * @param seconds      training time
   */
  public record Row(String method, long trainable, double testAccuracy, double seconds) {}

  /**
   * What the run measured.
   *
   * @param sourceAccuracy the pretrained network's accuracy on the test digits 0–4
   * @param rows           the four ways, in the order of the class comment
   * @param targetTest     how many test images of 5–9 the accuracies are measured on
   */
  public record Result(double sourceAccuracy, Vector<Row> rows, int targetTest) {

    /** The row of a method. */
    public Row row(String method) {
      return rows.find(r -> r.method().equals(method)).getOrElseThrow(
          () -> new IllegalArgumentException("no row '" + method + "', rows " + rows.map(Row::method)));
    }
  }

  /** Names of the rows. */
  public static final String SCRATCH = "from scratch";
  /** Names of the rows. */
  public static final String FROZEN = "Frozen trunk + new head";
  /** Names of the rows. */
  public static final String MASKED = "masked trunk + new head";
  /** Names of the rows. */
  public static final String FROZEN_CONV = "Frozen convs + new dense";
  /** Names of the rows. */
  public static final String FINE_TUNED = "fine-tuned";

  /** The network of the class comment, He-initialised before ReLUs; outputs 5 logits. */
  public static Sequential model(Key key) {
    Key[] k = key.split(4);
    return Sequential.of(
        Conv2d.same(1, 8, 5, k[0]), new Relu(), MaxPool2d.of(2),
        Conv2d.same(8, 16, 5, k[1]), new Relu(), MaxPool2d.of(2),
        new Flatten(), Dense.of(16 * 7 * 7, 64, He.normal(), k[2]), new Relu(),
        head(k[3]));
  }

  /** A new dense top on the convolutions: Flatten, Dense(784 → 64), ReLU, Dense(64 → 5), as layers 6 … 9. */
  public static Sequential top(Key key) {
    Key[] k = key.split(2);
    return Sequential.of(new Flatten(), Dense.of(16 * 7 * 7, 64, He.normal(), k[0]), new Relu(), head(k[1]));
  }

  /** A new output layer Dense(64 → 5) on the cut. */
  public static Dense head(Key key) {
    return Dense.of(64, CLASSES, Glorot.uniform(), key);
  }

  /** The examples whose label satisfies {@code which}, with {@code shift} subtracted from the labels. */
  public static Dataset digits(Dataset data, DoublePredicate which, int shift) {
    int[] rows = IntStream.range(0, data.size()).filter(i -> which.test(data.labels().at(i))).toArray();
    Dataset chosen = data.select(rows);
    return new Dataset(chosen.features(), chosen.labels().map(v -> v - shift));
  }

  /** Pretrains on 0–4, then learns 5–9 from {@code fewShot} examples in four ways; prints a table. */
  public static Result run(Mnist data, Settings settings, PrintStream out) {
    Key key = Key.of(settings.seed());
    Dataset source = digits(data.train(), v -> v < 5, 0);
    source = source.take(Math.min(settings.pretrainSize(), source.size()));
    Dataset sourceTest = digits(data.test(), v -> v < 5, 0);
    Dataset target = digits(data.train(), v -> v >= 5, 5).shuffle(key.foldIn(10));
    target = target.take(Math.min(settings.fewShot(), target.size()));
    Dataset targetTest = digits(data.test(), v -> v >= 5, 5);
    Evaluate evaluate = Evaluate.of(SoftmaxCrossEntropy.mean());

    out.printf(Locale.ROOT, "pretraining on %d images of 0-4 for %d epochs%n", source.size(), settings.pretrainEpochs());
    TrainStep pretrainStep = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.adam(settings.learningRate()));
    FitResult pretrained = Fit.run(pretrainStep, pretrainStep.init(model(key.foldIn(0)), key.foldIn(1)), source,
        FitConfig.of(settings.pretrainEpochs(), settings.batchSize(), key.foldIn(2)).withProgress(Progress.LIVE)
            .printingTo(out));
    Sequential network = (Sequential) pretrained.state().model();
    double sourceAccuracy = evaluate.apply(network, sourceTest).accuracy().get();
    out.printf(Locale.ROOT, "pretrained accuracy on %d test images of 0-4: %.4f%n", sourceTest.size(), sourceAccuracy);

    Sequential features = network.take(CUT);
    Sequential convolutions = network.take(CONV_CUT);
    Dense newHead = head(key.foldIn(3));
    Sequential newTop = top(key.foldIn(3));
    out.printf(Locale.ROOT, "learning 5-9 from %d labelled images, %d epochs each%n", target.size(), settings.epochs());
    GradientTransform adam = Optimizers.adam(settings.learningRate());
    Selector belowCut = Selector.under(String.valueOf(CUT)).negate();
    long all = network.params().elementCount();
    long headSize = newHead.params().elementCount();
    Vector<Row> rows = Vector.of(
        train(SCRATCH, model(key.foldIn(4)), adam, all, target, targetTest, settings, key),
        train(FROZEN, Sequential.of(Frozen.of(features), newHead), adam, headSize, target, targetTest, settings, key),
        train(MASKED, features.then(newHead), Optimizers.freeze(adam, belowCut), headSize, target, targetTest,
            settings, key),
        train(FROZEN_CONV, Sequential.of(Frozen.of(convolutions), newTop), adam, newTop.params().elementCount(),
            target, targetTest, settings, key),
        train(FINE_TUNED, features.then(newHead), Optimizers.adam(settings.fineTuneRate()), all, target, targetTest,
            settings, key));
    Result result = new Result(sourceAccuracy, rows, targetTest.size());
    out.print(table(result));
    return result;
  }

  private static Row train(String method, Layer model, GradientTransform optimizer, long trainable, Dataset target,
      Dataset test, Settings settings, Key key) {
    long start = System.nanoTime();
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), optimizer);
    FitResult fit = Fit.run(step, step.init(model, key.foldIn(5)), target,
        FitConfig.of(settings.epochs(), settings.batchSize(), key.foldIn(6)).silent());
    double seconds = (System.nanoTime() - start) / 1e9;
    double accuracy = Evaluate.of(SoftmaxCrossEntropy.mean()).apply(fit.state().model(), test).accuracy().get();
    return new Row(method, trainable, accuracy, seconds);
  }

  /** The result as a table. */
  public static String table(Result r) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-28s %10s %10s %9s%n", "digits 5-9, method", "trainable", "test acc", "train s"));
    for (Row row : r.rows()) {
      s.append(String.format(Locale.ROOT, "%-28s %,10d %10.4f %9.1f%n", row.method(), row.trainable(),
          row.testAccuracy(), row.seconds()));
    }
    s.append(String.format(Locale.ROOT, "(accuracy on %d test images of 5-9; pretrained accuracy on 0-4: %.4f)%n",
        r.targetTest(), r.sourceAccuracy()));
    return s.toString();
  }

  /** Runs on MNIST, or on generated digits when MNIST is absent. */
  public static void main(String[] args) {
    Mnist data = Mnist.loadOrSynthetic(20_000, 2000, Key.of(7), System.out::println);
    long start = System.nanoTime();
    run(data, Settings.standard(), System.out);
    System.out.printf(Locale.ROOT, "wall_time=%.1fs%n", (System.nanoTime() - start) / 1e9);
  }
}
