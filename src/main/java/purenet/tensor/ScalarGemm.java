package purenet.tensor;

/**
 * The plain-Java micro-kernel: a 4×4 tile of C held in sixteen local accumulators, used when the
 * Vector API module is absent or when {@code -Dpurenet.gemm=scalar} asks for it.
 *
 * <p>Each element is updated by {@code c = c + a·b} (a rounded product, then a rounded sum; Java
 * never fuses them), so it differs from {@link VectorGemm}'s fused multiply-add only in the last
 * bits.
 */
final class ScalarGemm implements MicroKernel {
  private static final int MR = 4;
  private static final int NR = 4;

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
    return "scalar " + MR + "x" + NR;
  }

  @Override
  public void tile(int kc, double[] a, int aOff, double[] b, int bOff, double[] in, int inOff, int ldIn,
      double[] c, int cOff, int ldc) {
    int i0 = inOff;
    int i1 = inOff + ldIn;
    int i2 = inOff + 2 * ldIn;
    int i3 = inOff + 3 * ldIn;
    double c00 = in[i0], c01 = in[i0 + 1], c02 = in[i0 + 2], c03 = in[i0 + 3];
    double c10 = in[i1], c11 = in[i1 + 1], c12 = in[i1 + 2], c13 = in[i1 + 3];
    double c20 = in[i2], c21 = in[i2 + 1], c22 = in[i2 + 2], c23 = in[i2 + 3];
    double c30 = in[i3], c31 = in[i3 + 1], c32 = in[i3 + 2], c33 = in[i3 + 3];
    int r0 = cOff;
    int r1 = cOff + ldc;
    int r2 = cOff + 2 * ldc;
    int r3 = cOff + 3 * ldc;
    for (int p = 0; p < kc; p++) {
      int ap = aOff + p * MR;
      int bp = bOff + p * NR;
      double b0 = b[bp];
      double b1 = b[bp + 1];
      double b2 = b[bp + 2];
      double b3 = b[bp + 3];
      double a0 = a[ap];
      double a1 = a[ap + 1];
      double a2 = a[ap + 2];
      double a3 = a[ap + 3];
      c00 += a0 * b0;
      c01 += a0 * b1;
      c02 += a0 * b2;
      c03 += a0 * b3;
      c10 += a1 * b0;
      c11 += a1 * b1;
      c12 += a1 * b2;
      c13 += a1 * b3;
      c20 += a2 * b0;
      c21 += a2 * b1;
      c22 += a2 * b2;
      c23 += a2 * b3;
      c30 += a3 * b0;
      c31 += a3 * b1;
      c32 += a3 * b2;
      c33 += a3 * b3;
    }
    c[r0] = c00;
    c[r0 + 1] = c01;
    c[r0 + 2] = c02;
    c[r0 + 3] = c03;
    c[r1] = c10;
    c[r1 + 1] = c11;
    c[r1 + 2] = c12;
    c[r1 + 3] = c13;
    c[r2] = c20;
    c[r2 + 1] = c21;
    c[r2 + 2] = c22;
    c[r2 + 3] = c23;
    c[r3] = c30;
    c[r3 + 1] = c31;
    c[r3 + 2] = c32;
    c[r3 + 3] = c33;
  }

  @Override
  public void rows(int m, int k, double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, int j0, int j1) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      for (int j = j0; j < j1; j++) {
        c[ci + j] = 0.0;
      }
      int ai = aOff + i * aRow;
      for (int p = 0; p < k; p++) {
        double av = a[ai + p * aCol];
        int bp = bOff + p * ldb;
        for (int j = j0; j < j1; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Order: four partial sums, sum q taking the products p ≡ q (mod 4) of the first k − k mod 4
   * depths, each one chain {@code s = s + a·b} in order of p; then ((s0 + s1) + s2) + s3; then the
   * last k mod 4 products added in order. Four chains instead of one: the additions of one chain
   * wait on each other, those of four do not.
   */
  @Override
  public void dots(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc) {
    int body = k - k % 4;
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      for (int j = 0; j < n; j++) {
        int bj = bOff + j * ldb;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int p = 0; p < body; p += 4) {
          s0 += a[ai + p] * b[bj + p];
          s1 += a[ai + p + 1] * b[bj + p + 1];
          s2 += a[ai + p + 2] * b[bj + p + 2];
          s3 += a[ai + p + 3] * b[bj + p + 3];
        }
        double s = ((s0 + s1) + s2) + s3;
        for (int p = body; p < k; p++) {
          s += a[ai + p] * b[bj + p];
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }
}
