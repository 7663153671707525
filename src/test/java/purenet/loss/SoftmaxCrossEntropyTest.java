package purenet.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;

class SoftmaxCrossEntropyTest {

  @Test
  void uniformLogitsCostLogOfTheClassCount() {
    ValueAndGrad<Tensor> l = SoftmaxCrossEntropy.mean().apply(Tensor.zeros(2, 4), Tensor.vector(1, 3));
    assertEquals(Math.log(4), l.value(), 1e-15);
    // (softmax − y)/B = (1/4 − y)/2.
    assertEquals(Tensor.of(new double[][] {{0.125, -0.375, 0.125, 0.125}, {0.125, 0.125, 0.125, -0.375}}), l.grad());
  }

  @Test
  void sumIsBTimesMean() {
    Tensor z = Tensor.of(new double[][] {{1, -2, 0.5}, {3, 0, -1}});
    Tensor y = Tensor.vector(2, 0);
    ValueAndGrad<Tensor> mean = SoftmaxCrossEntropy.mean().apply(z, y);
    ValueAndGrad<Tensor> sum = SoftmaxCrossEntropy.sum().apply(z, y);
    assertEquals(2 * mean.value(), sum.value(), 1e-14);
    assertTrue(sum.grad().allClose(mean.grad().mul(2), 1e-14, 0));
  }

  @Test
  void indicesAndOneHotRowsGiveTheSameLossAndGradient() {
    Tensor z = Tensor.of(new double[][] {{1, -2, 0.5}, {3, 0, -1}});
    ValueAndGrad<Tensor> a = SoftmaxCrossEntropy.mean().apply(z, Tensor.vector(2, 0));
    ValueAndGrad<Tensor> b = SoftmaxCrossEntropy.mean().apply(z, Tensor.of(new double[][] {{0, 0, 1}, {1, 0, 0}}));
    assertEquals(a, b);
  }

  @Test
  void hugeLogitsStayExact() {
    Tensor z = Tensor.of(new double[][] {{1e4, -1e4}, {-1e4, 1e4}, {1e4, 1e4}});
    ValueAndGrad<Tensor> l = SoftmaxCrossEntropy.sum().apply(z, Tensor.vector(1, 1, 0));
    // Row 0: lse = 1e4 (+ log(1 + e^-2e4) = 0 in double), loss 2e4; row 1: 0; row 2: log 2.
    assertEquals(2e4 + Math.log(2), l.value(), 0.0);
    assertEquals(Tensor.of(new double[][] {{1, -1}, {0, 0}, {-0.5, 0.5}}), l.grad());
  }

  @Test
  void classIndexOutOfRangeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SoftmaxCrossEntropy.mean().apply(Tensor.zeros(2, 3), Tensor.vector(0, 3)));
    assertTrue(e.getMessage().contains("0..2") && e.getMessage().contains("3.0") && e.getMessage().contains("row 1"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SoftmaxCrossEntropy.mean().apply(Tensor.zeros(2, 3), Tensor.vector(0, 1.5)));
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SoftmaxCrossEntropy.mean().apply(Tensor.zeros(4, 10), Tensor.zeros(4, 9)));
    assertTrue(e.getMessage().contains("(4, 10)") && e.getMessage().contains("(4, 9)"), e.getMessage());
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> SoftmaxCrossEntropy.mean().apply(Tensor.zeros(4, 2, 5), Tensor.zeros(4)));
    assertTrue(rank.getMessage().contains("(4, 2, 5)"), rank.getMessage());
  }

  @Test
  void probabilityRowsMustSumToOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SoftmaxCrossEntropy.mean().apply(Tensor.zeros(2, 2), Tensor.of(new double[][] {{0.5, 0.5}, {0.5, 0.6}})));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }
}
