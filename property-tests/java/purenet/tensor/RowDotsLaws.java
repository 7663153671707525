package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * {@link MicroKernel#dots}, C[i][j] = Σ_p A[i][p]·B[j][p] with both operands read along the depth,
 * for the scalar kernel and (when its module is present) the vector kernel, on random shapes
 * (1–8 × 1–9 blocks, depths 0–300, so that every ragged edge and every depth remainder occurs),
 * offsets and row strides.
 */
class RowDotsLaws {

  /** Random operands laid out with offsets and padded row strides, and C pre-filled with NaN. */
  private record Case(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
    static Case random(int m, int n, int k, int aOff, int bOff, int pad, long seed) {
      Key[] keys = Key.of(seed).split(2);
      int lda = k + pad;
      int ldb = k + 2 * pad;
      double[] a = keys[0].uniform(aOff + m * lda, -2, 2);
      double[] b = keys[1].uniform(bOff + n * ldb, -2, 2);
      return new Case(m, n, k, a, aOff, lda, b, bOff, ldb);
    }

    double[] run(MicroKernel kernel) {
      double[] c = new double[m * n];
      Arrays.fill(c, Double.NaN); // dots must overwrite C, never accumulate into it
      kernel.dots(m, n, k, a, aOff, lda, b, bOff, ldb, c, 0, n);
      return c;
    }
  }

  private static List<MicroKernel> kernels() {
    return Gemm.vectorAvailable() ? List.of(Gemm.scalarKernel(), Gemm.loadedVectorKernel())
        : List.of(Gemm.scalarKernel());
  }

  /**
   * Each element is a sum of the k products in some order, so it is within the classical bound of
   * any such summation of the exact value: |c − Σ a·b| ≤ (k + 8)·2⁻⁵³·Σ|a·b| (the extra 8 covers
   * the lanes added at the end). The exact value is computed in BigDecimal, where products and sums
   * of doubles are exact. For k = 0 this demands exact zeros.
   */
  @Property(tries = 200)
  void eachElementIsTheSumOfItsProductsWithinTheSummationBound(@ForAll @IntRange(min = 1, max = 8) int m,
      @ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = 0, max = 300) int k,
      @ForAll @IntRange(min = 0, max = 5) int aOff, @ForAll @IntRange(min = 0, max = 5) int bOff,
      @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll long seed) {
    Case c = Case.random(m, n, k, aOff, bOff, pad, seed);
    for (MicroKernel kernel : kernels()) {
      double[] got = c.run(kernel);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          BigDecimal exact = BigDecimal.ZERO;
          double magnitude = 0;
          for (int p = 0; p < k; p++) {
            double x = c.a()[aOff + i * c.lda() + p];
            double y = c.b()[bOff + j * c.ldb() + p];
            exact = exact.add(new BigDecimal(x).multiply(new BigDecimal(y)));
            magnitude += Math.abs(x * y);
          }
          double error = Math.abs(new BigDecimal(got[i * n + j]).subtract(exact).doubleValue());
          double bound = (k + 8) * 0x1p-53 * magnitude;
          assertTrue(error <= bound, kernel.name() + ": C[" + i + "][" + j + "] = " + got[i * n + j] + " is "
              + error + " from the exact " + exact.doubleValue() + ", more than the bound " + bound + " (k = " + k + ")");
        }
      }
    }
  }

  /**
   * The summation order depends on k alone: every element of an m×n call has exactly the bits of a
   * 1×1 call on its own two rows, so its value depends neither on where its block falls (ragged
   * edges repeat rows) nor on the other rows in the call.
   */
  @Property(tries = 100)
  void anElementHasTheBitsOfItsOwnOneByOneCall(@ForAll @IntRange(min = 1, max = 8) int m,
      @ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = 0, max = 300) int k,
      @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll long seed) {
    Case c = Case.random(m, n, k, 1, 2, pad, seed);
    for (MicroKernel kernel : kernels()) {
      double[] all = c.run(kernel);
      double[] one = new double[1];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          kernel.dots(1, 1, k, c.a(), c.aOff() + i * c.lda(), c.lda(), c.b(), c.bOff() + j * c.ldb(), c.ldb(),
              one, 0, 1);
          assertEquals(Double.doubleToRawLongBits(one[0]), Double.doubleToRawLongBits(all[i * n + j]),
              kernel.name() + ": C[" + i + "][" + j + "] of a " + m + "×" + n + " call, k = " + k);
        }
      }
    }
  }
}
