package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * A matrix reused as the right factor of products ({@link RightPacking}): its packed copy is made
 * on the third use of an orientation and reused after, and every product gives the same bits as
 * the product of a fresh copy of the matrix (which packs it in scratch space). Shapes: 8 … 40 rows
 * of the left factor (the packing path), depth and columns 1 … 300 (several depth blocks and
 * ragged slivers).
 */
class RightPackingLaws {

  private static Tensor matrix(Key key, int rows, int cols) {
    return Tensor.of(key.uniform(rows * cols, -1, 1), rows, cols);
  }

  /** A copy with no history as a right factor. */
  private static Tensor fresh(Tensor t) {
    return Tensor.wrap(t.shape(), t.data().clone());
  }

  @Property(tries = 60)
  void reusedRightFactorsGiveTheBitsOfFreshOnes(@ForAll @IntRange(min = 8, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 300) int k, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 2) int threads, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(4);
    Tensor w = matrix(keys[0], k, n);
    Tensor wt = matrix(keys[1], n, k);
    Tensor bias = Tensor.of(keys[2].uniform(n, -1, 1), n);
    OnThreads.run(threads, () -> {
      for (int use = 0; use < 4; use++) {
        Tensor x = matrix(keys[3].foldIn(use), m, k);
        assertEquals(x.matmul(fresh(w)), x.matmul(w), "x·W, use " + use);
        assertEquals(x.matmulTransposed(fresh(wt)), x.matmulTransposed(wt), "x·Wᵀ, use " + use);
        assertEquals(x.affine(fresh(w), bias), x.affine(w, bias), "x·W + b, use " + use);
        Tensor xt = Tensor.wrap(Shape.of(k, m), x.data());
        assertEquals(xt.transposedMatmul(fresh(w)), xt.transposedMatmul(w), "xᵀ·W, use " + use);
      }
    });
  }

  @Property(tries = 50)
  void theCopyIsMadeOnTheThirdUseOfAnOrientationAndKept(@ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Tensor w = matrix(Key.of(seed), k, n);
    assertNull(w.packedAsRight(false), "first plain use");
    assertNull(w.packedAsRight(true), "first transposed use: a use of the other orientation does not count");
    assertNull(w.packedAsRight(false), "second plain use: a matrix used twice keeps nothing");
    assertNull(w.packedAsRight(true), "second transposed use");
    Gemm.Packed plain = w.packedAsRight(false);
    assertNotNull(plain, "third plain use");
    assertEquals(k, plain.k());
    assertEquals(n, plain.n());
    assertSame(plain, w.packedAsRight(false), "kept");
    Gemm.Packed transposed = w.packedAsRight(true);
    assertEquals(n, transposed.k());
    assertEquals(k, transposed.n());
    assertArrayEquals(Gemm.pack(k, n, w.data(), 0, false).data(), plain.data());
    assertArrayEquals(Gemm.pack(n, k, w.data(), 0, true).data(), transposed.data());
  }
}
