package purenet.tensor;

/**
 * Copies blocks of op(A) and op(B) into the sliver layouts {@link MicroKernel} reads, absorbing the
 * transposes; slivers that run past the block are padded with zeros.
 *
 * <p>op(A) is m×k, stored row-major as m×k, or as k×m when {@code transA}; op(B) is k×n, stored as
 * k×n, or as n×k when {@code transB}.
 */
final class Pack {
  private Pack() {}

  /**
   * Packs rows {@code [i0, i0 + mc)} and depths {@code [p0, p0 + kc)} of op(A) into slivers of
   * {@code mr} rows: sliver s starts at {@code s·mr·kc} and holds {@code dst[s·mr·kc + p·mr + r]}.
   */
  static void a(int m, int k, double[] a, int aOff, boolean transA, int i0, int mc, int p0, int kc,
      int mr, double[] dst) {
    for (int s = 0; s * mr < mc; s++) {
      int base = s * mr * kc;
      int rows = Math.min(mr, mc - s * mr);
      int row0 = i0 + s * mr;
      if (transA) {
        for (int p = 0; p < kc; p++) {
          int src = aOff + (p0 + p) * m + row0;
          int d = base + p * mr;
          for (int r = 0; r < rows; r++) {
            dst[d + r] = a[src + r];
          }
          for (int r = rows; r < mr; r++) {
            dst[d + r] = 0;
          }
        }
      } else {
        for (int r = 0; r < rows; r++) {
          int src = aOff + (row0 + r) * k + p0;
          for (int p = 0; p < kc; p++) {
            dst[base + p * mr + r] = a[src + p];
          }
        }
        for (int r = rows; r < mr; r++) {
          for (int p = 0; p < kc; p++) {
            dst[base + p * mr + r] = 0;
          }
        }
      }
    }
  }

  /**
   * Packs depths {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of op(B) into slivers of
   * {@code nr} columns: sliver t starts at {@code t·nr·kc} and holds {@code dst[t·nr·kc + p·nr + j]}.
   */
  static void b(int n, int k, double[] b, int bOff, boolean transB, int p0, int kc, int j0, int nc,
      int nr, double[] dst) {
    b(n, k, b, bOff, transB, p0, kc, j0, nc, nr, dst, 0);
  }

  /** As {@link #b(int, int, double[], int, boolean, int, int, int, int, int, double[])}, from {@code dstOff}. */
  static void b(int n, int k, double[] b, int bOff, boolean transB, int p0, int kc, int j0, int nc,
      int nr, double[] dst, int dstOff) {
    for (int t = 0; t * nr < nc; t++) {
      int base = dstOff + t * nr * kc;
      int cols = Math.min(nr, nc - t * nr);
      int col0 = j0 + t * nr;
      if (transB) {
        for (int j = 0; j < cols; j++) {
          int src = bOff + (col0 + j) * k + p0;
          for (int p = 0; p < kc; p++) {
            dst[base + p * nr + j] = b[src + p];
          }
        }
        for (int j = cols; j < nr; j++) {
          for (int p = 0; p < kc; p++) {
            dst[base + p * nr + j] = 0;
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int src = bOff + (p0 + p) * n + col0;
          int d = base + p * nr;
          System.arraycopy(b, src, dst, d, cols);
          for (int j = cols; j < nr; j++) {
            dst[d + j] = 0;
          }
        }
      }
    }
  }
}
