package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void matmulOfKnownMatrices() {
    Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    Tensor b = Tensor.of(new double[][] {{5, 6}, {7, 8}});
    assertEquals(Tensor.of(new double[][] {{19, 22}, {43, 50}}), a.matmul(b));
    assertEquals(a.matmul(b.transpose()), a.matmulTransposed(b));
    assertEquals(a.transpose().matmul(b), a.transposedMatmul(b));
  }

  @Test
  void broadcastingAddsARowVectorToEveryRow() {
    Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(Tensor.of(new double[][] {{11, 22, 33}, {14, 25, 36}}), m.add(Tensor.vector(10, 20, 30)));
    assertEquals(Tensor.vector(5, 7, 9), m.sumTo(Shape.of(3)));
    assertEquals(Tensor.of(new double[][] {{6}, {15}}), m.sumTo(Shape.of(2, 1)));
  }

  @Test
  void aDeferredTransposedProductRejectsMismatchedShapesAtTheCall() {
    // Its elements are computed later; its shapes are checked now, with both named.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(3, 4).transposedMatmul(Tensor.zeros(2, 5)));
    assertTrue(e.getMessage().contains("transposedMatmul shapes do not match: (3, 4) and (2, 5)"), e.getMessage());
  }

  @Test
  void mismatchedShapesNameBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
    assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4)"), e.getMessage());
  }

  @Test
  void reductionsAlongAxes() {
    Tensor t = Tensor.arange(24).reshape(2, 3, 4);
    assertEquals(Shape.of(2, 4), t.sum(1).shape());
    assertEquals(12 + 16 + 20, t.sum(1).get(1, 0), 0.0);
    assertEquals(Tensor.of(new double[][] {{3, 3, 3}, {3, 3, 3}}), t.argmax(2));
    assertEquals(t, t.permute(2, 0, 1).permute(1, 2, 0));
  }
}
