package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class TluTest {

  @Test
  void clampsFromBelowAtTheChannelThreshold() {
    Tlu tlu = new Tlu(Tensor.vector(0.5, -1));
    Tensor y = Tensor.of(new double[][] {{0, 0}, {1, -2}});
    assertEquals(Tensor.of(new double[][] {{0.5, 0}, {1, -1}}), tlu.apply(y));
    Grads g = tlu.forward(y, Mode.eval()).backward().apply(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
    assertEquals(Tensor.of(new double[][] {{0, 2}, {3, 0}}), g.input());
    assertEquals(Tensor.vector(1, 4), g.params().tensor("tau"));
  }

  @Test
  void zeroThresholdIsRelu() {
    Tensor x = Numeric.normal(Key.of(1), 4, 3, 2);
    assertEquals(new Relu().apply(x), Tlu.of(3).apply(x));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Tlu tlu = new Tlu(Tensor.vector(0.3, -0.2, 0));
    Tensor x = Numeric.normal(Key.of(2), 4, 3, 2);
    Tensor u = Numeric.normal(Key.of(3), 4, 3, 2);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(tlu, x, Mode.eval(), u).assertPasses(1e-6);
  }

  @Test
  void validation() {
    BatchNormTest.assertMessage(() -> new Tlu(Tensor.zeros(2, 2)), "tau must be a non-empty vector (C)", "(2, 2)");
    BatchNormTest.assertMessage(() -> Tlu.of(2).apply(Tensor.zeros(3, 4)), "Tlu expects input (batch, 2)", "(3, 4)");
    assertTrue(Tlu.of(2).check(Shape.of(3, 2, 2)).fits());
    assertFalse(Tlu.of(2).check(Shape.of(3, 4)).fits());
  }
}
