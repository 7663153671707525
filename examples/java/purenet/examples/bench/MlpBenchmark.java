package purenet.examples.bench;

import java.util.Arrays;
import purenet.data.Dataset;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * Training throughput of a 784-256-256-10 ReLU MLP: one full SGD step (forward, softmax
 * cross-entropy, backward, update) on batches of 128, in images per second.
 *
 * <p>Run with {@code mvn -q test-compile exec:exec -Dexample=bench.MlpBenchmark} and set the
 * kernel's thread count with {@code -Djvm.args=-Dpurenet.threads=1}. It warms up, then reports the
 * median and best of several timed runs of {@code steps} steps each.
 */
public final class MlpBenchmark {
  private MlpBenchmark() {}

  /** Arguments: [steps per run, default 200] [runs, default 7]. */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int batch = 128;
    Key key = Key.of(1);
    Key[] k = key.split(2);
    Sequential model = Workload.mlp(k[0]);
    Tensor x = Tensor.of(k[1].uniform(batch * 784), batch, 784);
    Tensor y = Tensor.generate(purenet.tensor.Shape.of(batch), i -> i % 10);
    Dataset data = new Dataset(x, y);
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.01)).withoutAccuracy();
    TrainState state = step.init(model, key);
    for (int i = 0; i < steps; i++) {
      state = step.apply(state, data).state();
    }
    double[] rates = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        state = step.apply(state, data).state();
      }
      rates[r] = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(rates);
    System.out.printf("mlp 784-256-256-10 batch %d threads=%s: median %.0f images/s, best %.0f images/s%n",
        batch, System.getProperty("purenet.threads", "default(" + Runtime.getRuntime().availableProcessors() + ")"),
        rates[runs / 2], rates[runs - 1]);
  }
}
