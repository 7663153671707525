package purenet.examples.bench;

import java.util.Arrays;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Time of one LSTM training pass at CharRnn's size: forward and parameters-only backward through
 * time over (batch 32, time 25, features 83) with 128 hidden units, carrying the state, in
 * milliseconds per pass and microseconds per time step.
 *
 * <p>Run with {@code mvn -q test-compile exec:exec -Dexample=bench.LstmBenchmark}. It warms up,
 * then reports the median and best of several timed runs of {@code passes} passes each.
 */
public final class LstmBenchmark {
  private LstmBenchmark() {}

  /** Arguments: [passes per run, default 20] [runs, default 7]. */
  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int batch = 32;
    int time = 25;
    int features = 83;
    int hidden = 128;
    Key[] k = Key.of(1).split(3);
    Layer layer = Scan.of(Lstm.of(features, hidden, k[0])).carrying(batch);
    Tensor x = Tensor.of(k[1].uniform(batch * time * features), batch, time, features);
    Tensor g = Tensor.of(k[2].uniform(batch * time * hidden), batch, time, hidden);
    for (int i = 0; i < passes; i++) {
      layer = pass(layer, x, g, i);
    }
    double[] ms = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < passes; i++) {
        layer = pass(layer, x, g, i);
      }
      ms[r] = (System.nanoTime() - start) / 1e6 / passes;
    }
    Arrays.sort(ms);
    System.out.printf("lstm B=%d T=%d F=%d H=%d forward+backward: median %.2f ms/pass (%.1f us/step), best %.2f ms/pass%n",
        batch, time, features, hidden, ms[runs / 2], ms[runs / 2] * 1000 / time, ms[0]);
  }

  private static Layer pass(Layer layer, Tensor x, Tensor g, int i) {
    Forward f = layer.forward(x, Mode.train(Key.of(i)));
    if (f.backward().paramsOnly(g).leaves().isEmpty()) {
      throw new IllegalStateException("no gradient");
    }
    return f.next();
  }
}
