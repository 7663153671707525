package purenet.tensor;

/**
 * The matrix-multiply kernel: C = op(A)·op(B) with op the identity or the transpose.
 *
 * <p>A is m×k (stored k×m when transposed), B is k×n (stored n×k when transposed), C is m×n and
 * overwritten; all row-major, starting at the given offsets.
 */
final class Gemm {
  private Gemm() {}

  static void multiply(int m, int n, int k, double[] a, int aOff, boolean transA,
      double[] b, int bOff, boolean transB, double[] c, int cOff) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c[cOff + i * n + j] = 0;
      }
      for (int p = 0; p < k; p++) {
        double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        if (transB) {
          for (int j = 0; j < n; j++) {
            c[cOff + i * n + j] += av * b[bOff + j * k + p];
          }
        } else {
          int row = bOff + p * n;
          for (int j = 0; j < n; j++) {
            c[cOff + i * n + j] += av * b[row + j];
          }
        }
      }
    }
  }
}
