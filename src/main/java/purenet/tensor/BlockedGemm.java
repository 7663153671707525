package purenet.tensor;

/**
 * The GotoBLAS loop nest around a {@link MicroKernel}, over one rectangular region of C.
 *
 * <p>From the outside in: panels of at most {@link #NC} columns of C; blocks of at most
 * {@link #KC} depths, for which the kc×nc panel of op(B) is packed; blocks of at most {@link #MC}
 * rows, for which the mc×kc block of op(A) is packed; then slivers of {@code nr} columns (a kc×nr
 * sliver of B is reused from L1 by every sliver of A) and of {@code mr} rows, each one call of
 * the micro-kernel. In a product of at most {@link #ROWS_OF_A_MAX_COLUMNS} columns, a kernel that
 * reads a row-major A where it is stored ({@link MicroKernel#readsRowsOfA}) gets its full slivers
 * unpacked; only a ragged last sliver of a row block is packed (zero-padded). Blocks are made equal (1000 = 4 × 250 rather than
 * 3 × 256 + 232) so that no thin remainder block wastes the micro-kernel's set-up. The first depth block computes its tiles
 * from zeros and overwrites C (no zero-fill, no reading of C's old contents: a product into a
 * fresh array larger than the cache would otherwise wait on a cache miss at every tile); each later
 * block accumulates onto C, so an element of C is one multiply-add chain over p = 0 ... k-1 from
 * +0.0, whatever the block sizes.
 */
final class BlockedGemm {
  /**
   * Most depths per block. Every depth block after the first reads C and writes it again, so fewer,
   * deeper blocks move less of C; the kc×nr sliver of B (64 KiB with AVX-512) then streams from L2
   * rather than staying in L1, which cost nothing measurable: against 256, the products of an MLP
   * training step ran 1.5–7 % faster and a 1024² product −2 to +13 % (four alternating runs).
   */
  static final int KC = 512;
  /** Most rows per block: a packed mc×kc block of A (384 KiB) stays in L2. */
  static final int MC = 96;
  /**
   * Widest product whose row-major A is read where it is stored ({@link MicroKernel#readsRowsOfA}).
   * In a wide product each row of A serves many slivers of B, so packing it costs little, while
   * eight rows read in place with a power-of-two stride share cache sets: a 1024² product ran at 55 %
   * of its packed speed unpacked, the 784-wide input of an MLP's 256-unit layer 1.31 times as fast.
   */
  static final int ROWS_OF_A_MAX_COLUMNS = 256;
  /** Most columns per panel: a packed kc×nc panel of B (8 MiB) stays in L3. */
  static final int NC = 2048;
  /**
   * One row of zeros, the input tile of the first depth block (read with row stride 0): C is
   * computed from +0.0 without being zero-filled and read back. Never written.
   */
  private static final double[] ZEROS = new double[64];

  private BlockedGemm() {}

  /**
   * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C = op(A)·op(B), overwriting
   * them; C is m×n row-major at {@code cOff}.
   */
  static void run(MicroKernel kernel, int m, int n, int k, double[] a, int aOff, boolean transA,
      double[] b, int bOff, boolean transB, double[] c, int cOff, int i0, int i1, int j0, int j1) {
    run(kernel, m, n, k, a, aOff, transA, b, bOff, transB, null, c, cOff, i0, i1, j0, j1);
  }

