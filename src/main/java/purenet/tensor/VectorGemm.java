package purenet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: a tile of 8 rows × 2 vectors of C (8 × 16 doubles with AVX-512)
 * held in sixteen vector registers, updated by fused multiply-adds.
 *
 * <p>Each step p broadcasts the 8 values of the A sliver and multiplies them into the two vectors
 * of the B sliver: 16 FMAs for 10 loads, which keeps the FMA units busy from L1 and L2. A row-major
 * A is read where it is stored ({@link #tileOfRows}), a transposed one packed. Every
 * element is therefore {@code c = fma(a[i][p], b[p][j], c)} for p in order, exactly as
 * {@code Math.fma} would compute it. Loaded only by {@link Gemm}, by name ({@link VectorModule}), when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorGemm implements MicroKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 8;
  private static final int NR = 2 * L;
  /** Rows of A and of B in one block of {@link #dots}. */
  private static final int DOT_ROWS = 3;
  private static final int DOT_COLS = 4;

  @Override
  public int mr() {
    return MR;
  }

  @Override
  public int nr() {
    return NR;
  }

  @Override
  public String name() {
    return "vector " + MR + "x" + NR;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A full sliver of a stored Aᵀ holds, at each depth, {@value #MR} consecutive elements of one
   * row of Aᵀ: it is copied by whole vectors (from about 1.3 cycles per element to a fraction of one:
   * the transposed pack of a weight gradient's xᵀ was a tenth of that product). The other slivers, a
   * transpose in memory, are {@link Pack#a}'s.
   */
  @Override
  public void packA(int m, int k, double[] a, int aOff, boolean transA, int i0, int mc, int p0, int kc,
      double[] dst) {
    if (!transA || MR % L != 0) {
      Pack.a(m, k, a, aOff, transA, i0, mc, p0, kc, MR, dst);
      return;
    }
    for (int s = 0; s * MR < mc; s++) {
      int base = s * MR * kc;
      int rows = Math.min(MR, mc - s * MR);
      if (rows < MR) {
        Pack.a(m, k, a, aOff, true, i0 + s * MR, rows, p0, kc, MR, dst, base);
        continue;
      }
      int src = aOff + p0 * m + i0 + s * MR;
      for (int p = 0; p < kc; p++, src += m, base += MR) {
        for (int q = 0; q < MR; q += L) {
          DoubleVector.fromArray(S, a, src + q).intoArray(dst, base + q);
        }
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A full sliver of B as stored holds, at each depth, {@code nr} consecutive elements of one row
   * of B: it is copied by whole vectors, where {@link Pack#b} made one {@code System.arraycopy} call
   * per depth (packing a 784×256 weight took 15 % as long as its product). The other slivers, and a
   * stored Bᵀ, are {@link Pack#b}'s.
   */
  @Override
  public void packB(int n, int k, double[] b, int bOff, boolean transB, int p0, int kc, int j0, int nc,
      double[] dst, int dstOff) {
    if (transB) {
      Pack.b(n, k, b, bOff, true, p0, kc, j0, nc, NR, dst, dstOff);
      return;
    }
    for (int t = 0; t * NR < nc; t++) {
      int base = dstOff + t * NR * kc;
      int cols = Math.min(NR, nc - t * NR);
      int col0 = j0 + t * NR;
      if (cols < NR) {
        Pack.b(n, k, b, bOff, false, p0, kc, col0, cols, NR, dst, base);
        continue;
      }
      int src = bOff + p0 * n + col0;
      for (int p = 0; p < kc; p++, src += n, base += NR) {
        DoubleVector.fromArray(S, b, src).intoArray(dst, base);
        DoubleVector.fromArray(S, b, src + L).intoArray(dst, base + L);
      }
    }
  }

  // Written out in full: the accumulators must be locals for C2 to keep them in registers, and
  // a single store path keeps every intrinsic inlinable (a second, branch-selected store path
  // sometimes left the stores un-intrinsified, boxing every vector).
  @Override
  public void tile(int kc, double[] a, int aOff, double[] b, int bOff, double[] in, int inOff, int ldIn,
      double[] c, int cOff, int ldc) {
    int q0 = inOff;
    int q1 = inOff + 1 * ldIn;
    int q2 = inOff + 2 * ldIn;
    int q3 = inOff + 3 * ldIn;
    int q4 = inOff + 4 * ldIn;
    int q5 = inOff + 5 * ldIn;
    int q6 = inOff + 6 * ldIn;
    int q7 = inOff + 7 * ldIn;
    DoubleVector c00 = DoubleVector.fromArray(S, in, q0);
    DoubleVector c01 = DoubleVector.fromArray(S, in, q0 + L);
    DoubleVector c10 = DoubleVector.fromArray(S, in, q1);
    DoubleVector c11 = DoubleVector.fromArray(S, in, q1 + L);
    DoubleVector c20 = DoubleVector.fromArray(S, in, q2);
    DoubleVector c21 = DoubleVector.fromArray(S, in, q2 + L);
    DoubleVector c30 = DoubleVector.fromArray(S, in, q3);
    DoubleVector c31 = DoubleVector.fromArray(S, in, q3 + L);
    DoubleVector c40 = DoubleVector.fromArray(S, in, q4);
    DoubleVector c41 = DoubleVector.fromArray(S, in, q4 + L);
    DoubleVector c50 = DoubleVector.fromArray(S, in, q5);
    DoubleVector c51 = DoubleVector.fromArray(S, in, q5 + L);
    DoubleVector c60 = DoubleVector.fromArray(S, in, q6);
    DoubleVector c61 = DoubleVector.fromArray(S, in, q6 + L);
    DoubleVector c70 = DoubleVector.fromArray(S, in, q7);
    DoubleVector c71 = DoubleVector.fromArray(S, in, q7 + L);
    int r0 = cOff;
    int r1 = cOff + 1 * ldc;
    int r2 = cOff + 2 * ldc;
    int r3 = cOff + 3 * ldc;
    int r4 = cOff + 4 * ldc;
    int r5 = cOff + 5 * ldc;
    int r6 = cOff + 6 * ldc;
    int r7 = cOff + 7 * ldc;
    for (int p = 0; p < kc; p++) {
      int ap = aOff + p * MR;
      int bp = bOff + p * NR;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
      DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      DoubleVector a6 = DoubleVector.broadcast(S, a[ap + 6]);
      c60 = a6.fma(b0, c60);
      c61 = a6.fma(b1, c61);
      DoubleVector a7 = DoubleVector.broadcast(S, a[ap + 7]);
      c70 = a7.fma(b0, c70);
      c71 = a7.fma(b1, c71);
    }
    c00.intoArray(c, r0);
    c01.intoArray(c, r0 + L);
    c10.intoArray(c, r1);
    c11.intoArray(c, r1 + L);
    c20.intoArray(c, r2);
    c21.intoArray(c, r2 + L);
    c30.intoArray(c, r3);
    c31.intoArray(c, r3 + L);
    c40.intoArray(c, r4);
    c41.intoArray(c, r4 + L);
    c50.intoArray(c, r5);
    c51.intoArray(c, r5 + L);
    c60.intoArray(c, r6);
    c61.intoArray(c, r6 + L);
    c70.intoArray(c, r7);
    c71.intoArray(c, r7 + L);
  }

  @Override
  public boolean readsRowsOfA() {
    return true;
  }

  // tile's loop with A's eight rows read where they are stored, which saves packing A (the input of
  // a dense layer, 784 wide, was packed in every forward pass): each row's index is linear in p with
  // step 1, so the compiler still hoists every bounds check out of the loop. Reading a stored Aᵀ
  // the same way (index p·m + i) measured 3.5 % slower per MLP step than packing it, its bounds
  // checks staying in the loop, so a transposed A is still packed.
  @Override
  public void tileOfRows(int kc, double[] a, int aOff, int lda, double[] b, int bOff, double[] in, int inOff,
      int ldIn, double[] c, int cOff, int ldc) {
    int e0 = aOff;
    int e1 = aOff + lda;
    int e2 = aOff + 2 * lda;
    int e3 = aOff + 3 * lda;
    int e4 = aOff + 4 * lda;
    int e5 = aOff + 5 * lda;
    int e6 = aOff + 6 * lda;
    int e7 = aOff + 7 * lda;
    int q0 = inOff;
    int q1 = inOff + 1 * ldIn;
    int q2 = inOff + 2 * ldIn;
    int q3 = inOff + 3 * ldIn;
    int q4 = inOff + 4 * ldIn;
    int q5 = inOff + 5 * ldIn;
    int q6 = inOff + 6 * ldIn;
    int q7 = inOff + 7 * ldIn;
    DoubleVector c00 = DoubleVector.fromArray(S, in, q0);
    DoubleVector c01 = DoubleVector.fromArray(S, in, q0 + L);
    DoubleVector c10 = DoubleVector.fromArray(S, in, q1);
    DoubleVector c11 = DoubleVector.fromArray(S, in, q1 + L);
    DoubleVector c20 = DoubleVector.fromArray(S, in, q2);
    DoubleVector c21 = DoubleVector.fromArray(S, in, q2 + L);
    DoubleVector c30 = DoubleVector.fromArray(S, in, q3);
    DoubleVector c31 = DoubleVector.fromArray(S, in, q3 + L);
    DoubleVector c40 = DoubleVector.fromArray(S, in, q4);
    DoubleVector c41 = DoubleVector.fromArray(S, in, q4 + L);
    DoubleVector c50 = DoubleVector.fromArray(S, in, q5);
    DoubleVector c51 = DoubleVector.fromArray(S, in, q5 + L);
    DoubleVector c60 = DoubleVector.fromArray(S, in, q6);
    DoubleVector c61 = DoubleVector.fromArray(S, in, q6 + L);
    DoubleVector c70 = DoubleVector.fromArray(S, in, q7);
    DoubleVector c71 = DoubleVector.fromArray(S, in, q7 + L);
    int r0 = cOff;
    int r1 = cOff + 1 * ldc;
    int r2 = cOff + 2 * ldc;
    int r3 = cOff + 3 * ldc;
    int r4 = cOff + 4 * ldc;
    int r5 = cOff + 5 * ldc;
    int r6 = cOff + 6 * ldc;
    int r7 = cOff + 7 * ldc;
    for (int p = 0; p < kc; p++) {
      int bp = bOff + p * NR;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
      DoubleVector a0 = DoubleVector.broadcast(S, a[e0 + p]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(S, a[e1 + p]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(S, a[e2 + p]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(S, a[e3 + p]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(S, a[e4 + p]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(S, a[e5 + p]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      DoubleVector a6 = DoubleVector.broadcast(S, a[e6 + p]);
      c60 = a6.fma(b0, c60);
      c61 = a6.fma(b1, c61);
      DoubleVector a7 = DoubleVector.broadcast(S, a[e7 + p]);
      c70 = a7.fma(b0, c70);
      c71 = a7.fma(b1, c71);
    }
    c00.intoArray(c, r0);
    c01.intoArray(c, r0 + L);
    c10.intoArray(c, r1);
    c11.intoArray(c, r1 + L);
    c20.intoArray(c, r2);
    c21.intoArray(c, r2 + L);
    c30.intoArray(c, r3);
    c31.intoArray(c, r3 + L);
    c40.intoArray(c, r4);
    c41.intoArray(c, r4 + L);
    c50.intoArray(c, r5);
    c51.intoArray(c, r5 + L);
    c60.intoArray(c, r6);
    c61.intoArray(c, r6 + L);
    c70.intoArray(c, r7);
    c71.intoArray(c, r7 + L);
  }

  // Column blocks of four vectors: B's block (k × 4L) stays in L2 while the rows of A pass over it,
  // three at a time (twelve independent fused multiply-adds per step), the rest one by one; one or
  // two rows alone (inference on a single example) take blocks of eight vectors instead. Every
  // element is still its own chain over p in order, so the grouping changes no bit. The vector loops are
  // separate small methods: in one large method C2 left some vector operations un-intrinsified,
  // which boxed every vector (hundreds of MB per training step).
  @Override
  public void rows(int m, int k, double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, int j0, int j1) {
    int j = j0;
    if (m < 3) {
      for (; j + 8 * L <= j1; j += 8 * L) {
        for (int i = 0; i < m; i++) {
          row8(k, a, aOff + i * aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j);
        }
      }
    }
    for (; j + 4 * L <= j1; j += 4 * L) {
      int i = 0;
      for (; i + 3 <= m; i += 3) {
        rows3x4(k, a, aOff + i * aRow, aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
      for (; i < m; i++) {
        row4(k, a, aOff + i * aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
    }
    for (; j + L <= j1; j += L) {
      for (int i = 0; i < m; i++) {
        row1(k, a, aOff + i * aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
    }
    // Math.fma rounds exactly as a vector lane's fused multiply-add does.
    for (; j < j1; j++) {
      for (int i = 0; i < m; i++) {
        double s = 0.0;
        int ap = aOff + i * aRow;
        int bp = bOff + j;
        for (int p = 0; p < k; p++, ap += aCol, bp += ldb) {
          s = Math.fma(a[ap], b[bp], s);
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }

  /** One row of C, four vectors wide: {@code c[cp ..] = Σ_p a[ap + p·aCol]·b[bp + p·ldb ..]}. */
  private static void row4(int k, double[] a, int ap, int aCol, double[] b, int bp, int ldb, double[] c, int cp) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = DoubleVector.zero(S);
    DoubleVector s2 = DoubleVector.zero(S);
    DoubleVector s3 = DoubleVector.zero(S);
    for (int p = 0; p < k; p++) {
      int bq = bp + p * ldb;
      DoubleVector av = DoubleVector.broadcast(S, a[ap + p * aCol]);
      s0 = av.fma(DoubleVector.fromArray(S, b, bq), s0);
      s1 = av.fma(DoubleVector.fromArray(S, b, bq + L), s1);
      s2 = av.fma(DoubleVector.fromArray(S, b, bq + 2 * L), s2);
      s3 = av.fma(DoubleVector.fromArray(S, b, bq + 3 * L), s3);
    }
    s0.intoArray(c, cp);
    s1.intoArray(c, cp + L);
    s2.intoArray(c, cp + 2 * L);
    s3.intoArray(c, cp + 3 * L);
  }

  /**
   * Three rows of C, four vectors wide: twelve independent chains, enough to hide the latency of
   * the fused multiply-add, where one row's four chains wait on it (a convolution's first layer,
   * with 6 output channels over 25 taps, ran at a fifth of the peak).
   */
  private static void rows3x4(int k, double[] a, int ap, int aRow, int aCol, double[] b, int bp, int ldb,
      double[] c, int cp, int ldc) {
    DoubleVector s00 = DoubleVector.zero(S);
    DoubleVector s01 = DoubleVector.zero(S);
    DoubleVector s02 = DoubleVector.zero(S);
    DoubleVector s03 = DoubleVector.zero(S);
    DoubleVector s10 = DoubleVector.zero(S);
    DoubleVector s11 = DoubleVector.zero(S);
    DoubleVector s12 = DoubleVector.zero(S);
    DoubleVector s13 = DoubleVector.zero(S);
    DoubleVector s20 = DoubleVector.zero(S);
    DoubleVector s21 = DoubleVector.zero(S);
    DoubleVector s22 = DoubleVector.zero(S);
    DoubleVector s23 = DoubleVector.zero(S);
    for (int p = 0; p < k; p++) {
      int bq = bp + p * ldb;
      int aq = ap + p * aCol;
      DoubleVector v0 = DoubleVector.fromArray(S, b, bq);
      DoubleVector v1 = DoubleVector.fromArray(S, b, bq + L);
      DoubleVector v2 = DoubleVector.fromArray(S, b, bq + 2 * L);
      DoubleVector v3 = DoubleVector.fromArray(S, b, bq + 3 * L);
      DoubleVector u = DoubleVector.broadcast(S, a[aq]);
      s00 = u.fma(v0, s00);
      s01 = u.fma(v1, s01);
      s02 = u.fma(v2, s02);
      s03 = u.fma(v3, s03);
      u = DoubleVector.broadcast(S, a[aq + aRow]);
      s10 = u.fma(v0, s10);
      s11 = u.fma(v1, s11);
      s12 = u.fma(v2, s12);
      s13 = u.fma(v3, s13);
      u = DoubleVector.broadcast(S, a[aq + 2 * aRow]);
      s20 = u.fma(v0, s20);
      s21 = u.fma(v1, s21);
      s22 = u.fma(v2, s22);
      s23 = u.fma(v3, s23);
    }
    s00.intoArray(c, cp);
    s01.intoArray(c, cp + L);
    s02.intoArray(c, cp + 2 * L);
    s03.intoArray(c, cp + 3 * L);
    s10.intoArray(c, cp + ldc);
    s11.intoArray(c, cp + ldc + L);
    s12.intoArray(c, cp + ldc + 2 * L);
    s13.intoArray(c, cp + ldc + 3 * L);
    s20.intoArray(c, cp + 2 * ldc);
    s21.intoArray(c, cp + 2 * ldc + L);
    s22.intoArray(c, cp + 2 * ldc + 2 * L);
    s23.intoArray(c, cp + 2 * ldc + 3 * L);
  }

  /**
   * One row of C, eight vectors wide: a single row has nothing but its own chains to hide the
   * latency of the fused multiply-add, and eight of them do (four run at half the rate); B is read
   * in runs of 8L doubles per depth.
   */
  private static void row8(int k, double[] a, int ap, int aCol, double[] b, int bp, int ldb, double[] c, int cp) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = DoubleVector.zero(S);
    DoubleVector s2 = DoubleVector.zero(S);
    DoubleVector s3 = DoubleVector.zero(S);
    DoubleVector s4 = DoubleVector.zero(S);
    DoubleVector s5 = DoubleVector.zero(S);
    DoubleVector s6 = DoubleVector.zero(S);
    DoubleVector s7 = DoubleVector.zero(S);
    for (int p = 0; p < k; p++) {
      int bq = bp + p * ldb;
      DoubleVector u = DoubleVector.broadcast(S, a[ap + p * aCol]);
      s0 = u.fma(DoubleVector.fromArray(S, b, bq), s0);
      s1 = u.fma(DoubleVector.fromArray(S, b, bq + L), s1);
      s2 = u.fma(DoubleVector.fromArray(S, b, bq + 2 * L), s2);
      s3 = u.fma(DoubleVector.fromArray(S, b, bq + 3 * L), s3);
      s4 = u.fma(DoubleVector.fromArray(S, b, bq + 4 * L), s4);
      s5 = u.fma(DoubleVector.fromArray(S, b, bq + 5 * L), s5);
      s6 = u.fma(DoubleVector.fromArray(S, b, bq + 6 * L), s6);
      s7 = u.fma(DoubleVector.fromArray(S, b, bq + 7 * L), s7);
    }
    s0.intoArray(c, cp);
    s1.intoArray(c, cp + L);
    s2.intoArray(c, cp + 2 * L);
    s3.intoArray(c, cp + 3 * L);
    s4.intoArray(c, cp + 4 * L);
    s5.intoArray(c, cp + 5 * L);
    s6.intoArray(c, cp + 6 * L);
    s7.intoArray(c, cp + 7 * L);
  }

  /** One row of C, one vector wide. */
  private static void row1(int k, double[] a, int ap, int aCol, double[] b, int bp, int ldb, double[] c, int cp) {
    DoubleVector s0 = DoubleVector.zero(S);
    for (int p = 0; p < k; p++) {
      s0 = DoubleVector.broadcast(S, a[ap + p * aCol]).fma(DoubleVector.fromArray(S, b, bp + p * ldb), s0);
    }
    s0.intoArray(c, cp);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Order: lane q of a vector accumulator takes the products p ≡ q (mod L) of the first
   * k − k mod L depths (L doubles per vector), each one chain {@code s = fma(a, b, s)} in order of p;
   * the L lanes are then added left to right by scalar code, not by a vector reduction, whose order
   * the Vector API leaves unspecified; the last k mod L products are then fused in, in order.
   *
   * <p>Blocks of 3 rows of one operand × 4 rows of the other: twelve accumulators, filled by seven
   * loads per twelve fused multiply-adds. Which operand gives the 3 rows is chosen to waste the
   * fewest elements at the ragged edges (16 × 150 fits 4 × 3 exactly); a product a·b is the same
   * double as b·a, so the choice never changes a bit. At a ragged edge a block repeats the last row
   * and keeps only the elements inside C; a repeated row costs arithmetic but no memory traffic.
   */
  @Override
  public void dots(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc) {
    long threeOfA = (long) roundUp(m, DOT_ROWS) * roundUp(n, DOT_COLS);
    long threeOfB = (long) roundUp(n, DOT_ROWS) * roundUp(m, DOT_COLS);
    if (threeOfA <= threeOfB) {
      dotBlocks(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, 1);
    } else {
      dotBlocks(n, m, k, b, bOff, ldb, a, aOff, lda, c, cOff, 1, ldc);
    }
  }

  /**
   * The dot products of the x rows of u with the y rows of v, blocks of {@value #DOT_ROWS} × {@value #DOT_COLS};
   * the product of rows r and s goes to {@code c[cOff + r·rStride + s·sStride]}.
   */
  private static void dotBlocks(int x, int y, int k, double[] u, int uOff, int ldu, double[] v, int vOff, int ldv,
      double[] c, int cOff, int rStride, int sStride) {
    int body = k - k % L;
    double[] lanes = new double[DOT_ROWS * DOT_COLS * L];
    int[] ur = new int[DOT_ROWS];
    int[] vr = new int[DOT_COLS];
    for (int i = 0; i < x; i += DOT_ROWS) {
      for (int r = 0; r < DOT_ROWS; r++) {
        ur[r] = uOff + Math.min(i + r, x - 1) * ldu;
      }
      for (int j = 0; j < y; j += DOT_COLS) {
        for (int s = 0; s < DOT_COLS; s++) {
          vr[s] = vOff + Math.min(j + s, y - 1) * ldv;
        }
        dotBlock(body, u, ur[0], ur[1], ur[2], v, vr[0], vr[1], vr[2], vr[3], lanes);
        for (int r = 0; r < DOT_ROWS && i + r < x; r++) {
          for (int s = 0; s < DOT_COLS && j + s < y; s++) {
            double sum = 0.0;
            int at = (r * DOT_COLS + s) * L;
            for (int q = 0; q < L; q++) {
              sum += lanes[at + q];
            }
            for (int p = body; p < k; p++) {
              sum = Math.fma(u[ur[r] + p], v[vr[s] + p], sum);
            }
            c[cOff + (i + r) * rStride + (j + s) * sStride] = sum;
          }
        }
      }
    }
  }

  private static int roundUp(int x, int unit) {
    return (x + unit - 1) / unit * unit;
  }

  /** The lanes of the twelve dot products of rows a0..a2 with rows b0..b3 over the first {@code body} depths. */
  private static void dotBlock(int body, double[] a, int a0, int a1, int a2, double[] b, int b0, int b1, int b2,
      int b3, double[] lanes) {
    DoubleVector s00 = DoubleVector.zero(S);
    DoubleVector s01 = DoubleVector.zero(S);
    DoubleVector s02 = DoubleVector.zero(S);
    DoubleVector s03 = DoubleVector.zero(S);
    DoubleVector s10 = DoubleVector.zero(S);
    DoubleVector s11 = DoubleVector.zero(S);
    DoubleVector s12 = DoubleVector.zero(S);
    DoubleVector s13 = DoubleVector.zero(S);
    DoubleVector s20 = DoubleVector.zero(S);
    DoubleVector s21 = DoubleVector.zero(S);
    DoubleVector s22 = DoubleVector.zero(S);
    DoubleVector s23 = DoubleVector.zero(S);
    for (int p = 0; p < body; p += L) {
      DoubleVector v0 = DoubleVector.fromArray(S, b, b0 + p);
      DoubleVector v1 = DoubleVector.fromArray(S, b, b1 + p);
      DoubleVector v2 = DoubleVector.fromArray(S, b, b2 + p);
      DoubleVector v3 = DoubleVector.fromArray(S, b, b3 + p);
      DoubleVector u = DoubleVector.fromArray(S, a, a0 + p);
      s00 = u.fma(v0, s00);
      s01 = u.fma(v1, s01);
      s02 = u.fma(v2, s02);
      s03 = u.fma(v3, s03);
      u = DoubleVector.fromArray(S, a, a1 + p);
      s10 = u.fma(v0, s10);
      s11 = u.fma(v1, s11);
      s12 = u.fma(v2, s12);
      s13 = u.fma(v3, s13);
      u = DoubleVector.fromArray(S, a, a2 + p);
      s20 = u.fma(v0, s20);
      s21 = u.fma(v1, s21);
      s22 = u.fma(v2, s22);
      s23 = u.fma(v3, s23);
    }
    s00.intoArray(lanes, 0);
    s01.intoArray(lanes, L);
    s02.intoArray(lanes, 2 * L);
    s03.intoArray(lanes, 3 * L);
    s10.intoArray(lanes, 4 * L);
    s11.intoArray(lanes, 5 * L);
    s12.intoArray(lanes, 6 * L);
    s13.intoArray(lanes, 7 * L);
    s20.intoArray(lanes, 8 * L);
    s21.intoArray(lanes, 9 * L);
    s22.intoArray(lanes, 10 * L);
    s23.intoArray(lanes, 11 * L);
  }
}
