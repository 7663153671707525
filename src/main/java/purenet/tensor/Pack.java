package purenet.tensor;

/**
 * Copies blocks of op(A) and op(B) into the sliver layouts {@link MicroKernel} reads, absorbing the
 * transposes; slivers that run past the block are padded with zeros.
 *
 * <p>op(A) is m×k, stored row-major as m×k, or as k×m when {@code transA}; op(B) is k×n, stored as
 * k×n, or as n×k when {@code transB}.
 *
 * <p>These are the portable copies; {@link BlockedGemm} packs through its kernel
 * ({@link MicroKernel#packA}, {@link MicroKernel#packB}), which may copy the slivers that are
 * contiguous in memory by whole vectors and must write the same values.
 */
final class Pack {
  /** Rows of a sliver that {@link #a} copies by its fast path: the vector kernel's mr. */
  private static final int WIDE = 8;

  private Pack() {}

  /**
   * Packs rows {@code [i0, i0 + mc)} and depths {@code [p0, p0 + kc)} of op(A) into slivers of
   * {@code mr} rows: sliver s starts at {@code s·mr·kc} and holds {@code dst[s·mr·kc + p·mr + r]}.
   *
   * <p>A full sliver of {@value #WIDE} rows (the vector kernel's) is copied with the destination
   * written in order, eight rows at a time: from A as stored, eight reads from eight rows (or from
   * one row of Aᵀ) per eight consecutive writes. The general loop writes one row with stride mr,
   * which runs two to three times slower (the transposed case worst, its inner loop being too short
   * for the compiler to vectorise).
   */
  static void a(int m, int k, double[] a, int aOff, boolean transA, int i0, int mc, int p0, int kc,
      int mr, double[] dst) {
    a(m, k, a, aOff, transA, i0, mc, p0, kc, mr, dst, 0);
  }

  /** As {@link #a(int, int, double[], int, boolean, int, int, int, int, int, double[])}, from {@code dstOff}. */
  static void a(int m, int k, double[] a, int aOff, boolean transA, int i0, int mc, int p0, int kc,
      int mr, double[] dst, int dstOff) {
    for (int s = 0; s * mr < mc; s++) {
      int base = dstOff + s * mr * kc;
      int rows = Math.min(mr, mc - s * mr);
      int row0 = i0 + s * mr;
      if (rows == WIDE && mr == WIDE) {
        if (transA) {
          eightOfTransposed(a, aOff + p0 * m + row0, m, kc, dst, base);
        } else {
          eightRows(a, aOff + row0 * k + p0, k, kc, dst, base);
        }
      } else if (transA) {
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

  /** kc depths of eight rows of A as stored, row r at {@code src + r·k}, into {@code dst[d + p·8 + r]}. */
  private static void eightRows(double[] a, int src, int k, int kc, double[] dst, int d) {
    int s0 = src;
    int s1 = s0 + k;
    int s2 = s1 + k;
    int s3 = s2 + k;
    int s4 = s3 + k;
    int s5 = s4 + k;
    int s6 = s5 + k;
    int s7 = s6 + k;
    for (int p = 0; p < kc; p++, d += WIDE) {
      dst[d] = a[s0 + p];
      dst[d + 1] = a[s1 + p];
      dst[d + 2] = a[s2 + p];
      dst[d + 3] = a[s3 + p];
      dst[d + 4] = a[s4 + p];
      dst[d + 5] = a[s5 + p];
      dst[d + 6] = a[s6 + p];
      dst[d + 7] = a[s7 + p];
    }
  }

  /** kc depths of eight consecutive columns of a stored Aᵀ (depth p at {@code src + p·m}) into {@code dst[d + p·8 + r]}. */
  private static void eightOfTransposed(double[] a, int src, int m, int kc, double[] dst, int d) {
    for (int p = 0; p < kc; p++, src += m, d += WIDE) {
      dst[d] = a[src];
      dst[d + 1] = a[src + 1];
      dst[d + 2] = a[src + 2];
      dst[d + 3] = a[src + 3];
      dst[d + 4] = a[src + 4];
      dst[d + 5] = a[src + 5];
      dst[d + 6] = a[src + 6];
      dst[d + 7] = a[src + 7];
    }
  }

  /**
   * Packs depths {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of op(B) into slivers of
   * {@code nr} columns from {@code dstOff}: sliver t starts at {@code dstOff + t·nr·kc} and holds
   * {@code dst[dstOff + t·nr·kc + p·nr + j]}.
   */
  static void b(int n, int k, double[] b, int bOff, boolean transB, int p0, int kc, int j0, int nc,
      int nr, double[] dst, int dstOff) {
    for (int t = 0; t * nr < nc; t++) {
      int base = dstOff + t * nr * kc;
      int cols = Math.min(nr, nc - t * nr);
      int col0 = j0 + t * nr;
      if (transB) {
        // Four columns at a time: four reads from four rows of Bᵀ per four adjacent writes, about
        // 1.6 times as fast as a column at a time, whose writes all have stride nr.
        int j = 0;
        for (; j + 4 <= cols; j += 4) {
          fourOfTransposed(b, bOff + (col0 + j) * k + p0, k, kc, dst, base + j, nr);
        }
        for (; j < cols; j++) {
          int src = bOff + (col0 + j) * k + p0;
          for (int p = 0; p < kc; p++) {
            dst[base + p * nr + j] = b[src + p];
          }
        }
        for (j = cols; j < nr; j++) {
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

  /** kc depths of four columns of op(B) from a stored Bᵀ (column c at {@code src + c·k}) into {@code dst[d + p·nr + c]}. */
  private static void fourOfTransposed(double[] b, int src, int k, int kc, double[] dst, int d, int nr) {
    int s0 = src;
    int s1 = s0 + k;
    int s2 = s1 + k;
    int s3 = s2 + k;
    for (int p = 0; p < kc; p++, d += nr) {
      dst[d] = b[s0 + p];
      dst[d + 1] = b[s1 + p];
      dst[d + 2] = b[s2 + p];
      dst[d + 3] = b[s3 + p];
    }
  }
}
