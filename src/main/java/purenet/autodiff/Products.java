package purenet.autodiff;

import purenet.tensor.Tensor;

/**
 * Matrix products and their pullbacks. For C = A·B: ∂A = G·Bᵀ and ∂B = Aᵀ·G; for C = A·Bᵀ:
 * ∂A = G·B and ∂B = Gᵀ·A; for C = Aᵀ·B: ∂A = B·Gᵀ and ∂B = A·G. Batched products (rank 3) pull
 * back per batch element; a right matrix shared by the batch ((b, m, k)·(k, n)) sums its gradient
 * over the batch, as one product of the flattened batch.
 */
final class Products {
  private Products() {}

  static Expr matmul(Expr a, Expr b) {
    Tensor x = a.value();
    Tensor y = b.value();
    return Expr.op("matmul", x.matmul(y), (g, w) -> new Tensor[] {
        w[0] ? g.matmulTransposed(y) : null,
        w[1] ? (shared(x, y) ? flat(x).transposedMatmul(flat(g)) : x.transposedMatmul(g)) : null}, a, b);
  }

  static Expr matmulTransposed(Expr a, Expr b) {
    Tensor x = a.value();
    Tensor y = b.value();
    return Expr.op("matmulTransposed", x.matmulTransposed(y), (g, w) -> new Tensor[] {
        w[0] ? g.matmul(y) : null,
        w[1] ? (shared(x, y) ? flat(g).transposedMatmul(flat(x)) : g.transposedMatmul(x)) : null}, a, b);
  }

  static Expr transposedMatmul(Expr a, Expr b) {
    Tensor x = a.value();
    Tensor y = b.value();
    return Expr.op("transposedMatmul", x.transposedMatmul(y), (g, w) -> new Tensor[] {
        w[0] ? (shared(x, y) ? g.matmulTransposed(y).transpose() : y.matmulTransposed(g)) : null,
        w[1] ? (shared(x, y) ? columns(x).matmul(flat(g)) : x.matmul(g)) : null}, a, b);
  }

  /** Whether a batch of left matrices shares one right matrix. */
  private static boolean shared(Tensor x, Tensor y) {
    return x.rank() == 3 && y.rank() == 2;
  }

  /** (b, m, k) → (b·m, k). */
  private static Tensor flat(Tensor t) {
    return t.reshape(-1, t.dim(-1));
  }

  /** (b, k, m) → (k, b·m): the batch's matrices side by side. */
  private static Tensor columns(Tensor t) {
    return t.permute(1, 0, 2).reshape(t.dim(1), -1);
  }
}
