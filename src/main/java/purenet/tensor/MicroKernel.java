package purenet.tensor;

/**
 * The innermost loop of {@link Gemm}: updates one register tile of C from packed slivers of op(A)
 * and op(B).
 *
 * <p>A sliver of op(A) holds {@code mr()} rows over a depth of {@code kc}, stored depth-major
 * ({@code a[aOff + p·mr + i]}); a sliver of op(B) holds {@code nr()} columns over the same depth
 * ({@code b[bOff + p·nr + j]}). The tile is always full ({@code mr × nr}); {@link BlockedGemm}
 * points it at a copy of C at the ragged edges.
 *
 * <p>Contract: every element of the tile is computed by the same sequence of floating-point
 * operations, whatever its position in the tile, namely {@code c = madd(a[i][p], b[p][j], c)} for
 * p = 0, 1, ..., kc-1 in order, starting from the element of the input tile, where {@code madd}
 * is the kernel's multiply-add (fused or not). The first depth block starts from zeros, each later
 * one from the previous block's result, and the depth blocks are visited in order, so every
 * element of the product is one multiply-add chain over p = 0 ... k-1 from c = +0.0, independent of
 * the blocking, of where its tile falls and of how C is split between threads.
 */
interface MicroKernel {

  /** Rows of a tile. */
  int mr();

  /** Columns of a tile. */
  int nr();

  /** A short name for reports and benchmarks, e.g. {@code "vector 8x16"}. */
  String name();

  /**
   * Packs rows {@code [i0, i0 + mc)} and depths {@code [p0, p0 + kc)} of op(A) into the slivers
   * {@link #tile} reads, as {@link Pack#a} with this kernel's {@code mr}; a kernel may copy faster
   * but must write exactly what {@link Pack#a} writes.
   */
  default void packA(int m, int k, double[] a, int aOff, boolean transA, int i0, int mc, int p0, int kc,
      double[] dst) {
    Pack.a(m, k, a, aOff, transA, i0, mc, p0, kc, mr(), dst);
  }

  /**
   * Packs depths {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of op(B) into the slivers
   * {@link #tile} reads, from {@code dstOff}, as {@link Pack#b} with this kernel's {@code nr}; a
   * kernel may copy faster but must write exactly what {@link Pack#b} writes.
   */
  default void packB(int n, int k, double[] b, int bOff, boolean transB, int p0, int kc, int j0, int nc,
      double[] dst, int dstOff) {
    Pack.b(n, k, b, bOff, transB, p0, kc, j0, nc, nr(), dst, dstOff);
  }

  /**
   * {@code C[i][j] = C0[i][j] + Σ_p A[i][p]·B[p][j]} over the depth {@code kc} for one
   * {@code mr × nr} tile, accumulated in order of p onto the input tile C0. C0 is read row-major at
   * {@code inOff} of {@code in} with row stride {@code ldIn} (a stride of 0 reads one row of zeros
   * for every row, which starts a product without zero-filling C first); C is written row-major at
   * {@code cOff} with row stride {@code ldc}. {@code in} may be {@code c} itself at the same place.
   */
  void tile(int kc, double[] a, int aOff, double[] b, int bOff, double[] in, int inOff, int ldIn,
      double[] c, int cOff, int ldc);

  /**
   * Whether this kernel's {@link #tileOfRows} reads A where it is stored, so that
   * {@link BlockedGemm} skips packing a row-major A; false by default.
   */
  default boolean readsRowsOfA() {
    return false;
  }

  /**
   * {@link #tile} for a sliver of a row-major A that is not packed: element (i, p) of the sliver at
   * {@code a[aOff + i·lda + p]} for i &lt; mr, p &lt; kc. Same operations in the same order as
   * {@link #tile}, so the same bits. Called only on a kernel whose {@link #readsRowsOfA} is true.
   *
   * @throws UnsupportedOperationException for a kernel that packs A (the default)
   */
  default void tileOfRows(int kc, double[] a, int aOff, int lda, double[] b, int bOff, double[] in, int inOff,
      int ldIn, double[] c, int cOff, int ldc) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " packs A: readsRowsOfA() is false");
  }

  /**
   * The few-rows path, for products with fewer than {@link #mr()} rows: overwrites columns
   * {@code [j0, j1)} of the {@code m} rows of C with {@code C[i][j] = Σ_p A[i][p]·B[p][j]}, reading A
   * and B where they are (no packing) and vectorising over the columns.
   *
   * <p>A's element (i, p) is {@code a[aOff + i·aRow + p·aCol]} (so a transposed A is just other
   * strides); B is k×n row-major with row stride {@code ldb}; C has row stride {@code ldc}. Every
   * element is computed as in {@link #tile}: {@code c = madd(a[i][p], b[p][j], c)} from c = 0 for
   * p = 0 … k−1 in order, so both paths give the same bits.
   */
  void rows(int m, int k, double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, int j0, int j1);

  /**
   * Dot products of rows, for a product whose operands both run along the depth (a convolution's
   * kernel gradient, gradient · patchesᵀ): overwrites the m×n block of C with
   * {@code C[i][j] = Σ_p A[i][p]·B[j][p]}, where row i of A is {@code a[aOff + i·lda ..]} and row j of
   * B is {@code b[bOff + j·ldb ..]}, both k long and contiguous, and C has row stride {@code ldc}.
   * Nothing is packed or transposed.
   *
   * <p>The sum is taken in an order fixed by k and the kernel alone (the kernel's documentation
   * gives it), so an element has the same bits wherever it falls in C and whatever else is in the
   * call. The order differs from {@link #tile}'s single chain; its rounding error is that of any
   * summation of k products, at most about k·ε·Σ_p |A[i][p]·B[j][p]|.
   */
  void dots(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc);
}
