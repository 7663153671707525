package purenet.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;

class BinaryCrossEntropyTest {

  @Test
  void zeroLogitCostsLogTwo() {
    ValueAndGrad<Tensor> l = BinaryCrossEntropy.mean().apply(Tensor.zeros(2, 1), Tensor.of(new double[][] {{1}, {0}}));
    assertEquals(Math.log(2), l.value(), 1e-15);
    // (σ(0) − y)/N with N = 2.
    assertEquals(Tensor.of(new double[][] {{-0.25}, {0.25}}), l.grad());
  }

  @Test
  void hugeLogitsStayFiniteAndExact() {
    Tensor z = Tensor.vector(1e4, -1e4, 1e4, -1e4);
    ValueAndGrad<Tensor> l = BinaryCrossEntropy.sum().apply(z, Tensor.vector(1, 0, 0, 1));
    // Right with certainty costs 0; wrong costs |z|.
    assertEquals(2e4, l.value(), 0.0);
    assertEquals(Tensor.vector(0, 0, 1, -1), l.grad());
  }

  @Test
  void targetsOutsideTheUnitIntervalAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BinaryCrossEntropy.mean().apply(Tensor.zeros(3), Tensor.vector(0, 1, 2)));
    assertTrue(e.getMessage().contains("2.0") && e.getMessage().contains("element 2"), e.getMessage());
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BinaryCrossEntropy.mean().apply(Tensor.zeros(5, 1), Tensor.zeros(5)));
    assertTrue(e.getMessage().contains("(5, 1)") && e.getMessage().contains("(5)"), e.getMessage());
  }
}
