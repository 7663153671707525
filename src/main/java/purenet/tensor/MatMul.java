package purenet.tensor;

/** Shape checking and batching for matrix products; the arithmetic is {@link Gemm}'s. */
final class MatMul {
  private MatMul() {}

  /**
   * The sizes of op(A)·op(B): {@code batch} products of (m, k)·(k, n).
   *
   * @param batch how many products (1 for a single matrix)
   * @param m     rows of op(A)
   * @param k     depth
   * @param n     columns of op(B)
   * @param shape the result's shape, (m, n) or (batch, m, n)
   */
  record Dims(int batch, int m, int k, int n, Shape shape) {}

  /**
   * {@return the sizes of op(A)·op(B)}
   *
   * @throws IllegalArgumentException naming the operation and both shapes unless they fit
   */
  static Dims dims(Tensor a, boolean transA, Tensor b, boolean transB) {
    String op = (transA ? "transposedMatmul" : "matmul") + (transB ? "Transposed" : "");
    if (a.rank() < 2 || a.rank() > 3 || b.rank() < 2 || b.rank() > 3 || (a.rank() == 2 && b.rank() == 3)) {
      throw new IllegalArgumentException(
          op + " needs (m, k)·(k, n), (b, m, k)·(b, k, n) or (b, m, k)·(k, n), got " + a.shape() + " and " + b.shape());
    }
    int m = transA ? a.dim(-1) : a.dim(-2);
    int k = transA ? a.dim(-2) : a.dim(-1);
    int kb = transB ? b.dim(-1) : b.dim(-2);
    int n = transB ? b.dim(-2) : b.dim(-1);
    int batch = a.rank() == 3 ? a.dim(0) : 1;
    if (k != kb || (b.rank() == 3 && b.dim(0) != batch)) {
      throw new IllegalArgumentException(op + " shapes do not match: " + a.shape() + " and " + b.shape());
    }
    return new Dims(batch, m, k, n, a.rank() == 3 ? Shape.of(batch, m, n) : Shape.of(m, n));
  }

  static Tensor product(Tensor a, boolean transA, Tensor b, boolean transB) {
    Dims d = dims(a, transA, b, transB);
    int batch = d.batch();
    int m = d.m();
    int k = d.k();
    int n = d.n();
    double[] c = new double[batch * m * n];
    if (b.rank() == 2 && (!transA || batch == 1)) {
      // (batch, m, k)·(k, n) is one (batch·m, k)·(k, n) product (bigger blocks, one parallel split);
      // a single matrix, transposed or not, is one product too.
      multiply(batch * m, k, a.data(), transA, b, transB, c);
      return Tensor.wrap(d.shape(), c);
    }
    for (int i = 0; i < batch; i++) {
      int bOff = b.rank() == 3 ? i * k * n : 0;
      Gemm.multiply(m, n, k, a.data(), i * m * k, transA, b.data(), bOff, transB, c, i * m * n);
    }
    return Tensor.wrap(d.shape(), c);
  }

  /**
   * x·W + b for x (m, k), W (k, n), b (n), and with {@code relu} max(x·W + b, 0): the bias (and the
   * rectifier) applied in place to each row of the fresh product, so the affine map and the ReLU
   * after it cost one array and one pass.
   */
  static Tensor affine(Tensor x, Tensor w, Tensor b, boolean relu) {
    if (x.rank() != 2 || w.rank() != 2 || b.rank() != 1 || x.dim(1) != w.dim(0) || b.dim(0) != w.dim(1)) {
      throw new IllegalArgumentException((relu ? "affineRelu" : "affine") + " needs (m, k)·(k, n) + (n), got "
          + x.shape() + ", " + w.shape() + " and " + b.shape());
    }
    int m = x.dim(0);
    int n = w.dim(1);
    double[] c = new double[m * n];
    multiply(m, x.dim(1), x.data(), false, w, false, c);
    double[] bias = b.data();
    if (relu) {
      for (int row = 0; row < c.length; row += n) {
        for (int j = 0; j < n; j++) {
          // Tensor.relu's max(v, 0): NaN stays NaN, −0 becomes +0.
          c[row + j] = Math.max(c[row + j] + bias[j], 0.0);
        }
      }
    } else {
      for (int row = 0; row < c.length; row += n) {
        for (int j = 0; j < n; j++) {
          c[row + j] += bias[j];
        }
      }
    }
    return Tensor.wrap(Shape.of(m, n), c);
  }

  /**
   * C = op(A)·op(B) for an m×k op(A) and a matrix B, with B's packed copy when it has one
   * ({@link Tensor#packedAsRight}); only products that pack B count as a use of it.
   */
  private static void multiply(int m, int k, double[] a, boolean transA, Tensor b, boolean transB, double[] c) {
    Gemm.Packed packed = Gemm.packsRight(m, k, transB) ? b.packedAsRight(transB) : null;
    if (packed != null) {
      Gemm.multiply(m, a, 0, transA, packed, c, 0);
    } else {
      int n = transB ? b.dim(0) : b.dim(1);
      Gemm.multiply(m, n, k, a, 0, transA, b.data(), 0, transB, c, 0);
    }
  }
}
