package purenet.tensor;

/**
 * What one matrix remembers about its use as the right factor B of products: how often it has been
 * used in each orientation (op(B) = B or Bᵀ), saturating at three, and op(B) packed for the
 * micro-kernel ({@link Gemm.Packed}) once an orientation is used a third time.
 *
 * <p>Why: a product packs its right factor before multiplying (for a batch of 128 through a 784×256
 * weight that copy is a tenth of the product's time). A weight at inference is the right factor of
 * every call with the same values, so from its third use on the packed copy is reused instead of
 * made again. A matrix used once per orientation, as a weight in training (x·W forward, g·Wᵀ
 * backward, new weights every step), is packed into scratch space as before: nothing is kept. Nor
 * for a matrix used twice, as the LSTM's gate gradients are (by both weight gradients): keeping
 * their 6.5 MB copy on the second use allocated it afresh every step and saved nothing.
 * Packing moves values without arithmetic, so a product gives the same bits either way.
 *
 * <p>Immutable; a tensor holds the latest state in a volatile field and replaces it whole. Threads
 * that race on one tensor at worst both count a use or both pack it.
 *
 * @param plainUses       uses as op(B) = B, at most 3
 * @param transposedUses  uses as op(B) = Bᵀ, at most 3
 * @param plain           B packed, or null
 * @param transposed      Bᵀ packed, or null
 */
record RightPacking(int plainUses, int transposedUses, Gemm.Packed plain, Gemm.Packed transposed) {
  /** A matrix not yet used as a right factor. */
  static final RightPacking UNUSED = new RightPacking(0, 0, null, null);
  /** The use of an orientation from which its packed copy is kept. */
  private static final int KEEP_FROM = 3;

  /** The packed op(B) kept for this orientation, if any. */
  Gemm.Packed packed(boolean transB) {
    return transB ? transposed : plain;
  }

  /**
   * The state after one more use of B in the orientation {@code transB}: on the third use (or when
   * the kept copy was packed for another kernel than {@code purenet.gemm} now selects) op(B) is
   * packed and kept.
   *
   * @param b      B as stored, row-major
   * @param rows   rows of B as stored
   * @param cols   columns of B as stored
   * @param transB whether op(B) = Bᵀ
   * @return the next state, {@code this} when nothing changes
   */
  RightPacking use(double[] b, int rows, int cols, boolean transB) {
    Gemm.Packed kept = packed(transB);
    if (kept != null && kept.kernel() == Gemm.defaultKernel()) {
      return this;
    }
    int uses = Math.min(KEEP_FROM, (transB ? transposedUses : plainUses) + 1);
    Gemm.Packed now = uses < KEEP_FROM ? null
        : transB ? Gemm.pack(cols, rows, b, 0, true) : Gemm.pack(rows, cols, b, 0, false);
    return transB ? new RightPacking(plainUses, uses, plain, now) : new RightPacking(uses, transposedUses, now, transposed);
  }
}
