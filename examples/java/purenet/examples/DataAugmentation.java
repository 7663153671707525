package purenet.examples;

import io.vavr.collection.Vector;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.data.augmentation.Augmentation;
import purenet.data.augmentation.ChangedPixels;
import purenet.data.augmentation.ElasticDeformation;
import purenet.data.augmentation.GaussianBlur;
import purenet.data.augmentation.PixelNoise;
import purenet.data.augmentation.RandomAffine;
import purenet.data.augmentation.RandomCrop;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.optim.Schedule;
import purenet.random.Key;
import purenet.train.Evaluate;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.History;
import purenet.train.Plots;
import purenet.train.Progress;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * Data augmentation on a small slice of MNIST: the network of {@link RegularizationShowdown}
 * trained on 1,000 images, each training batch transformed by one augmentation of
 * {@code purenet.data.augmentation} (labels unchanged), against the same network trained on the
 * plain images.
 *
 * <p>Images stay (n, 1, 28, 28); the network is Flatten → 784 → 256 → 256 → 10 with ReLU,
 * He-normal weights, softmax cross-entropy, SGD with batch 32 and a cosine learning rate from 0.1
 * to 0 over 60 epochs. Only training batches are augmented ({@link FitConfig#withAugmentation});
 * validation, train and test accuracy are measured on plain images. Variants (strengths below):
 * <ul>
 *   <li>{@code none}: no augmentation (the baseline);
 *   <li>{@code affine}: rotation ±15°, shift ±0.1 of the width and height, scale in
 *       [0.9, 1.1], fill 0;
 *   <li>{@code crop}: pad 2 pixels, crop back to 28×28 (integer shifts by up to 2 pixels);
 *   <li>{@code elastic}: Simard et al.'s (2003) elastic deformation, α = 34, σ = 4 (their
 *       MNIST values);
 *   <li>{@code noise}: additive N(0, 0.5²) pixel noise, not clipped;
 *   <li>{@code blur}: Gaussian blur with σ ~ U[0, 1] pixels;
 *   <li>{@code changed-pixels}: each pixel, with probability 0.2, set to U[0, 1];
 *   <li>{@code affine+elastic}: the affine map, then the elastic deformation.
 * </ul>
 * Each variant is trained {@code repeats} times; repeat r draws weights, shuffles and augmentation
 * from seed {@code seed + r}, the same for every variant. The table prints the means over the
 * repeats, the standard deviation of the test accuracy, the gain against {@code none} in points
 * and in how many repeats the variant beat the baseline run of the same seed.
 *
 * <p>The strengths were chosen by validation accuracy (1,000 held-out training images, seed 1,
 * one run each; {@link #grid()} lists the candidates and {@code main} runs them with the argument
 * {@code tune}; validation accuracy 0.8850 without augmentation; ties go to the weaker setting):
 * <pre>
 * affine (degrees, shift, scale)  (10, 0.1, 0.1) 0.9380   (15, 0.1, 0.1) 0.9390   (20, 0.15, 0.15) 0.9250
 * crop padding                    1 0.9290               2 0.9350               3 0.9330
 * elastic (α, σ)                  (34, 4) 0.9460         (20, 4) 0.9400         (8, 3) 0.9190
 * noise σ, clipped to [0, 1]      0.1 0.8920             0.3 0.8890             0.5 0.8890
 * noise σ, not clipped                                   0.3 0.9080             0.5 0.9120
 * blur σ_max                      0.5 0.8880             1 0.9000               1.5 0.9000
 * changed-pixel fraction          0.05 0.8980            0.1 0.8980             0.2 0.9000
 * </pre>
 * Clipping the noise to the pixel range removes its benefit: on MNIST's black background (about
 * 80 % of the pixels) clipped noise is one-sided, a brightening rather than a perturbation around
 * the image. {@code affine+elastic} composes the two chosen settings without a grid of its own.
 *
 * <p>Measured on real MNIST (seed 1, 3 repeats; 1,000 train, 1,000 validation, the 10,000 test
 * images; 223 s on 2 cores shared with another job):
 * <pre>
 * variant              train_acc val_acc test_acc     sd   gain  wins
 * none                    1.0000  0.8910   0.9073 0.0012  +0.00   0/3
 * affine                  0.9747  0.9430   0.9492 0.0017  +4.19   3/3
 * crop                    0.9870  0.9387   0.9481 0.0008  +4.08   3/3
 * elastic                 0.9797  0.9493   0.9554 0.0011  +4.81   3/3
 * noise                   0.9940  0.9097   0.9206 0.0029  +1.33   3/3
 * blur                    1.0000  0.8983   0.9103 0.0011  +0.30   3/3
 * changed-pixels          0.9990  0.9017   0.9094 0.0036  +0.21   2/3
 * affine+elastic          0.9597  0.9360   0.9402 0.0010  +3.29   3/3
 * </pre>
 * The baseline is {@link RegularizationShowdown}'s {@code none} run bit for bit (same split,
 * seeds and network; Flatten only reshapes). The geometric augmentations help most: the elastic
 * deformation gains 4.8 points, affine maps and crops about 4.1 — three times what the best
 * regularizer of the showdown gains, and 25 to 45 times the seed-to-seed standard deviation — while
 * the network no longer memorises its training set. They encode what a digit's identity does not
 * depend on (its position, slant, size and stroke), which a dense network cannot learn from 1,000
 * images. Input noise gains 1.3 points, like the showdown's Gaussian-noise layer (the same
 * regularizer). Blur and changed pixels barely help: they perturb intensities, which this data set
 * hardly varies in. Composing affine and elastic at the strengths tuned for each alone
 * over-distorts (train accuracy 0.96; see the last row of {@code samples.png}) and gains less than
 * either.
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec -Dexample=DataAugmentation} after
 * {@code scripts/fetch-data.sh} (or with {@code -Djvm.args=-Dpurenet.data=DIR}); without MNIST it
 * says so and uses the synthetic digits. {@code target/augmentation} receives
 * {@code samples.png} (eight training digits under each augmentation) and the learning curves.
 */
