package purenet.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;

class SquaredErrorTest {

  @Test
  void halfSumReproducesTheSeedWorkedExample() {
    // Seed 001: x = 2, w1 = 0.5, w2 = 0.3, identity activations: ŷ = x·w1·w2 = 0.3, y = 5.
    double prediction = 2 * 0.5 * 0.3;
    ValueAndGrad<Tensor> l = SquaredError.halfSum().apply(Tensor.of(new double[][] {{prediction}}),
        Tensor.of(new double[][] {{5}}));
    assertEquals(11.045, l.value(), 1e-12);
    assertEquals(-4.7, l.grad().item(), 1e-12);
  }

  @Test
  void reductionsDivideByWhatTheySay() {
    Tensor p = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    Tensor t = Tensor.of(new double[][] {{0, 0}, {1, 1}});
    // Squared differences 1, 4, 4, 9: sum 18 over N = 4 elements.
    assertEquals(9.0, SquaredError.halfSum().apply(p, t).value(), 0.0);
    assertEquals(18.0, SquaredError.sum().apply(p, t).value(), 0.0);
    assertEquals(4.5, SquaredError.mean().apply(p, t).value(), 0.0);
    assertEquals(Tensor.of(new double[][] {{1, 2}, {2, 3}}), SquaredError.halfSum().apply(p, t).grad());
    assertEquals(Tensor.of(new double[][] {{2, 4}, {4, 6}}), SquaredError.sum().apply(p, t).grad());
    assertEquals(Tensor.of(new double[][] {{0.5, 1}, {1, 1.5}}), SquaredError.mean().apply(p, t).grad());
  }

  @Test
  void shapeMismatchNamesBothShapesInsteadOfBroadcasting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SquaredError.mean().apply(Tensor.zeros(3, 1), Tensor.zeros(3)));
    assertTrue(e.getMessage().contains("(3, 1)") && e.getMessage().contains("(3)"), e.getMessage());
  }

  @Test
  void invalidCoefficientFailsAtConstruction() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SquaredError(-1, Reduction.SUM));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
  }
}
