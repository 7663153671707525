package purenet.examples;

import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.init.Glorot;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.optim.Schedule;
import purenet.random.Key;
import purenet.train.Evaluate;
import purenet.train.Evaluation;
import purenet.train.Fit;
import purenet.train.FitConfig;
import purenet.train.FitResult;
import purenet.train.History;
import purenet.train.Plots;
import purenet.train.TrainStep;

/**
 * The same network, data and initial weights trained with each optimizer of
 * {@link purenet.optim.Optimizers}: SGD, momentum, Nesterov, Adagrad, Adadelta, RMSprop, Adam,
 * AMSGrad, AdamW and Adam with a warmed-up cosine schedule. Prints each one's final training and
 * test loss and test accuracy, and writes the loss curves as PNG.
 *
 * <p>Network: 784 → {@code hidden} ReLU (He normal) → 10 (Glorot uniform), softmax cross-entropy
 * averaged over the batch, mini-batches shuffled by the same key for every optimizer, so the
 * optimizers are the only difference. Data: MNIST when fetched (see {@link Mnist}), else the
 * synthetic stand-in {@link SyntheticDigits} (not MNIST; the program says which it used).
 *
 * <p>Run: {@code mvn -q exec:exec -Dexample=OptimizerRace -Dexample.args="6000 1000 5 target"}
 * (training examples, test examples, epochs, output folder; all optional).
 */
public final class OptimizerRace {
  private OptimizerRace() {}

  /**
   * A contestant.
   *
   * @param name      the label in the table and the plots
   * @param optimizer the optimizer
   */
  public record Entrant(String name, GradientTransform optimizer) {}

  /**
   * How every contestant trains.
   *
   * @param hidden    hidden units, ≥ 1
   * @param epochs    epochs, ≥ 1
   * @param batchSize examples per step, ≥ 1
   * @param key       the key of the initial weights and of the shuffles, shared by all
   */
  public record Config(int hidden, int epochs, int batchSize, Key key) {

    /** Validates the sizes. */
    public Config {
      if (hidden < 1 || epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("hidden units, epochs and batch size must be >= 1, got "
            + hidden + ", " + epochs + ", " + batchSize);
      }
    }
  }

  /**
   * One contestant's run.
   *
   * @param name    the entrant's name
   * @param history training loss and accuracy, and test ("validation") loss and accuracy, per epoch
   * @param test    the final model on the test set
   */
  public record Lane(String name, History history, Evaluation test) {}

  /**
   * The outcome, one lane per entrant in the entrants' order.
   *
   * @param lanes the lanes
   */
  public record Result(Vector<Lane> lanes) {

    /** The lane with the lowest final test loss. */
    public Lane winner() {
      return lanes.minBy(l -> l.test().loss()).get();
    }
  }

  /**
   * The optimizers with learning rates that suit this network: SGD 0.1; momentum and Nesterov 0.05
   * with γ = 0.9; Adagrad 0.05; Adadelta without a rate; RMSprop, Adam, AMSGrad 1e-3; AdamW 1e-3
   * with λ = 0.01; Adam under a cosine decay from 3e-3 over {@code totalSteps} after a 10% warm-up.
   */
  public static Vector<Entrant> entrants(long totalSteps) {
    long warmup = Math.max(1, totalSteps / 10);
    Schedule cosine = Schedule.cosine(3e-3, Math.max(1, totalSteps - warmup)).withWarmup(warmup);
    return Vector.of(
        new Entrant("sgd", Optimizers.sgd(0.1)),
        new Entrant("momentum", Optimizers.momentum(0.05, 0.9)),
        new Entrant("nesterov", Optimizers.nesterov(0.05, 0.9)),
        new Entrant("adagrad", Optimizers.adagrad(0.05)),
        new Entrant("adadelta", Optimizers.adadelta()),
        new Entrant("rmsprop", Optimizers.rmsprop(1e-3)),
        new Entrant("adam", Optimizers.adam(1e-3)),
        new Entrant("amsgrad", Optimizers.amsgrad(1e-3)),
        new Entrant("adamw", Optimizers.adamw(1e-3, 0.01)),
        new Entrant("adam+cosine", Optimizers.adam(cosine, 0.9, 0.999, 1e-8)));
  }

