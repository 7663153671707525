package purenet.examples.bench;

import java.util.Arrays;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.conv.Conv2d;
import purenet.layer.conv.MaxPool2d;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Throughput of LeNet's convolutional part, forward and backward, on MNIST-sized images:
 * C1 = Conv2d.same(1 → 6, 5×5), ReLU, 2×2 max pool, C3 = Conv2d.same(6 → 16, 5×5), ReLU, 2×2 max
 * pool ((B, 1, 28, 28) → (B, 16, 7, 7)), as in the modified LeNet of the FAU Deep Learning exercise
 * "Regularization".
 *
 * <p>Each measurement is the median of {@code iterations} timed repetitions after as many warm-up
 * repetitions; it reports milliseconds per batch and images per second for the whole stack and for
 * each convolution alone, and the arithmetic rate of the convolutions' matrix products. Wall-clock
 * numbers depend on the machine and its load.
 *
 * <pre>
 *   mvn -q -o test-compile exec:exec -Dexample=bench.ConvBenchmark [-Dexample.args="64 30"]
 * </pre>
 * The kernel's thread count can be set with {@code -Djvm.args=-Dpurenet.threads=1}.
 */
public final class ConvBenchmark {
  private ConvBenchmark() {}

  /**
   * One timed part.
   *
   * @param part   what was timed
   * @param millis median wall-clock milliseconds of one forward + backward pass over a batch
   * @param batch  images per batch
   * @param flops  floating-point operations of the convolutions' products in one pass (2 per multiply-add)
   */
  public record Timing(String part, double millis, int batch, double flops) {

    /** Images per second. */
    public double imagesPerSecond() {
      return batch / (millis / 1e3);
    }

    /** Multiply-adds of the convolutions, counted as 2 flops each, per second, in GFLOP/s. */
    public double gigaflops() {
      return flops / (millis / 1e3) / 1e9;
    }

    @Override
    public String toString() {
      return String.format("%-34s %8.2f ms/batch  %9.0f images/s  %6.2f GFLOP/s", part, millis, imagesPerSecond(),
          gigaflops());
    }
  }

  /** Runs the benchmark: batch size and number of timed repetitions (default 64 and 20). */
  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    System.out.println("LeNet convolutions, forward + backward, batch " + batch + " of (1, 28, 28), median of "
        + iterations + " after " + iterations + " warm-up runs, threads="
        + System.getProperty("purenet.threads", "default(" + Runtime.getRuntime().availableProcessors() + ")"));
    for (Timing t : run(batch, iterations)) {
      System.out.println(t);
    }
  }

  /** Times the whole stack and each convolution alone; the same inputs and weights every run. */
  public static Timing[] run(int batch, int iterations) {
    Key key = Key.of(2024);
    Key[] keys = key.split(3);
    Conv2d c1 = Conv2d.same(1, 6, 5, keys[0]);
    Conv2d c3 = Conv2d.same(6, 16, 5, keys[1]);
    Layer stack = Sequential.of(c1, new Relu(), MaxPool2d.of(2), c3, new Relu(), MaxPool2d.of(2));
    Tensor x = Tensor.of(keys[2].uniform(batch * 28 * 28), batch, 1, 28, 28);
    Tensor x3 = Tensor.of(keys[2].foldIn(1).uniform(batch * 6 * 14 * 14), batch, 6, 14, 14);
    // Multiply-adds per pass: K·C·kh·kw per output pixel; backward does two such products.
    double f1 = 2.0 * 6 * 25 * batch * 28 * 28;
    double f3 = 2.0 * 16 * 150 * batch * 14 * 14;
    return new Timing[] {
        time("conv stack (C1, pool, C3, pool)", stack, x, iterations, 3 * (f1 + f3)),
        time("C1 1→6 5×5 same on 28×28", c1, x, iterations, 3 * f1),
        time("C3 6→16 5×5 same on 14×14", c3, x3, iterations, 3 * f3),
    };
  }

  private static Timing time(String part, Layer layer, Tensor x, int iterations, double flops) {
    Shape out = layer.check(x.shape()).output();
    Tensor g = Tensor.of(Key.of(7).normal(out.size()), out);
    double checksum = 0;
    for (int i = 0; i < iterations; i++) {
      checksum += pass(layer, x, g);
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      checksum += pass(layer, x, g);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    if (!Double.isFinite(checksum)) {
      throw new IllegalStateException("non-finite gradients in " + part);
    }
    Arrays.sort(millis);
    return new Timing(part, millis[iterations / 2], x.dim(0), flops);
  }

  /** One forward and backward pass; returns a value depending on every result so none is elided. */
  private static double pass(Layer layer, Tensor x, Tensor g) {
    Forward f = layer.forward(x, Mode.eval());
    var grads = f.backward().apply(g);
    return grads.input().at(0) + grads.params().leaves().map(t -> t.at(0)).sum().doubleValue();
  }
}