  /**
   * As above; with {@code packed} (op(B) already in {@link #pack}'s layout, for the same kernel) no
   * part of B is packed again, and {@code j0} must be a multiple of the kernel's {@code nr}.
   */
  static void run(MicroKernel kernel, int m, int n, int k, double[] a, int aOff, boolean transA,
      double[] b, int bOff, boolean transB, double[] packed, double[] c, int cOff, int i0, int i1, int j0, int j1) {
    int mr = kernel.mr();
    int nr = kernel.nr();
    // Equal blocks (rounded to whole slivers) rather than full blocks and a thin remainder.
    int mcMax = roundUp(even(i1 - i0, MC), mr);
    int ncMax = roundUp(even(j1 - j0, NC), nr);
    int kcMax = even(k, KC);
    // Packing buffers from Scratch: at most (MC + NC)·KC doubles, 8.8 MB, per thread.
    double[] aPack = Scratch.get(Scratch.Slot.PACKED_A, mcMax * kcMax);
    double[] bPack = packed != null ? packed : Scratch.get(Scratch.Slot.PACKED_B, ncMax * kcMax);
    int nPad = roundUp(n, nr);
    double[] edge = Scratch.get(Scratch.Slot.EDGE, mr * nr);
    double[] zeros = nr <= ZEROS.length ? ZEROS : new double[nr];
    // A row-major A is read where it is stored by kernels that can, in products of at most
    // ROWS_OF_A_MAX_COLUMNS columns: there each row of A serves few slivers of B, so packing it
    // costs a large share of the product.
    boolean rowsOfA = !transA && kernel.readsRowsOfA() && n <= ROWS_OF_A_MAX_COLUMNS;
    for (int jc = j0; jc < j1; jc += ncMax) {
      int nc = Math.min(ncMax, j1 - jc);
      for (int pc = 0; pc < k; pc += kcMax) {
        int kc = Math.min(kcMax, k - pc);
        boolean first = pc == 0;
        // Sliver s of this panel: at s·nr·kc when packed here, at pc·nPad + (jc + s·nr)·kc when prepacked.
        int bBase = 0;
        if (packed == null) {
          kernel.packB(n, k, b, bOff, transB, pc, kc, jc, nc, bPack, 0);
        } else {
          bBase = pc * nPad + jc * kc;
        }
        for (int ic = i0; ic < i1; ic += mcMax) {
          int mc = Math.min(mcMax, i1 - ic);
          int fullRows = rowsOfA ? mc - mc % mr : 0;
          if (rowsOfA) {
            // Only a ragged last sliver is packed (zero-padded to mr rows), at its usual place.
            if (fullRows < mc) {
              Pack.a(m, k, a, aOff, false, ic + fullRows, mc - fullRows, pc, kc, mr, aPack, fullRows * kc);
            }
          } else {
            kernel.packA(m, k, a, aOff, transA, ic, mc, pc, kc, aPack);
          }
          for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
              int rows = Math.min(mr, mc - ir);
              int at = cOff + (ic + ir) * n + jc + jr;
              if (ir < fullRows && cols == nr) {
                int ar = aOff + (ic + ir) * k + pc;
                if (first) {
                  kernel.tileOfRows(kc, a, ar, k, bPack, bBase + jr * kc, zeros, 0, 0, c, at, n);
                } else {
                  kernel.tileOfRows(kc, a, ar, k, bPack, bBase + jr * kc, c, at, n, c, at, n);
                }
              } else if (ir < fullRows) {
                // A ragged column edge with A read as stored: the full tile into a copy, as below.
                int ar = aOff + (ic + ir) * k + pc;
                if (!first) {
                  for (int r = 0; r < rows; r++) {
                    System.arraycopy(c, at + r * n, edge, r * nr, cols);
                  }
                }
                kernel.tileOfRows(kc, a, ar, k, bPack, bBase + jr * kc, first ? zeros : edge, 0, first ? 0 : nr,
                    edge, 0, nr);
                for (int r = 0; r < rows; r++) {
                  System.arraycopy(edge, r * nr, c, at + r * n, cols);
                }
              } else if (rows == mr && cols == nr) {
                if (first) {
                  kernel.tile(kc, aPack, ir * kc, bPack, bBase + jr * kc, zeros, 0, 0, c, at, n);
                } else {
                  kernel.tile(kc, aPack, ir * kc, bPack, bBase + jr * kc, c, at, n, c, at, n);
                }
              } else if (first) {
                // A ragged edge: the same full-tile computation into a copy, of which the part inside C is kept.
                kernel.tile(kc, aPack, ir * kc, bPack, bBase + jr * kc, zeros, 0, 0, edge, 0, nr);
                for (int r = 0; r < rows; r++) {
                  System.arraycopy(edge, r * nr, c, at + r * n, cols);
                }
              } else {
                for (int r = 0; r < rows; r++) {
                  System.arraycopy(c, at + r * n, edge, r * nr, cols);
                }
                kernel.tile(kc, aPack, ir * kc, bPack, bBase + jr * kc, edge, 0, nr, edge, 0, nr);
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

  /**
   * op(B) (k×n) packed once for {@code kernel}, for products that use the same B many times (a
   * recurrent weight at every time step): for each depth block of {@link #run}'s blocking, starting
   * at depth pc, the slivers of all columns, sliver s at {@code pc·nPad + s·nr·kc} with nPad = n
   * rounded up to whole slivers.
   */
  static double[] pack(MicroKernel kernel, int n, int k, double[] b, int bOff, boolean transB) {
    int nr = kernel.nr();
    int nPad = roundUp(n, nr);
    int kcMax = even(k, KC);
    double[] packed = new double[nPad * k];
    for (int pc = 0; pc < k; pc += kcMax) {
      int kc = Math.min(kcMax, k - pc);
      kernel.packB(n, k, b, bOff, transB, pc, kc, 0, n, packed, pc * nPad);
    }
    return packed;
  }

  /** The size of each of the fewest blocks of at most {@code max} that cover {@code length}. */
  private static int even(int length, int max) {
    int blocks = (length + max - 1) / max;
    return (length + blocks - 1) / blocks;
  }

  private static int roundUp(int x, int unit) {
    return (x + unit - 1) / unit * unit;
  }
}
