package purenet.examples.bench;

import java.util.Arrays;
import java.util.Locale;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.train.ValueChecks;

/**
 * The cost of the training step's value checks ({@link ValueChecks}: features, gradients, updated
 * parameters and layer state scanned for NaN and ±∞): {@link MlpBenchmark}'s 784-256-256-10 ReLU
 * MLP, one SGD step on a batch of 128, with every check and with none, in interleaved timed runs (so
 * that a busy machine slows both alike), as images per second and the relative overhead of the
 * medians.
 *
 * <p>Run with {@code mvn -q test-compile exec:exec -Dexample=bench.ValueCheckBenchmark}
 * ({@code -Dexample.args="200 9"}: steps per run, runs per setting).
 */
public final class ValueCheckBenchmark {
  private ValueCheckBenchmark() {}

  /**
   * Median images per second with and without the checks.
   *
   * @param checked   with {@link ValueChecks#all()}
   * @param unchecked with {@link ValueChecks#none()}
   */
  public record Rates(double checked, double unchecked) {
    /** The checks' cost: 1 − checked / unchecked, as a fraction of the unchecked throughput. */
    public double overhead() {
      return 1 - checked / unchecked;
    }
  }

  /**
   * Times {@code runs} runs of {@code steps} steps for each setting, alternating, after a warm-up of
   * {@code steps} steps each.
   *
   * @param steps steps per timed run, ≥ 1
   * @param runs  timed runs per setting, ≥ 1
   * @return the median rates
   */
  public static Rates measure(int steps, int runs) {
    int batch = 128;
    Key key = Key.of(1);
    Key[] k = key.split(2);
    Sequential model = Workload.mlp(k[0]);
    Tensor x = Tensor.of(k[1].uniform(batch * 784), batch, 784);
    Tensor y = Tensor.generate(Shape.of(batch), i -> i % 10);
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.01)).withoutAccuracy();
    TrainState[] states = {step.init(model, key), step.init(model, key)};
    ValueChecks[] settings = {ValueChecks.all(), ValueChecks.none()};
    double[][] rates = new double[2][runs];
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < steps; i++) {
        states[s] = step.apply(states[s], x, y, settings[s]).state();
      }
    }
    for (int r = 0; r < runs; r++) {
      for (int s = 0; s < 2; s++) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          states[s] = step.apply(states[s], x, y, settings[s]).state();
        }
        rates[s][r] = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
      }
    }
    Arrays.sort(rates[0]);
    Arrays.sort(rates[1]);
    return new Rates(rates[0][runs / 2], rates[1][runs / 2]);
  }

  /** Arguments: [steps per run, default 200] [runs per setting, default 9]. */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    Rates r = measure(steps, runs);
    System.out.printf(Locale.ROOT, "mlp 784-256-256-10 batch 128 threads=%s: checks on %.0f images/s, off %.0f images/s,"
        + " overhead %.1f%%%n", System.getProperty("purenet.threads", "default(" + Runtime.getRuntime().availableProcessors()
        + ")"), r.checked(), r.unchecked(), 100 * r.overhead());
  }
}