public final class DataAugmentation {
  private DataAugmentation() {}

  private static final double AFFINE_DEGREES = 15;
  private static final double AFFINE_SHIFT = 0.1;
  private static final double AFFINE_SCALE = 0.1;
  private static final int CROP_PADDING = 2;
  private static final double ELASTIC_ALPHA = 34;
  private static final double ELASTIC_SIGMA = 4;
  private static final double NOISE_SIGMA = 0.5;
  private static final double BLUR_SIGMA = 1;
  private static final double CHANGED_FRACTION = 0.2;

  /**
   * The sizes and hyperparameters of a run.
   *
   * @param trainSize      training images
   * @param validationSize validation images (tuning, learning curves)
   * @param hidden         units per hidden layer
   * @param epochs         epochs of every variant
   * @param batchSize      examples per step
   * @param learningRate   initial SGD step size of the cosine schedule
   * @param seed           the seed of the data split and of the first repeat
   * @param repeats        how many times each variant is trained (seeds {@code seed … seed+repeats-1})
   * @param progress       what {@link Fit} prints while training
   */
  public record Config(int trainSize, int validationSize, int hidden, int epochs, int batchSize,
      double learningRate, long seed, int repeats, Progress progress) {

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
      return new Config(1000, 1000, 256, 60, 32, 0.1, 1, 3, Progress.NONE);
    }

    /** A seconds-long silent run for the smoke test. */
    public static Config smoke() {
      return new Config(60, 40, 16, 2, 20, 0.05, 1, 2, Progress.NONE);
    }

