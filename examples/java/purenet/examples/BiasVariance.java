package purenet.examples;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import purenet.analysis.Decomposition;
import purenet.analysis.Fitted;
import purenet.analysis.Learner;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.loss.SquaredError;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.Penalized;
import purenet.spark.Sweep;
import purenet.spark.SweepResult;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.train.Plots;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * The bias-variance trade-off of ridge regression, as in Bishop, Pattern Recognition and Machine
 * Learning (2006), §3.2, Fig. 3.5–3.6 (Maier et al., FAU Deep Learning lecture "Regularization", 2023,
 * "Bias Variance Decomposition").
 *
 * <p>L = 100 data sets of N = 25 points x ~ U(0, 1), t = h(x) + ε with h(x) = sin(2πx) and
 * ε ~ N(0, 0.3²). The model is linear in 24 Gaussian basis functions
 * φ_j(x) = exp(−(x − μ_j)²/(2s²)), μ_j = j/23, s = 0.1, plus a bias: a purenet {@code Dense(24 → 1)}
 * trained full-batch by {@link TrainStep} on Bishop's objective
 * E(w, b) = ½Σ_n (y(x_n) − t_n)² + (λ/2)‖w‖² ({@code SquaredError.halfSum()} with
 * {@code Penalized.weights(new L2(λ))}; the bias is not penalised), with Nesterov momentum tuned
 * to the curvature bounds of E (step 1/(‖[Φ 1]‖²_F + λ), momentum (√κ − 1)/(√κ + 1) with
 * κ = (‖[Φ 1]‖²_F + λ)/λ), starting from zero weights. For each ln λ,
 * {@link purenet.analysis.BiasVariance} trains the 100 models and decomposes their error at 1,000
 * test inputs into bias², variance and the noise σ² = 0.09; the measured test error is the mean
 * squared error of the 100 models on the same 1,000 inputs with fresh noisy targets, the train error
 * their mean squared error on their own 25 points. The column {@code vs_optimum} is the root mean
 * square distance, over models and test inputs, between a trained model's predictions and the exact
 * minimiser of E (solved in closed form): it shows the trained models really are the regularized
 * optima.
 *
 * <p>Measured with the defaults (2,000 steps per model, 1,100 models; wall time 32–42 s on a shared
 * 2-core machine):
 * <pre>
 *   ln_λ    bias²  variance  bias²+var+σ²  test_error  train_error  vs_optimum
 *   -3.0  0.00059   0.04073       0.13132     0.12818      0.05576     6.6e-08
 *   -2.5  0.00063   0.03579       0.12642     0.12323      0.05696     2.3e-09
 *   -2.0  0.00074   0.03164       0.12238     0.11909      0.05826     3.5e-11
 *   -1.5  0.00093   0.02812       0.11905     0.11565      0.05970     1.8e-13
 *   -1.0  0.00127   0.02506       0.11633     0.11277      0.06129     5.3e-16
 *   -0.5  0.00189   0.02234       0.11423     0.11045      0.06309     4.2e-16
 *    0.0  0.00305   0.01988       0.11293     0.10884      0.06532     3.0e-16
 *    0.5  0.00537   0.01766       0.11303     0.10848      0.06845     2.7e-16
 *    1.0  0.01007   0.01570       0.11577     0.11058      0.07350     2.2e-16
 *    1.5  0.01944   0.01409       0.12353     0.11744      0.08243     1.8e-16
 *    2.0  0.03725   0.01288       0.14012     0.13280      0.09861     1.4e-16
 * </pre>
 * As in Bishop's figure, bias² grows with λ and the variance shrinks; bias² + variance + σ² is
 * U-shaped with its minimum at ln λ = 0 (0.1129), next to the minimum of the measured test error at
 * ln λ = 0.5 (0.1085; 0.1088 at 0). The measured test error sits 0.003–0.007 below the prediction
 * because it is a sample too: the noise of these 1,000 test targets has mean square 0.0871 rather
 * than σ² = 0.09, and the rest is the sample's cross term 2·mean_x ε(x)(h(x) − y(x)). The train
 * error only grows with λ, so it cannot choose λ. The trained models agree with the exact ridge
 * solutions to 7e-8 (RMS) or better.
 *
 * <p>Why the range stops at ln λ = −3: the plug-in bias² is the squared error of the average of
 * only L models, so its expectation is the true bias² plus (variance of one model)/L. Below
 * ln λ ≈ −4 the true bias² is close to zero and the estimate is dominated by that term: a run
 * over ln λ ∈ {−8, −7, …, 2} with the same settings measured bias² = 0.0010, 0.0009, 0.0008,
 * 0.0007, 0.0006, 0.0006 for ln λ = −8 … −3 (variance 0.219, 0.147, 0.101, 0.073, 0.054, 0.041;
 * test error 0.307 at ln λ = −8; the trained models within 0.026 RMS of the exact optima there).
 *
 * <p>Run with {@code mvn -q exec:exec -Dexample=BiasVariance}; arguments (all optional): steps per
 * model, output folder for the PNG (default {@code target/bias-variance}), and {@code --spark} to
 * train the 2,200 models (trained and exact) as Spark tasks ({@link #runOnSpark}; same table).
 */
public final class BiasVariance {
  private BiasVariance() {}

  /**
   * The experiment's settings.
   *
   * @param points     training points N per data set
   * @param noise      the standard deviation σ of the target noise
   * @param basis      number K of Gaussian basis functions, centred at j/(K − 1)
   * @param width      their width s
   * @param dataSets   number L of data sets per λ
   * @param lnLambdas  the values of ln λ
   * @param steps      full-batch training steps per model
   * @param testPoints the number of test inputs
   * @param key        the key of data sets, test inputs and test noise
   */
  public record Config(int points, double noise, int basis, double width, int dataSets, Vector<Double> lnLambdas,
      int steps, int testPoints, Key key) implements Serializable {

    /** Validates the settings. */
    public Config {
      if (points < 1 || basis < 2 || dataSets < 2 || steps < 1 || testPoints < 1) {
        throw new IllegalArgumentException("points, steps, testPoints must be >= 1 and basis, dataSets >= 2, got "
            + points + ", " + steps + ", " + testPoints + ", " + basis + ", " + dataSets);
      }
      if (!(noise >= 0) || !(width > 0) || lnLambdas.isEmpty() || lnLambdas.exists(l -> !Double.isFinite(l))) {
        throw new IllegalArgumentException("noise must be >= 0, width > 0 and ln λ finite, got "
            + noise + ", " + width + ", " + lnLambdas);
      }
    }

    /**
     * Bishop's setting: 100 data sets of 25 points, σ = 0.3, 24 basis functions of width 0.1,
     * ln λ ∈ {−3, −2.5, …, 2} (the range of Bishop's Fig. 3.6), 1,000 test inputs.
     */
    public static Config standard(int steps) {
      return new Config(25, 0.3, 24, 0.1, 100, Vector.range(-6, 5).map(i -> i / 2.0), steps, 1000, Key.of(2006));
    }
  }

  /**
   * One value of λ.
   *
   * @param lnLambda   ln λ
   * @param bias2      bias² at the test inputs
   * @param variance   variance at the test inputs
   * @param noise      σ²
   * @param testError  mean squared error against fresh noisy test targets, averaged over the models
   * @param trainError mean squared error on the model's own training set, averaged over the models
   * @param vsOptimum  RMS distance of the trained models' test predictions from the exact optima's
   */
  public record Row(double lnLambda, double bias2, double variance, double noise, double testError,
      double trainError, double vsOptimum) {

    /** bias² + variance + σ², the predicted test error. */
    public double expectedError() {
      return bias2 + variance + noise;
    }
  }

  /**
   * The whole experiment.
   *
   * @param config the settings
   * @param rows   one row per ln λ, in the order of {@code config.lnLambdas()}
   */
  public record Result(Config config, Vector<Row> rows) {

    /** A table: one line per ln λ. */
    public Vector<String> lines() {
      Vector<String> header = Vector.of(String.format(Locale.ROOT, "%6s %8s %9s %13s %11s %12s %11s",
          "ln_λ", "bias²", "variance", "bias²+var+σ²", "test_error", "train_error", "vs_optimum"));
      return header.appendAll(rows.map(r -> String.format(Locale.ROOT, "%6.1f %8.5f %9.5f %13.5f %11.5f %12.5f %11.1e",
          r.lnLambda(), r.bias2(), r.variance(), r.expectedError(), r.testError(), r.trainError(), r.vsOptimum())));
    }
  }

  /** h(x) = sin(2πx), elementwise: (m, 1) → (m, 1). */
  public static Tensor truth(Tensor x) {
    return x.map(v -> Math.sin(2 * Math.PI * v));
  }

  /** Draws one data set: x ~ U(0, 1) (N, 1), t = sin(2πx) + σε (N, 1). */
  public static Function<Key, Dataset> dataSets(Config config) {
    return key -> {
      Key[] two = key.split(2);
      Tensor x = Tensor.of(two[0].uniform(config.points()), config.points(), 1);
      Tensor eps = Tensor.of(two[1].normal(config.points()), config.points(), 1);
      return new Dataset(x, truth(x).add(eps.mul(config.noise())));
    };
  }

  /** The Gaussian basis: x (m, 1) → Φ (m, K), Φ_ij = exp(−(x_i − j/(K − 1))²/(2s²)). */
  public static Tensor features(Tensor x, Config config) {
    int k = config.basis();
    double twoS2 = 2 * config.width() * config.width();
    return Tensor.generate(Shape.of(x.dim(0), k), i -> {
      double d = x.at(i / k) - (double) (i % k) / (k - 1);
      return Math.exp(-d * d / twoS2);
    });
  }

  /**
   * The learner: a zero-initialised {@code Dense(K → 1)} on the Gaussian features, trained for
   * {@code config.steps()} full-batch Nesterov steps on ½Σ(y − t)² + (λ/2)‖w‖².
   */
  public static Learner ridge(Config config, double lambda) {
    Penalized penalty = Penalized.weights(new L2(lambda));
    return (train, key) -> {
      Tensor phi = features(train.features(), config);
      // ‖[Φ 1]‖²_F + λ bounds the Hessian's largest eigenvalue, λ its smallest (up to a constant).
      double curvature = phi.square().sum() + phi.dim(0) + lambda;
      double rootKappa = Math.sqrt(curvature / lambda);
      TrainStep step = new TrainStep(SquaredError.halfSum(),
          Optimizers.nesterov(1 / curvature, (rootKappa - 1) / (rootKappa + 1)), penalty,
          Vector.empty(), Option.none());
      TrainState state = step.init(Dense.of(Tensor.zeros(config.basis(), 1), Tensor.zeros(1)), key);
      for (int s = 0; s < config.steps(); s++) {
        state = step.apply(state, phi, train.labels()).state();
      }
      Layer trained = state.model();
      return x -> trained.apply(features(x, config));
    };
  }

  /**
   * The exact minimiser of ½Σ(φ(x_n)·w + b − t_n)² + (λ/2)‖w‖², as a predictor (see
   * {@link #ridgeWeights}).
   */
  public static Learner exactRidge(Config config, double lambda) {
    return (train, key) -> {
      Tensor w = ridgeWeights(train, config, lambda);
      return x -> Tensor.concat(1, features(x, config), Tensor.ones(x.dim(0), 1)).matmul(w);
    };
  }

  /**
   * The exact minimiser (w, b) of ½Σ(φ(x_n)·w + b − t_n)² + (λ/2)‖w‖², the solution of the normal
   * equations (AᵀA + diag(λ, …, λ, 0))·(w, b) = Aᵀt with A = [Φ 1] (N, K + 1), by Cholesky.
   *
   * @return (K + 1, 1): the K weights, then the bias
   */
  public static Tensor ridgeWeights(Dataset train, Config config, double lambda) {
    Tensor a = Tensor.concat(1, features(train.features(), config), Tensor.ones(train.size(), 1));
    int p = a.dim(1);
    Tensor penalty = Tensor.generate(Shape.of(p, p), i -> i % (p + 1) == 0 && i / p < p - 1 ? lambda : 0);
    return cholesky(a.transposedMatmul(a).add(penalty), a.transposedMatmul(train.labels()));
  }

  /** Solves g·w = r for a symmetric positive definite g (p, p) and r (p, 1) by Cholesky. */
  private static Tensor cholesky(Tensor g, Tensor r) {
    int p = g.dim(0);
    double[] a = g.toArray();
    double[] l = new double[p * p];
    for (int j = 0; j < p; j++) {
      for (int i = j; i < p; i++) {
        double s = a[i * p + j];
        for (int q = 0; q < j; q++) {
          s -= l[i * p + q] * l[j * p + q];
        }
        l[i * p + j] = i == j ? Math.sqrt(s) : s / l[j * p + j];
      }
    }
    double[] y = r.toArray();
    for (int i = 0; i < p; i++) {
      for (int q = 0; q < i; q++) {
        y[i] -= l[i * p + q] * y[q];
      }
      y[i] /= l[i * p + i];
    }
    for (int i = p - 1; i >= 0; i--) {
      for (int q = i + 1; q < p; q++) {
        y[i] -= l[q * p + i] * y[q];
      }
      y[i] /= l[i * p + i];
    }
    return Tensor.of(y, p, 1);
  }

  /**
   * One cell of the experiment: the model trained on data set l for one λ and the exact optimum on
   * the same data set, measured at the test inputs.
   *
   * @param predictions the trained model's predictions at the test inputs (m, 1)
   * @param optimum     the exact minimiser's predictions there (m, 1)
   * @param trainError  the trained model's mean squared error on its own training set
   */
  public record Cell(Tensor predictions, Tensor optimum, double trainError) implements Serializable {}

  /** The test inputs x (m, 1), true values h(x) and noisy targets t of a run. */
  private record TestSet(Tensor x, Tensor h, Tensor t) {
    static TestSet of(Config config) {
      Key[] keys = config.key().split(3);
      int m = config.testPoints();
      Tensor x = Tensor.of(keys[0].uniform(m), m, 1);
      Tensor h = truth(x);
      return new TestSet(x, h, h.add(Tensor.of(keys[1].normal(m), m, 1).mul(config.noise())));
    }
  }

  /** Trains data set {@code dataSet} for ln λ = {@code lnLambda}: element l of the local run's per-λ fits. */
  public static Cell cell(Config config, double lnLambda, int dataSet, Tensor x) {
    double lambda = Math.exp(lnLambda);
    Key key = config.key().split(3)[2];
    purenet.analysis.BiasVariance bv = new purenet.analysis.BiasVariance(config.dataSets());
    Fitted fitted = bv.fit(dataSets(config), ridge(config, lambda), key, dataSet);
    Fitted exact = bv.fit(dataSets(config), exactRidge(config, lambda), key, dataSet);
    return new Cell(fitted.predict(x), exact.predict(x), fitted.trainError());
  }

  /** Runs the experiment. Pure: the same config gives the same result. */
  public static Result run(Config config) {
    TestSet test = TestSet.of(config);
    purenet.analysis.BiasVariance bv = new purenet.analysis.BiasVariance(config.dataSets());
    Key key = config.key().split(3)[2];
    Function<Key, Dataset> data = dataSets(config);
    Vector<Row> rows = Vector.empty();
    for (double lnLambda : config.lnLambdas()) {
      double lambda = Math.exp(lnLambda);
      Vector<Fitted> fits = bv.fit(data, ridge(config, lambda), key);
      // The same data sets (same key), solved exactly.
      Vector<Fitted> exact = bv.fit(data, exactRidge(config, lambda), key);
      Vector<Cell> cells = fits.zip(exact).map(f -> new Cell(f._1.predict(test.x()), f._2.predict(test.x()),
          f._1.trainError()));
      rows = rows.append(row(config, lnLambda, cells, test));
    }
    return new Result(config, rows);
  }

  /**
   * The same experiment with every (λ, data set) training a Spark task ({@link Sweep}): the table
   * is bit for bit the one of {@link #run(Config)}, since every cell is the same pure computation
   * and the driver combines the cells in the same order.
   */
  public static Result runOnSpark(JavaSparkContext context, Config config) {
    TestSet test = TestSet.of(config);
    Tensor x = test.x();
    Vector<Long> dataSets = Vector.range(0, config.dataSets()).map(Integer::longValue);
    Vector<SweepResult<Double, Cell>> table = Sweep.run(context, config.lnLambdas(), dataSets,
        (lnLambda, l) -> cell(config, lnLambda, (int) l, x));
    Vector<Row> rows = config.lnLambdas().map(lnLambda -> row(config, lnLambda,
        table.filter(r -> r.configuration().equals(lnLambda)).map(SweepResult::result), test));
    return new Result(config, rows);
  }

  private static Row row(Config config, double lnLambda, Vector<Cell> cells, TestSet test) {
    double noise = config.noise() * config.noise();
    Tensor y = Tensor.stack(cells.map(Cell::predictions).toJavaArray(Tensor[]::new));
    Decomposition d = Decomposition.of(y, test.h(), noise);
    double testError = Decomposition.of(y, test.t(), 0).meanDeviation();
    double trainError = cells.map(Cell::trainError).average().get();
    Tensor optimum = Tensor.stack(cells.map(Cell::optimum).toJavaArray(Tensor[]::new));
    double vsOptimum = Math.sqrt(y.sub(optimum).square().mean());
    return new Row(lnLambda, d.bias2(), d.variance(), d.noise(), testError, trainError, vsOptimum);
  }

  /** Writes {@code bias-variance.png}: bias², variance, their sum + σ², test and train error against ln λ. */
  public static void plot(Result result, Path dir) {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("bias²", column(result, Row::bias2));
    series.put("variance", column(result, Row::variance));
    series.put("bias² + variance", column(result, r -> r.bias2() + r.variance()));
    series.put("bias² + variance + σ²", column(result, Row::expectedError));
    series.put("test error", column(result, Row::testError));
    series.put("train error", column(result, Row::trainError));
    Plots.lines(dir.resolve("bias-variance.png"), "bias-variance decomposition of ridge regression (L = "
        + result.config().dataSets() + ", N = " + result.config().points() + ")", "ln λ", "error",
        column(result, Row::lnLambda), series);
  }

  private static double[] column(Result result, java.util.function.ToDoubleFunction<Row> f) {
    return result.rows().toJavaStream().mapToDouble(f).toArray();
  }

  /**
   * Runs Bishop's experiment, prints the table and the wall time, writes the PNG; with
   * {@code --spark} anywhere in the arguments, every training is a Spark task ({@code local[*]},
   * or the master spark-submit gives) and the table is the same.
   */
  public static void main(String[] args) {
    boolean spark = Arrays.asList(args).contains("--spark");
    String[] rest = Arrays.stream(args).filter(a -> !a.equals("--spark")).toArray(String[]::new);
    int steps = rest.length > 0 ? Integer.parseInt(rest[0]) : 2000;
    Path out = Path.of(rest.length > 1 ? rest[1] : "target/bias-variance");
    Config config = Config.standard(steps);
    System.out.println("training " + config.dataSets() + " models for each of " + config.lnLambdas().size()
        + " values of ln λ, " + steps + " steps each" + (spark ? ", as Spark tasks" : ""));
    long start = System.nanoTime();
    Result result;
    if (spark) {
      SparkConf conf = new SparkConf().setAppName("purenet BiasVariance").setIfMissing("spark.master", "local[*]")
          .setIfMissing("spark.ui.enabled", "false");
      try (JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf))) {
        context.setLogLevel("WARN");
        result = runOnSpark(context, config);
      }
    } else {
      result = run(config);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    result.lines().forEach(System.out::println);
    System.out.printf(Locale.ROOT, "wall time %.1f s%n", seconds);
    plot(result, out);
    System.out.println("plot in " + out.toAbsolutePath().resolve("bias-variance.png"));
  }
}
