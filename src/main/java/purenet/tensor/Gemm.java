package purenet.tensor;

import java.util.Arrays;

/**
 * The matrix-multiply kernel: C = op(A)·op(B) with op the identity or the transpose.
 *
 * <p>A is m×k (stored k×m when transposed), B is k×n (stored n×k when transposed), C is m×n and
 * overwritten; all row-major, starting at the given offsets.
 *
 * <p><b>Blocking</b> (GotoBLAS, see {@link BlockedGemm}). C is cut into panels of up to
 * {@value BlockedGemm#NC} columns and the depth k into blocks of up to {@value BlockedGemm#KC};
 * for each depth block a kc×nc panel of op(B) is packed (L3), then for each block of up to
 * {@value BlockedGemm#MC} rows an mc×kc block of op(A) is packed (L2). Packing ({@link Pack})
 * copies them into contiguous slivers, which absorbs the transposes. A {@link MicroKernel} then
 * updates each register tile of C from one sliver of A and one of B (the B sliver is reused
 * from L1). The micro-kernel is {@link VectorGemm} (Vector API, fused multiply-add, 8 rows × 2
 * vectors) when the module {@code jdk.incubator.vector} is present at run time, else
 * {@link ScalarGemm} (4 × 4 doubles); the system property {@code purenet.gemm} ({@code auto},
 * {@code vector}, {@code scalar}) overrides the choice (read by {@link GemmConfig} at each product;
 * a bad value is an {@link IllegalArgumentException}).
 *
 * <p><b>Threads.</b> Products of at least {@value #PARALLEL_MIN_FLOPS} flops (2mnk) are cut into
 * bands of whole tiles across the longer of m and n (up to one band per thread, each at least
 * {@value #MIN_BAND} wide), which {@code purenet.threads} threads (default: the number of
 * processors) take one at a time ({@link Parallel}).
 *
 * <p><b>Results are bit-identical for any number of threads</b>, because a band only selects
 * which elements of C a thread computes, never how. Every tile starts from +0.0 in the first depth
 * block and accumulates onto C in the later ones, visited in order, so every element is the single
 * chain {@code c = madd(a[i][p], b[p][j], c)} for p = 0, 1, ..., k-1 from c = +0.0, with the
 * kernel's multiply-add ({@code Math.fma} for the vector kernel, {@code c + a·b} for the scalar one). A tile at a ragged
 * edge is computed in full on a copy and cropped, so no element's arithmetic depends on where its
 * tile falls. The same argument makes each element independent of the block sizes and of the
 * other rows of A and columns of B in the product: a row of a batch comes out the same whatever
 * the batch.
 */
final class Gemm {
  /**
   * Deepest product with 2 … mr−1 rows that reads B unpacked: each row passes over a k-deep column
   * block of B, which must stay in cache between the rows (a convolution's kernel gradient, with
   * k = batch·pixels, would otherwise stream a large matrix once per row).
   */
  static final int FEW_ROWS_MAX_DEPTH = 2048;
  /** Products below this many flops (2mnk) stay on the calling thread. */
  static final long PARALLEL_MIN_FLOPS = 4L << 20;
  /**
   * Bands per thread. One: every band packs the other operand again, and with workers that poll
   * between calls ({@link Parallel}) none starts late. Against two per thread, at two threads: a
   * 1024² product 1.037 times as fast, LeNet training 1.038, LSTM 1.077 ({@code scripts/bench-builds.sh}).
   */
  private static final int BANDS_PER_THREAD = 1;
  /** Fewest rows or columns in a band: each band packs the other operand again. */
  private static final int MIN_BAND = 128;

  private static final MicroKernel SCALAR = new ScalarGemm();
  private static final MicroKernel VECTOR = loadVector();

  private Gemm() {}

  /** C = op(A)·op(B) with the default kernel and thread count. */
  static void multiply(int m, int n, int k, double[] a, int aOff, boolean transA,
      double[] b, int bOff, boolean transB, double[] c, int cOff) {
    multiply(GemmConfig.kernel(), GemmConfig.threads(), m, n, k, a, aOff, transA, b, bOff, transB, c, cOff);
  }

  /** C = op(A)·op(B) with the given micro-kernel, on at most {@code threads} threads. */
  static void multiply(MicroKernel kernel, int threads, int m, int n, int k, double[] a, int aOff,
      boolean transA, double[] b, int bOff, boolean transB, double[] c, int cOff) {
    multiply(kernel, threads, m, n, k, a, aOff, transA, b, bOff, transB, null, c, cOff);
  }

  /**
   * op(B), k×n, packed once for the current kernel, for a B that many products share (a recurrent
   * weight at every time step); {@link #multiply(int, double[], int, boolean, Packed, double[], int)}
   * then skips packing it. The products give the same bits as unpacked ones.
   *
   * @param kernel the micro-kernel whose layout {@code data} has
   * @param k      depth (rows of op(B))
   * @param n      columns of op(B)
   * @param source B as stored (for the few-rows path, which reads it unpacked)
   * @param offset where B starts in {@code source}
   * @param transB whether B is stored n×k
   * @param data   the packed slivers
   */
  record Packed(MicroKernel kernel, int k, int n, double[] source, int offset, boolean transB, double[] data) {}

