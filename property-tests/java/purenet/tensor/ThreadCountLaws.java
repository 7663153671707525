package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * The kernels that split their work into tasks ({@link Parallel}) give the same bits on any number
 * of threads: convolution forward and both gradients, max pooling and its gradient, on random
 * geometries (batch 1–9, 1–3 channels, images 4–12 wide, kernels 1–4, strides 1–2, padding 0–2),
 * with groups of one to a few images so that there are several tasks. Exact equality, no tolerance:
 * a task only selects which elements a thread computes, never how.
 */
class ThreadCountLaws {

  @Property(tries = 60)
  void convolutionIsBitIdenticalOnOneTwoAndThreeThreads(@ForAll @IntRange(min = 1, max = 9) int batch,
      @ForAll @IntRange(min = 1, max = 3) int channels, @ForAll @IntRange(min = 1, max = 3) int out,
      @ForAll @IntRange(min = 4, max = 12) int size, @ForAll @IntRange(min = 1, max = 4) int kernel,
      @ForAll @IntRange(min = 1, max = 2) int stride, @ForAll @IntRange(min = 0, max = 2) int padding,
      @ForAll @IntRange(min = 1, max = 400) int groupElements, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Convolution v = Convolution.of(stride, Math.min(padding, kernel - 1));
    Tensor x = Tensor.of(keys[0].normal(batch * channels * size * size), batch, channels, size, size);
    Tensor w = Tensor.of(keys[1].normal(out * channels * kernel * kernel), out, channels, kernel, kernel);
    Shape y = v.outputShape(x.shape(), w.shape());
    Tensor g = Tensor.of(keys[2].normal(y.size()), y);
    sameOnEveryThreadCount("forward", () -> v.forward(x, w, null, groupElements));
    sameOnEveryThreadCount("input gradient", () -> v.inputGrad(g, w, x.shape(), groupElements));
    sameOnEveryThreadCount("kernel gradient", () -> v.kernelGrad(x, g, w.shape(), groupElements));
  }

  @Property(tries = 60)
  void maxPoolingIsBitIdenticalOnOneTwoAndThreeThreads(@ForAll @IntRange(min = 1, max = 40) int planes,
      @ForAll @IntRange(min = 2, max = 12) int size, @ForAll @IntRange(min = 1, max = 3) int window,
      @ForAll @IntRange(min = 1, max = 2) int stride, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(2);
    Pooling pool = Pooling.of(Math.min(window, size), stride);
    Tensor x = Tensor.of(keys[0].normal(planes * size * size), planes, 1, size, size);
    Tensor g = Tensor.of(keys[1].normal(pool.outputShape(x.shape()).size()), pool.outputShape(x.shape()));
    sameOnEveryThreadCount("max pooling", () -> pool.max(x).output());
    sameOnEveryThreadCount("max pooling gradient", () -> pool.max(x).inputGrad(g));
  }

  /** Runs {@code f} with purenet.threads = 1, 2 and 3 and asserts the three results are equal. */
  private static void sameOnEveryThreadCount(String what, Supplier<Tensor> f) {
    Tensor[] one = new Tensor[1];
    OnThreads.run(1, () -> one[0] = f.get());
    for (int threads = 2; threads <= 3; threads++) {
      int t = threads;
      OnThreads.run(t, () -> assertEquals(one[0], f.get(), what + " on " + t + " threads"));
    }
  }
}
