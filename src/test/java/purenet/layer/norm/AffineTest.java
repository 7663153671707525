package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Dense;
import purenet.layer.Mode;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Tensor;

class AffineTest {

  @Test
  void scalesAndShiftsEachChannel() {
    Affine a = new Affine(Tensor.vector(2, -1), Tensor.vector(1, 0));
    Tensor x = Tensor.arange(8).reshape(2, 2, 2);
    Tensor expected = Tensor.of(new double[] {1, 3, -2, -3, 9, 11, -6, -7}, 2, 2, 2);
    assertEquals(expected, a.apply(x));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Affine a = new Affine(Tensor.vector(2, -1, 0.5), Tensor.vector(1, 0, 3));
    Tensor x = Numeric.normal(Key.of(1), 4, 3, 2);
    Tensor u = Numeric.normal(Key.of(2), 4, 3, 2);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(a, x, Mode.eval(), u).assertPasses(1e-6);
  }

  @Test
  void foldsIntoAPrecedingDense() {
    Affine a = new Affine(Tensor.vector(2, -1, 0.5), Tensor.vector(1, 0, 3));
    Dense d = Dense.of(4, 3, Key.of(3)).withBias(0.3);
    Tensor x = Numeric.normal(Key.of(4), 5, 4);
    assertTrue(a.foldInto(d).apply(x).allClose(Sequential.of(d, a).apply(x), 1e-12, 1e-12));
    BatchNormTest.assertMessage(() -> a.foldInto(Dense.of(4, 2, Key.of(0))), "3 channels", "2 units");
  }
}
