package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import purenet.random.Key;

/**
 * The matrix-multiply kernel against a naive triple loop, across odd shapes, all four transpose
 * combinations, both micro-kernels and several thread counts, plus its determinism contract.
 */
class GemmTest {
  private static final int[] SIZES = {1, 7, 13, 33, 257};

  /** A product's operands, stored as Gemm reads them (op(A) is m×k, op(B) is k×n). */
  private record Case(int m, int n, int k, boolean transA, boolean transB, double[] a, double[] b) {
    static Case random(Key key, int m, int n, int k, boolean transA, boolean transB) {
      Key[] keys = key.split(2);
      return new Case(m, n, k, transA, transB, keys[0].uniform(m * k, -1, 1), keys[1].uniform(k * n, -1, 1));
    }

    double a(int i, int p) {
      return transA ? a[p * m + i] : a[i * k + p];
    }

    double b(int p, int j) {
      return transB ? b[j * k + p] : b[p * n + j];
    }

    double[] run(MicroKernel kernel, int threads) {
      double[] c = new double[m * n];
      Arrays.fill(c, Double.NaN); // the kernel must overwrite, not accumulate into, C
      Gemm.multiply(kernel, threads, m, n, k, a, 0, transA, b, 0, transB, c, 0);
      return c;
    }