    /** The same run with {@code repeats} repeats. */
    public Config withRepeats(int repeats) {
      return new Config(trainSize, validationSize, hidden, epochs, batchSize, learningRate, seed, repeats, progress);
    }
  }

  /**
   * An augmentation under a name.
   *
   * @param name         its name in the table
   * @param augmentation what is applied to every training batch (the identity for the baseline)
   */
  public record Variant(String name, Augmentation augmentation) {}

  /**
   * One training run of a variant from one seed.
   *
   * @param trainAccuracy      accuracy on the plain training images
   * @param validationAccuracy accuracy on the validation images
   * @param testAccuracy       accuracy on the test images
   * @param history            the per-epoch curves
   */
  public record Run(double trainAccuracy, double validationAccuracy, double testAccuracy, History history) {}

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

    /** Mean validation accuracy over the runs. */
    public double validationAccuracy() {
      return mean(Run::validationAccuracy);
    }

    /** Mean test accuracy over the runs. */
    public double testAccuracy() {
      return mean(Run::testAccuracy);
    }

    /** Sample standard deviation of the test accuracy over the runs (0 for a single run). */
    public double testAccuracySd() {
      return Seeds.of(runs, Run::testAccuracy).sd();
    }

    /** In how many repeats this variant's test accuracy is above {@code baseline}'s run of the same seed. */
    public int wins(Row baseline) {
      return Seeds.of(runs, Run::testAccuracy).wins(Seeds.of(baseline.runs(), Run::testAccuracy));
    }

    private double mean(ToDoubleFunction<Run> f) {
      return Seeds.of(runs, f).mean();
    }
  }

  private static final RandomAffine AFFINE = RandomAffine.of(AFFINE_DEGREES, AFFINE_SHIFT, AFFINE_SCALE);
  private static final ElasticDeformation ELASTIC = ElasticDeformation.of(ELASTIC_ALPHA, ELASTIC_SIGMA);

  private static final Vector<Variant> VARIANTS = Vector.of(
      new Variant("none", Augmentation.identity()),
      new Variant("affine", AFFINE),
      new Variant("crop", RandomCrop.of(CROP_PADDING)),
      new Variant("elastic", ELASTIC),
      new Variant("noise", PixelNoise.of(NOISE_SIGMA)),
      new Variant("blur", new GaussianBlur(0, BLUR_SIGMA)),
      new Variant("changed-pixels", ChangedPixels.of(CHANGED_FRACTION)),
      new Variant("affine+elastic", AFFINE.andThen(ELASTIC)));

  /** The variants of the table, in order; the first, {@code none}, is the baseline. */
  public static Vector<Variant> variants() {
    return VARIANTS;
  }

  /** The candidate strengths the table's were chosen from by validation accuracy. */
  public static Vector<Variant> grid() {
    return Vector.of(
        new Variant("affine 10/0.1/0.1", RandomAffine.of(10, 0.1, 0.1)),
        new Variant("affine 15/0.1/0.1", RandomAffine.of(15, 0.1, 0.1)),
        new Variant("affine 20/0.15/0.15", RandomAffine.of(20, 0.15, 0.15)),
        new Variant("crop 1", RandomCrop.of(1)),
        new Variant("crop 2", RandomCrop.of(2)),
        new Variant("crop 3", RandomCrop.of(3)),
        new Variant("elastic 34/4", ElasticDeformation.of(34, 4)),
        new Variant("elastic 20/4", ElasticDeformation.of(20, 4)),
        new Variant("elastic 8/3", ElasticDeformation.of(8, 3)),
        new Variant("noise 0.1", PixelNoise.clipped(0.1, 0, 1)),
        new Variant("noise 0.3", PixelNoise.clipped(0.3, 0, 1)),
        new Variant("noise 0.5", PixelNoise.clipped(0.5, 0, 1)),
        new Variant("noise 0.3 unclipped", PixelNoise.of(0.3)),
        new Variant("noise 0.5 unclipped", PixelNoise.of(0.5)),
        new Variant("blur 0.5", new GaussianBlur(0, 0.5)),
        new Variant("blur 1", new GaussianBlur(0, 1)),
        new Variant("blur 1.5", new GaussianBlur(0, 1.5)),
        new Variant("changed 0.05", ChangedPixels.of(0.05)),
        new Variant("changed 0.1", ChangedPixels.of(0.1)),
        new Variant("changed 0.2", ChangedPixels.of(0.2)));
  }

  /** The network, from the same key for every variant: Flatten, then inputs → H → H → 10. */
  private static Layer network(int inputs, int hidden, Key key) {
    Key[] k = key.split(3);
    return Sequential.of(new Flatten(), Dense.of(inputs, hidden, He.normal(), k[0]), new Relu(),
        Dense.of(hidden, hidden, He.normal(), k[1]), new Relu(), Dense.of(hidden, 10, He.normal(), k[2]));
  }

  /**
   * Trains every variant {@code config.repeats()} times on {@code train} (images (n, 1, h, w)) and
   * measures it on {@code validation} and {@code test}. Deterministic: the same inputs give the
   * same rows.
   */
  public static Vector<Row> run(Dataset train, Dataset validation, Dataset test, Config config) {
    return run(variants(), train, validation, test, config);
  }

  /** Trains and measures the given variants, in order. */
  public static Vector<Row> run(Vector<Variant> variants, Dataset train, Dataset validation, Dataset test,
      Config config) {
    return variants.map(v -> run(v, train, validation, test, config));
  }

  /**
   * Trains and measures one variant, once per repeat. The repeats are independent pure
   * computations, so they run in parallel and the row does not depend on the thread count.
   */
  public static Row run(Variant v, Dataset train, Dataset validation, Dataset test, Config config) {
    return new Row(v.name(), Vector.ofAll(IntStream.range(0, config.repeats()).parallel()
        .mapToObj(r -> run(v, train, validation, test, config, Key.of(config.seed() + r))).toList()));
  }

  private static Run run(Variant v, Dataset train, Dataset validation, Dataset test, Config config, Key key) {
    if (train.features().rank() != 4) {
      throw new IllegalArgumentException("DataAugmentation expects images (n, channels, height, width), got "
          + train.features().shape());
    }
    int inputs = train.features().shape().size() / train.size();
    SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.mean();
    FitConfig fit = FitConfig.of(config.epochs(), config.batchSize(), key.foldIn(1)).withValidation(validation)
        .withProgress(config.progress()).withAugmentation(v.augmentation());
    long steps = (long) config.epochs() * ((train.size() + config.batchSize() - 1) / config.batchSize());
    TrainStep step = TrainStep.of(loss, Optimizers.sgd(Schedule.cosine(config.learningRate(), steps)));
    TrainState start = step.init(network(inputs, config.hidden(), key.foldIn(2)), key.foldIn(3));
    FitResult result = Fit.run(step, start, train, fit);
    Layer model = result.state().model();
    Evaluate evaluate = Evaluate.of(loss);
    return new Run(evaluate.apply(model, train).accuracy().get(), evaluate.apply(model, validation).accuracy().get(),
        evaluate.apply(model, test).accuracy().get(), result.history());
  }

  /**
   * The table: one line per row with the mean train, validation and test accuracy, the standard
   * deviation of the test accuracy and, against the first row (the baseline), the gain in test
   * accuracy in points and the repeats it won.
   */
  public static Vector<String> table(Vector<Row> rows) {
    Row baseline = rows.head();
    return Vector.of(String.format(Locale.ROOT, "%-20s %9s %7s %8s %6s %6s %5s", "variant", "train_acc", "val_acc",
            "test_acc", "sd", "gain", "wins"))
        .appendAll(rows.map(r -> String.format(Locale.ROOT, "%-20s %9.4f %7.4f %8.4f %6.4f %+6.2f %5s",
            r.variant(), r.trainAccuracy(), r.validationAccuracy(), r.testAccuracy(), r.testAccuracySd(),
            100 * (r.testAccuracy() - baseline.testAccuracy()), r.wins(baseline) + "/" + r.runs().size())));
  }

  /**
   * Writes {@code samples.png} into {@code dir}: one row per variant showing the first
   * {@code count} images of {@code images} (n, 1, h, w), pixels in [0, 1], as that variant
   * transforms them with {@code key}.
   */
  public static void samples(Vector<Variant> variants, Dataset images, int count, Key key, Path dir) {
    Dataset first = images.take(count);
    int n = first.size();
    int h = first.features().dim(2);
    int w = first.features().dim(3);
    int zoom = 3;
    int label = 130;
    int gap = 4;
    BufferedImage png = new BufferedImage(label + n * (w * zoom + gap), variants.size() * (h * zoom + gap),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = png.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, png.getWidth(), png.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    for (int row = 0; row < variants.size(); row++) {
      Variant v = variants.get(row);
      double[] pixels = v.augmentation().apply(first.features(), key).toArray();
      int top = row * (h * zoom + gap);
      g.setColor(Color.BLACK);
      g.drawString(v.name(), 4, top + h * zoom / 2 + 5);
      for (int i = 0; i < n; i++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            double p = Math.max(0, Math.min(1, pixels[(i * h + y) * w + x]));
            int grey = 255 - (int) Math.round(255 * p);
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(label + i * (w * zoom + gap) + x * zoom, top + y * zoom, zoom, zoom);
          }
        }
      }
    }
    g.dispose();
    try {
      Files.createDirectories(dir);
      ImageIO.write(png, "png", dir.resolve("samples.png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("samples.png"), e);
    }
  }

  /**
   * Writes {@code <variant>.png} (train vs validation loss of the first repeat) per row and
   * {@code validation-accuracy.png} with every row's validation accuracy curve.
   */
  public static void plot(Vector<Row> rows, Path dir) {
    Map<String, double[]> validation = new LinkedHashMap<>();
    for (Row r : rows) {
      History history = r.runs().head().history();
      Plots.lines(dir.resolve(r.variant() + ".png"), r.variant() + ": learning curves", "epoch", "loss",
          history.lossCurves());
      validation.put(r.variant(), history.validationAccuracy());
    }
    Plots.lines(dir.resolve("validation-accuracy.png"), "validation accuracy per augmentation", "epoch",
        "accuracy", validation);
  }

  /**
   * Loads MNIST (or the synthetic stand-in), runs every variant, prints the table and writes the
   * sample grid and plots to {@code target/augmentation}. Arguments: {@code tune} runs the
   * {@link #grid()} of candidate strengths (one seed) instead, or with a second argument only
   * the candidates whose names start with it; a number sets the repeats.
   */
  public static void main(String[] args) {
    boolean tune = args.length > 0 && args[0].equals("tune");
    Config config = Config.standard();
    for (String a : args) {
      if (a.matches("\\d+") && !tune) {
        config = config.withRepeats(Integer.parseInt(a));
      }
    }
    if (tune) {
      config = config.withRepeats(1);
    }
    Key key = Key.of(config.seed());
    Mnist data = Mnist.loadOrSynthetic(config.trainSize() + config.validationSize(), 2000, key, System.out::println);
    Dataset pool = data.train().shuffle(key.foldIn(10));
    Dataset train = pool.take(config.trainSize());
    Dataset validation = pool.slice(config.trainSize(), config.trainSize() + config.validationSize());
    System.out.println("train " + train.size() + ", validation " + validation.size() + ", test " + data.test().size()
        + " images " + train.features().shape().with(0, 1) + "; network Flatten-784-" + config.hidden() + "-"
        + config.hidden() + "-10, SGD cosine lr " + config.learningRate() + ", " + config.epochs() + " epochs, "
        + config.repeats() + " repeats per variant");
    long start = System.nanoTime();
    String only = tune && args.length > 1 ? args[1] : "";
    Vector<Variant> variants = tune ? grid().filter(v -> v.name().startsWith(only)).prepend(variants().head())
        : variants();
    Vector<Row> rows = Vector.empty();
    for (Variant v : variants) {
      rows = rows.append(run(v, train, validation, data.test(), config));
      System.out.println(table(rows).last());
    }
    System.out.println();
    table(rows).forEach(System.out::println);
    Path dir = Path.of("target/augmentation");
    if (!tune) {
      samples(variants, train, 8, key.foldIn(20), dir);
      plot(rows, dir);
      System.out.println("pictures in " + dir.toAbsolutePath());
    }
    System.out.println(String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - start) / 1e9));
  }
}
