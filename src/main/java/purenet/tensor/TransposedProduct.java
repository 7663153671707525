package purenet.tensor;

/**
 * The recipe of a product not yet computed: aᵀ·b for matrices a (k, m) and b (k, n), giving (m, n).
 * Held by a {@link Tensor} until its elements are first read.
 *
 * @param a the left factor as stored, (k, m)
 * @param b the right factor, (k, n)
 */
record TransposedProduct(Tensor a, Tensor b) {

  /** {@return aᵀ·b in a fresh array, row-major (m, n), the bits of the eager product} */
  double[] compute() {
    return MatMul.product(a, true, b, false).data();
  }
}
