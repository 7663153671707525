package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * Algebraic laws of the matrix product on small random matrices (every dimension in 1 ... 16).
 *
 * <p>Laws that reassociate sums (associativity, distributivity) hold within a tolerance relative
 * to the magnitude of the terms; laws that only reorder the factors of each product or the
 * storage of the operands hold exactly, because every element of a product is one multiply-add
 * chain over the depth in order (see {@link Gemm}).
 */
class MatmulLaws {

  /** An m×n matrix of values in [-scale, scale], drawn from {@code key}. */
  private static Tensor matrix(Key key, int m, int n, double scale) {
    return Tensor.of(key.uniform(m * n, -scale, scale), m, n);
  }

  @Property(tries = 200)
  void productIsAssociative(@ForAll @IntRange(min = 1, max = 16) int m, @ForAll @IntRange(min = 1, max = 16) int k,
      @ForAll @IntRange(min = 1, max = 16) int l, @ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Tensor a = matrix(keys[0], m, k, 1);
    Tensor b = matrix(keys[1], k, l, 10);
    Tensor c = matrix(keys[2], l, n, 0.1);
    double err = a.matmul(b).matmul(c).sub(a.matmul(b.matmul(c))).norm();
    // Rounding error of either side is at most ~(k + l)·eps·‖A‖‖B‖‖C‖ ≤ 32·2.2e-16 of that scale.
    assertTrue(err <= 1e-13 * a.norm() * b.norm() * c.norm(), "‖(AB)C − A(BC)‖ = " + err);
  }

  @Property(tries = 200)
  void transposeOfAProductIsTheReversedProductOfTransposes(@ForAll @IntRange(min = 1, max = 16) int m,
      @ForAll @IntRange(min = 1, max = 16) int k, @ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(2);
    Tensor a = matrix(keys[0], m, k, 3);
    Tensor b = matrix(keys[1], k, n, 3);
    // Exact: element (j, i) of BᵀAᵀ is the same chain as element (i, j) of AB with each product's
    // factors swapped, and a·b = b·a exactly.
    assertEquals(a.matmul(b).transpose(), b.transpose().matmul(a.transpose()));
  }

  @Property(tries = 200)
  void transposedVariantsEqualTheProductOfTheMaterialisedTranspose(@ForAll @IntRange(min = 1, max = 16) int m,
      @ForAll @IntRange(min = 1, max = 16) int k, @ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Tensor a = matrix(keys[0], m, k, 1);
    Tensor bt = matrix(keys[1], n, k, 1);
    Tensor at = matrix(keys[2], k, m, 1);
    Tensor b = bt.transpose();
    // Exact: packing absorbs the transposes, the arithmetic is the same.
    assertEquals(a.matmul(bt.transpose()), a.matmulTransposed(bt));
    assertEquals(at.transpose().matmul(b), at.transposedMatmul(b));
  }

  @Property(tries = 200)
  void productDistributesOverAddition(@ForAll @IntRange(min = 1, max = 16) int m,
      @ForAll @IntRange(min = 1, max = 16) int k, @ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(4);
    Tensor a = matrix(keys[0], m, k, 1);
    Tensor b = matrix(keys[1], k, n, 1);
    Tensor c = matrix(keys[2], k, n, 100);
    Tensor d = matrix(keys[3], m, k, 0.01);
    double scale = a.norm() * (b.norm() + c.norm()) + d.norm() * b.norm();
    // Each side rounds k products and sums: error ≤ ~(k + 2)·eps·scale, well under 1e-13·scale.
    double left = a.matmul(b.add(c)).sub(a.matmul(b).add(a.matmul(c))).norm();
    double right = a.add(d).matmul(b).sub(a.matmul(b).add(d.matmul(b))).norm();
    assertTrue(left <= 1e-13 * scale, "‖A(B + C) − (AB + AC)‖ = " + left);
    assertTrue(right <= 1e-13 * scale, "‖(A + D)B − (AB + DB)‖ = " + right);
  }

  @Property(tries = 200)
  void identityIsNeutral(@ForAll @IntRange(min = 1, max = 16) int m, @ForAll @IntRange(min = 1, max = 16) int n,
      @ForAll @IntRange(min = -300, max = 300) int exponent, @ForAll long seed) {
    Tensor a = matrix(Key.of(seed), m, n, Math.pow(2, exponent));
    // Exact: each element is a·1 plus products with 0, which add nothing (up to the sign of 0).
    assertEquals(0.0, Tensor.eye(m).matmul(a).maxAbsDifference(a));
    assertEquals(0.0, a.matmul(Tensor.eye(n)).maxAbsDifference(a));
  }

  @Property(tries = 200)
  void rowsOfAProductDoNotDependOnTheOtherRows(@ForAll @IntRange(min = 1, max = 16) int m,
      @ForAll @IntRange(min = 1, max = 16) int k, @ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Tensor top = matrix(keys[0], m, k, 1);
    Tensor bottom = matrix(keys[1], m, k, 1);
    Tensor b = matrix(keys[2], k, n, 1);
    // Exact: the product of a stacked batch is the stack of the products.
    assertEquals(Tensor.concat(0, top.matmul(b), bottom.matmul(b)), Tensor.concat(0, top, bottom).matmul(b));
  }

  @Property(tries = 200)
  void affineIsTheProductPlusTheBiasBitForBit(@ForAll @IntRange(min = 1, max = 20) int m,
      @ForAll @IntRange(min = 1, max = 16) int k, @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(3);
    Tensor x = matrix(keys[0], m, k, 1);
    Tensor w = matrix(keys[1], k, n, 1);
    Tensor b = Tensor.of(keys[2].uniform(n, -1, 1), n);
    assertEquals(x.matmul(w).add(b), x.affine(w, b));
  }
}