  /** The network every entrant starts from: the same weights for the same key. */
  public static Layer network(int inputs, int hidden, int classes, Key key) {
    Key[] keys = key.split(2);
    return Sequential.of(
        Dense.of(inputs, hidden, He.normal(), keys[0]),
        new Relu(),
        Dense.of(hidden, classes, Glorot.uniform(), keys[1]));
  }

  /**
   * Trains one copy of {@link #network} per entrant on {@code train} and evaluates it on
   * {@code test} after every epoch and at the end. Pure: prints and writes nothing; the same
   * arguments give the same result, bit for bit.
   *
   * @param train    features (n, d), labels (n) in 0..classes-1
   * @param test     the same layout
   * @param classes  the number of classes
   * @param entrants the optimizers to compare
   * @param config   network size, epochs, batch size, key
   */
  public static Result run(Dataset train, Dataset test, int classes, Vector<Entrant> entrants, Config config) {
    SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.mean();
    Layer start = network(train.features().dim(1), config.hidden(), classes, config.key());
    FitConfig fit = FitConfig.of(config.epochs(), config.batchSize(), config.key()).withValidation(test).silent();
    return new Result(entrants.map(entrant -> {
      TrainStep step = TrainStep.of(loss, entrant.optimizer());
      FitResult r = Fit.run(step, step.init(start, config.key()), train, fit);
      return new Lane(entrant.name(), r.history(), Evaluate.of(loss).apply(r.state().model(), test));
    }));
  }

  /** {@code [training examples [test examples [epochs [output folder]]]]}, default 6000 1000 5 target. */
  public static void main(String[] args) {
    int trainSize = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
    int testSize = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path out = Path.of(args.length > 3 ? args[3] : "target");
    Key key = Key.of(4);
    Mnist data = Mnist.loadOrSynthetic(trainSize, testSize, key.foldIn(1), System.out::println)
        .take(trainSize, testSize).flat();
    System.out.println("data: " + data.train().size() + " training and " + data.test().size() + " test examples");
    Config config = new Config(64, epochs, 64, key);
    long steps = (long) epochs * ((trainSize + config.batchSize() - 1) / config.batchSize());
    Result result = run(data.train(), data.test(), Mnist.CLASSES, entrants(steps), config);

    System.out.println(String.format(Locale.ROOT, "%-12s %10s %10s %9s", "optimizer", "train loss", "test loss", "test acc"));
    for (Lane lane : result.lanes()) {
      double[] trainLoss = lane.history().trainLoss();
      System.out.println(String.format(Locale.ROOT, "%-12s %10.4f %10.4f %9.4f", lane.name(),
          trainLoss[trainLoss.length - 1], lane.test().loss(), lane.test().accuracy().getOrElse(Double.NaN)));
    }
    System.out.println("lowest test loss: " + result.winner().name());

    Map<String, double[]> train = new LinkedHashMap<>();
    Map<String, double[]> test = new LinkedHashMap<>();
    for (Lane lane : result.lanes()) {
      train.put(lane.name(), lane.history().trainLoss());
      test.put(lane.name(), lane.history().validationLoss());
    }
    Path trainPng = out.resolve("optimizer-race-train-loss.png");
    Path testPng = out.resolve("optimizer-race-test-loss.png");
    Plots.lines(trainPng, "training loss per optimizer", "epoch", "mean training loss", train);
    Plots.lines(testPng, "test loss per optimizer", "epoch", "test loss", test);
    System.out.println("wrote " + trainPng.toAbsolutePath() + " and " + testPng.toAbsolutePath());
  }
}