    /** The textbook triple loop, with plain rounded products and sums. */
    double[] naive() {
      double[] c = new double[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += a(i, p) * b(p, j);
          }
          c[i * n + j] = s;
        }
      }
      return c;
    }

    /** Each element as the contract says: one chain c = fma(a, b, c) over p in order. */
    double[] fusedChain() {
      double[] c = new double[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s = Math.fma(a(i, p), b(p, j), s);
          }
          c[i * n + j] = s;
        }
      }
      return c;
    }

    @Override
    public String toString() {
      return "(" + m + "×" + k + ")·(" + k + "×" + n + ") transA=" + transA + " transB=" + transB;
    }
  }

  private static List<Case> oddShapes() {
    List<Case> cases = new ArrayList<>();
    Key key = Key.of(20240611);
    int i = 0;
    for (int m : SIZES) {
      for (int n : SIZES) {
        for (int k : SIZES) {
          if ((long) m * n * k > 257L * 257 * 33) {
            continue; // the largest cubes add time, not coverage
          }
          int t = i % 4;
          cases.add(Case.random(key.foldIn(i++), m, n, k, (t & 1) != 0, (t & 2) != 0));
        }
      }
    }
    // Every transpose combination on shapes large enough to split across threads and to span
    // several depth blocks and row blocks.
    for (int t = 0; t < 4; t++) {
      for (int[] s : SPLIT_SHAPES) {
        cases.add(Case.random(key.foldIn(1000 * s[0] + t), s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
      }
    }
    return cases;
  }

  /** (m, n, k) of products that are split into several bands of rows or of columns. */
  private static final int[][] SPLIT_SHAPES = {{257, 130, 300}, {33, 257, 600}, {40, 700, 150}, {3, 1500, 700}};

  /** ‖x − y‖_F / ‖y‖_F. */
  private static double relativeError(double[] x, double[] y) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      diff += (x[i] - y[i]) * (x[i] - y[i]);
      norm += y[i] * y[i];
    }
    return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
  }

  @Test
  void bothKernelsMatchTheNaiveTripleLoop() {
    for (Case c : oddShapes()) {
      double[] expected = c.naive();
      for (MicroKernel kernel : List.of(Gemm.vectorKernel(), Gemm.scalarKernel())) {
        for (int threads : new int[] {1, 2}) {
          double[] actual = c.run(kernel, threads);
          // Inputs in [-1, 1], k ≤ 600: rounding differences stay far below 1e-12 relative.
          double err = relativeError(actual, expected);
          assertTrue(err <= 1e-12, kernel.name() + " " + threads + " threads " + c + ": relative error " + err);
        }
      }
    }
  }

  @Test
  void resultsAreBitIdenticalWhateverTheThreadCount() {
    for (Case c : oddShapes()) {
      for (MicroKernel kernel : List.of(Gemm.vectorKernel(), Gemm.scalarKernel())) {
        double[] one = c.run(kernel, 1);
        for (int threads : new int[] {2, 3, 7}) {
          assertArrayEquals(one, c.run(kernel, threads), kernel.name() + " " + threads + " threads " + c);
        }
      }
    }
  }

  @Test
  void largeProductsReallySplitIntoBands() {
    // Guards the test above: without several bands it would compare a product with itself.
    for (MicroKernel kernel : List.of(Gemm.vectorKernel(), Gemm.scalarKernel())) {
      for (int[] s : SPLIT_SHAPES) {
        Gemm.Split split = Gemm.split(kernel, 2, s[0], s[1], s[2]);
        assertTrue(split.bands() >= 2, kernel.name() + " " + Arrays.toString(s) + ": " + split);
        assertEquals(split.byColumns(), s[1] >= s[0]);
      }
      assertTrue(Gemm.split(kernel, 7, 40, 700, 150).bands() >= 4);
      assertEquals(1, Gemm.split(kernel, 1, 257, 130, 300).bands());
      assertEquals(1, Gemm.split(kernel, 2, 16, 16, 16).bands());
    }
  }

  @Test
  void vectorKernelComputesEachElementAsOneFusedChain() {
    for (Case c : oddShapes()) {
      assertArrayEquals(c.fusedChain(), c.run(Gemm.vectorKernel(), 2), c.toString());
    }
  }

  @Test
  void scalarKernelComputesEachElementAsThePlainLoop() {
    for (Case c : oddShapes()) {
      assertArrayEquals(c.naive(), c.run(Gemm.scalarKernel(), 2), c.toString());
    }
  }

  @Test
  void scalarAndVectorKernelsAgree() {
    for (Case c : oddShapes()) {
      double err = relativeError(c.run(Gemm.scalarKernel(), 1), c.run(Gemm.vectorKernel(), 1));
      // Same order of summation, fused versus rounded products: agreement to ~k ulps.
      assertTrue(err <= 1e-12, c + ": scalar versus vector relative error " + err);
    }
  }

  @Test
  void vectorKernelIsUsedWhenTheModuleIsPresent() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertEquals(present, Gemm.vectorAvailable());
    assertEquals(present ? "vector" : "scalar", Gemm.defaultKernel().name().split(" ")[0]);
  }

  @Test
  void respectsOffsetsAndLeavesTheRestOfCAlone() {
    Case c = Case.random(Key.of(7), 19, 23, 29, true, false);
    double[] a = new double[5 + c.a.length];
    double[] b = new double[3 + c.b.length];
    System.arraycopy(c.a, 0, a, 5, c.a.length);
    System.arraycopy(c.b, 0, b, 3, c.b.length);
    double[] out = new double[11 + 19 * 23 + 13];
    Arrays.fill(out, 42.0);
    Gemm.multiply(Gemm.defaultKernel(), 2, 19, 23, 29, a, 5, true, b, 3, false, out, 11);
    assertArrayEquals(c.run(Gemm.defaultKernel(), 1), Arrays.copyOfRange(out, 11, 11 + 19 * 23));
    for (int i = 0; i < 11; i++) {
      assertEquals(42.0, out[i]);
    }
    for (int i = 11 + 19 * 23; i < out.length; i++) {
      assertEquals(42.0, out[i]);
    }
  }

  @Test
  void aFailingBandIsRethrownToTheCallerAfterTheOthersFinish() {
    // B is one row short: the bands that read the missing row fail, on whichever thread.
    int m = 40;
    int n = 700;
    int k = 150;
    assertThrows(IndexOutOfBoundsException.class, () -> Gemm.multiply(Gemm.defaultKernel(), 2, m, n, k,
        new double[m * k], 0, false, new double[(k - 1) * n], 0, false, new double[m * n], 0));
  }

  @Test
  void emptyDepthGivesZerosAndEmptyResultsAreFine() {
    double[] c = {1, 2, 3, 4, 5, 6};
    Gemm.multiply(2, 3, 0, new double[0], 0, false, new double[0], 0, false, c, 0);
    assertArrayEquals(new double[6], c);
    Gemm.multiply(0, 3, 4, new double[0], 0, false, new double[12], 0, false, new double[0], 0);
    Gemm.multiply(3, 0, 4, new double[12], 0, false, new double[0], 0, false, new double[0], 0);
  }

  @Test
  void aRowOfTheProductDoesNotDependOnTheRestOfTheBatch() {
    Key[] keys = Key.of(3).split(2);
    Tensor batch = Tensor.of(keys[0].uniform(300 * 200, -1, 1), 300, 200);
    Tensor w = Tensor.of(keys[1].uniform(200 * 100, -1, 1), 200, 100);
    Tensor all = batch.matmul(w);
    for (int row : new int[] {0, 7, 150, 299}) {
      assertEquals(batch.slice(row, row + 1).matmul(w), all.slice(row, row + 1), "row " + row);
    }
  }

  @Test
  void batchedProductsEqualTheProductOfEachMatrix() {
    Key[] keys = Key.of(5).split(3);
    Tensor a = Tensor.of(keys[0].uniform(4 * 9 * 11, -1, 1), 4, 9, 11);
    Tensor shared = Tensor.of(keys[1].uniform(11 * 6, -1, 1), 11, 6);
    Tensor each = Tensor.of(keys[2].uniform(4 * 11 * 6, -1, 1), 4, 11, 6);
    Tensor withShared = a.matmul(shared);
    Tensor withEach = a.matmul(each);
    for (int i = 0; i < 4; i++) {
      assertEquals(a.index(i).matmul(shared), withShared.index(i));
      assertEquals(a.index(i).matmul(each.index(i)), withEach.index(i));
      assertEquals(a.index(i).transpose().transposedMatmul(each.index(i)),
          a.transpose().transposedMatmul(each).index(i));
    }
  }
}
