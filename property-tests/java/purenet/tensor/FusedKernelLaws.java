package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * The fused kernels of a dense layer's training step compute, bit for bit, what the unfused
 * operations they replace compute, and give the same bits on any number of threads. Exact equality
 * throughout, no tolerance: each performs the same floating-point operations in the same order.
 *
 * <p>Activations are drawn so that the ReLU's cut matters: about half of them negative, some exactly
 * ±0, and the values that a mask computed from the bits could get wrong (NaN, ±∞, the smallest
 * subnormals). Shapes: 1–40 rows, depths 1–40 (1–1100 for the product that reads A where it is
 * stored, to cross depth blocks), 1–40 columns; the passes split across threads on arrays of up to
 * four ranges.
 */
class FusedKernelLaws {
  private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, 1.0, -1.0};

  /** Standard normal values with every {@code every}-th one (if every &gt; 0) replaced by a special value. */
  private static Tensor values(Key key, int every, int... shape) {
    int n = Shape.of(shape).size();
    double[] v = key.normal(n);
    for (int i = 0; every > 0 && i < n; i += every) {
      v[i] = SPECIAL[(i / every) % SPECIAL.length];
    }
    return Tensor.of(v, shape);
  }

  @Property(tries = 200)
  void affineReluIsTheAffineMapThenTheRelu(@ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 7) int every, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Tensor x = values(keys[0], every, m, k);
    Tensor w = values(keys[1], 0, k, n);
    Tensor b = values(keys[2], every, n);
    assertEquals(x.affine(w, b).relu(), x.affineRelu(w, b));
  }

  @Property(tries = 200)
  void maskedProductIsTheReluBackwardOfTheProduct(@ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 7) int every, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Tensor g = values(keys[0], every, m, n);
    Tensor w = values(keys[1], 0, k, n);
    Tensor activation = values(keys[2], every, m, k);
    assertEquals(activation.reluBackward(g.matmulTransposed(w)), g.matmulTransposedMasked(w, activation));
    // The ReLU's output masks as its input does: relu(h) > 0 exactly where h > 0.
    assertEquals(activation.reluBackward(g.matmulTransposed(w)), g.matmulTransposedMasked(w, activation.relu()));
  }

  @Property(tries = 100)
  void productReadingAWhereItIsStoredIsOneFusedChainPerElement(@ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 1100) int k, @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll long seed) {
    MicroKernel kernel = Gemm.vectorKernel();
    Key[] keys = Key.of(seed).split(2);
    double[] a = keys[0].uniform(m * k, -1, 1);
    double[] b = keys[1].uniform(k * n, -1, 1);
    double[] c = new double[m * n];
    Gemm.multiply(kernel, 1, m, n, k, a, 0, false, b, 0, false, c, 0);
    double[] expected = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s = kernel == Gemm.scalarKernel() ? s + a[i * k + p] * b[p * n + j] : Math.fma(a[i * k + p], b[p * n + j], s);
        }
        expected[i * n + j] = s;
      }
    }
    assertArrayEquals(expected, c, kernel.name() + " (" + m + "×" + k + ")·(" + k + "×" + n + ")");
  }

  @Property(tries = 40)
  void sgdStepIsElementwiseOnEveryThreadCountAndKnowsWhetherItIsFinite(
      @ForAll @IntRange(min = 1, max = 4 * Parallel.RANGE) int length, @ForAll @IntRange(min = -3, max = 3) int exponent,
      @ForAll @IntRange(min = 0, max = 3) int bad, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
      @ForAll boolean nearEdge, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(2);
    double[] pv = keys[0].normal(length);
    double[] gv = keys[1].normal(length);
    double c = -Math.pow(10, exponent);
    // Next to the end of a range or of a scanned block (multiples of 2048), or anywhere.
    int position = nearEdge ? Math.min(length - 1, (where % 64 + 1) * 2048 - 1 + where % 3) : where % length;
    switch (bad) {
      case 1 -> gv[position] = Double.NaN;
      case 2 -> pv[position] = Double.NEGATIVE_INFINITY;
      case 3 -> {
        pv[position] = Double.MAX_VALUE; // overflows: MAX + |c|·MAX with |c| ≥ 1e-3
        gv[position] = -Double.MAX_VALUE;
      }
      default -> { }
    }
    Tensor p = Tensor.of(pv, length);
    Tensor g = Tensor.of(gv, length);
    double[] expected = new double[length];
    for (int i = 0; i < length; i++) {
      expected[i] = pv[i] + c * gv[i];
    }
    boolean finite = FiniteScan.scalar(expected);
    sameOnOneTwoAndThreeThreads(() -> {
      Tensor result = p.addScaled(c, g);
      assertArrayEquals(expected, result.toArray());
      assertEquals(finite, result.isFinite(), "isFinite of the step, bad = " + bad + " at " + position);
      return result;
    });
  }

  @Property(tries = 30)
  void finiteScanFindsEveryNonFiniteElementOnEveryThreadCount(
      @ForAll @IntRange(min = 1, max = 4 * Parallel.RANGE) int length, @ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int anywhere, @ForAll long seed) {
    double[] v = Key.of(seed).normal(length);
    double bad = which == 0 ? Double.NaN : which == 1 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    Tensor finite = Tensor.of(v, length);
    // One bad element at a time: anywhere, and next to every edge of a range of the parallel scan,
    // where an off-by-one would miss it.
    java.util.List<Integer> positions = new java.util.ArrayList<>(java.util.List.of(anywhere % length));
    for (int edge = 0; edge <= length; edge += Parallel.RANGE) {
      for (int d = -2; d <= 1; d++) {
        if (edge + d >= 0 && edge + d < length) {
          positions.add(edge + d);
        }
      }
    }
    positions.add(length - 1);
    for (int threads = 1; threads <= 3; threads++) {
      OnThreads.run(threads, () -> {
        assertEquals(true, finite.isFinite(), "all finite, length " + length);
        for (int position : positions) {
          double[] w = v.clone();
          w[position] = bad;
          assertEquals(false, Tensor.of(w, length).isFinite(), "length " + length + ", " + bad + " at " + position);
        }
      });
    }
  }

  /** Runs {@code f} with purenet.threads = 1, 2 and 3 and asserts the three results are equal. */
  private static void sameOnOneTwoAndThreeThreads(Supplier<Tensor> f) {
    Tensor[] one = new Tensor[1];
    OnThreads.run(1, () -> one[0] = f.get());
    for (int threads = 2; threads <= 3; threads++) {
      OnThreads.run(threads, () -> assertEquals(one[0], f.get()));
    }
  }
}
