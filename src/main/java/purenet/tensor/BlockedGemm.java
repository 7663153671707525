package purenet.tensor;

import java.util.Arrays;

/**
 * The GotoBLAS loop nest around a {@link MicroKernel}, over one rectangular region of C.
 *
 * <p>From the outside in: panels of {@code NC} columns of C; blocks of {@code KC} depths, for
 * which the kc×nc panel of op(B) is packed (it stays in L3); blocks of {@code MC} rows, for which
 * the mc×kc block of op(A) is packed (it stays in L2); then slivers of {@code nr} columns (a
 * kc×nr sliver of B is reused from L1 by every sliver of A) and of {@code mr} rows, each one
 * call of the micro-kernel. The region is zeroed first and every tile accumulates into C, so an
 * element of C is one multiply-add chain over p = 0 ... k-1 whatever the block sizes.
 */
final class BlockedGemm {
  static final int KC = Integer.getInteger("tune.kc", 256);
  private static final int MC = Integer.getInteger("tune.mc", 96);
  private static final int NC = Integer.getInteger("tune.nc", 2048);

  /** Packing buffers, kept per thread so that a product allocates nothing on the hot path. */
  private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[3][0]);

  private BlockedGemm() {}

  /**
   * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C = op(A)·op(B), overwriting
   * them; C is m×n row-major at {@code cOff}.
   */
  static void run(MicroKernel kernel, int m, int n, int k, double[] a, int aOff, boolean transA,
      double[] b, int bOff, boolean transB, double[] c, int cOff, int i0, int i1, int j0, int j1) {
    for (int i = i0; i < i1; i++) {
      Arrays.fill(c, cOff + i * n + j0, cOff + i * n + j1, 0.0);
    }
    int mr = kernel.mr();
    int nr = kernel.nr();
    int mcMax = Math.max(mr, MC / mr * mr);
    int ncMax = Math.max(nr, NC / nr * nr);
    int kcMax = Math.min(KC, k);
    double[][] buffers = BUFFERS.get();
    double[] aPack = buffer(buffers, 0, roundUp(Math.min(mcMax, i1 - i0), mr) * kcMax);
    double[] bPack = buffer(buffers, 1, roundUp(Math.min(ncMax, j1 - j0), nr) * kcMax);
    double[] edge = buffer(buffers, 2, mr * nr);
    for (int jc = j0; jc < j1; jc += ncMax) {
      int nc = Math.min(ncMax, j1 - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        Pack.b(n, k, b, bOff, transB, pc, kc, jc, nc, nr, bPack);
        for (int ic = i0; ic < i1; ic += mcMax) {
          int mc = Math.min(mcMax, i1 - ic);
          Pack.a(m, k, a, aOff, transA, ic, mc, pc, kc, mr, aPack);
          for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
              int rows = Math.min(mr, mc - ir);
              int at = cOff + (ic + ir) * n + jc + jr;
              if (rows == mr && cols == nr) {
                kernel.tile(kc, aPack, ir * kc, bPack, jr * kc, c, at, n);
              } else {
                // A ragged edge: the same full-tile update on a copy, of which the part inside C is kept.
                for (int r = 0; r < rows; r++) {
                  System.arraycopy(c, at + r * n, edge, r * nr, cols);
                }
                kernel.tile(kc, aPack, ir * kc, bPack, jr * kc, edge, 0, nr);
                for (int r = 0; r < rows; r++) {
                  System.arraycopy(edge, r * nr, c, at + r * n, cols);
                }
              }
            }
          }
        }
      }
    }
  }

  private static double[] buffer(double[][] buffers, int which, int size) {
    if (buffers[which].length < size) {
      buffers[which] = new double[size];
    }
    return buffers[which];
  }

  private static int roundUp(int x, int unit) {
    return (x + unit - 1) / unit * unit;
  }
}