  /** Packs op(B) (k×n; stored n×k when {@code transB}) for the kernel {@code purenet.gemm} selects. */
  static Packed pack(int k, int n, double[] b, int bOff, boolean transB) {
    MicroKernel kernel = GemmConfig.kernel();
    return new Packed(kernel, k, n, b, bOff, transB, BlockedGemm.pack(kernel, n, k, b, bOff, transB));
  }

  /** C = op(A)·B for a packed B, with its kernel and the default thread count. */
  static void multiply(int m, double[] a, int aOff, boolean transA, Packed b, double[] c, int cOff) {
    multiply(b.kernel(), GemmConfig.threads(), m, b.n(), b.k(), a, aOff, transA, b.source(), b.offset(), b.transB(),
        b.data(), c, cOff);
  }

  private static void multiply(MicroKernel kernel, int threads, int m, int n, int k, double[] a, int aOff,
      boolean transA, double[] b, int bOff, boolean transB, double[] packed, double[] c, int cOff) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      Arrays.fill(c, cOff, cOff + m * n, 0.0);
      return;
    }
    Split split = split(kernel, threads, m, n, k);
    if (split.bands() <= 1) {
      region(kernel, m, n, k, a, aOff, transA, b, bOff, transB, packed, c, cOff, 0, m, 0, n);
      return;
    }
    boolean byColumns = split.byColumns();
    int length = byColumns ? n : m;
    int per = split.width();
    Parallel.run(split.bands(), threads, t -> {
      int from = t * per;
      int to = Math.min(length, from + per);
      if (byColumns) {
        region(kernel, m, n, k, a, aOff, transA, b, bOff, transB, packed, c, cOff, 0, m, from, to);
      } else {
        region(kernel, m, n, k, a, aOff, transA, b, bOff, transB, packed, c, cOff, from, to, 0, n);
      }
    });
  }

  /**
   * Rows {@code [i0, i1)} and columns {@code [j0, j1)} of C: products with fewer rows than a tile
   * (a batch of one at inference), one row or at most {@link #FEW_ROWS_MAX_DEPTH} deep, read B unpacked ({@link MicroKernel#rows}), since packing B
   * would cost as much as the product and a tile would compute mostly padding; the others go
   * through the blocked loop nest. Both compute every element by the same chain.
   */
  private static void region(MicroKernel kernel, int m, int n, int k, double[] a, int aOff, boolean transA,
      double[] b, int bOff, boolean transB, double[] packed, double[] c, int cOff, int i0, int i1, int j0, int j1) {
    if (fewRows(kernel, m, k, transB)) {
      int aRow = transA ? 1 : k;
      int aCol = transA ? m : 1;
      kernel.rows(i1 - i0, k, a, aOff + i0 * aRow, aRow, aCol, b, bOff, n, c, cOff + i0 * n, n, j0, j1);
    } else {
      BlockedGemm.run(kernel, m, n, k, a, aOff, transA, b, bOff, transB, packed, c, cOff, i0, i1, j0, j1);
    }
  }

  /**
   * Whether an m-row product of depth k packs op(B) (the blocked path) rather than reading it
   * unpacked (the few-rows path of {@link #region}), with the kernel {@code purenet.gemm} selects.
   */
  static boolean packsRight(int m, int k, boolean transB) {
    return !fewRows(GemmConfig.kernel(), m, k, transB);
  }

  private static boolean fewRows(MicroKernel kernel, int m, int k, boolean transB) {
    return !transB && m < kernel.mr() && (m == 1 || k <= FEW_ROWS_MAX_DEPTH);
  }

  /** How C is cut for threads: {@code bands} bands of {@code width} columns (or rows). */
  record Split(boolean byColumns, int width, int bands) {}

  /** The bands of an m×n product of depth k on {@code threads} threads; one band means no split. */
  static Split split(MicroKernel kernel, int threads, int m, int n, int k) {
    // Across the longer of m and n, so that the operand every band packs again is the smaller.
    boolean byColumns = n >= m;
    int length = byColumns ? n : m;
    if (threads <= 1 || 2L * m * n * k < PARALLEL_MIN_FLOPS) {
      return new Split(byColumns, length, 1);
    }
    int unit = byColumns ? kernel.nr() : kernel.mr();
    int tiles = ceilDiv(length, unit);
    int count = Math.max(1, Math.min(threads * BANDS_PER_THREAD, tiles / ceilDiv(MIN_BAND, unit)));
    int width = ceilDiv(tiles, count) * unit;
    return new Split(byColumns, width, ceilDiv(length, width));
  }

  /**
   * The kernel {@code purenet.gemm} selects now.
   *
   * @throws IllegalArgumentException if the property's value is invalid
   */
  static MicroKernel defaultKernel() {
    return GemmConfig.kernel();
  }

  /** The Vector API kernel, or null when its module is absent. */
  static MicroKernel loadedVectorKernel() {
    return VECTOR;
  }

  /** The portable scalar kernel. */
  static MicroKernel scalarKernel() {
    return SCALAR;
  }

  /** The Vector API kernel, or the scalar one when the module is absent. */
  static MicroKernel vectorKernel() {
    return VECTOR == null ? SCALAR : VECTOR;
  }

  /** Whether the Vector API kernel could be loaded. */
  static boolean vectorAvailable() {
    return VECTOR != null;
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  private static MicroKernel loadVector() {
    return VectorModule.load("VectorGemm", MicroKernel.class).orElse(null);
  }
}
