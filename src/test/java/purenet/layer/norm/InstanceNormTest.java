package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class InstanceNormTest {
  private static final Mode TRAIN = Mode.train(Key.of(0));

  @Test
  void eachChannelOfEachExampleIsNormalizedOverSpace() {
    InstanceNorm in = new InstanceNorm(Tensor.vector(2, -1), Tensor.vector(0.5, 3), 1e-12);
    Tensor x = Numeric.normal(Key.of(1), 3, 2, 4, 5).mul(3).add(-2);
    Tensor y = in.apply(x);
    for (int b = 0; b < 3; b++) {
      for (int c = 0; c < 2; c++) {
        Tensor slice = x.index(b).index(c);
        Tensor expected = slice.sub(Tensor.scalar(slice.mean()))
            .mul(1 / Math.sqrt(slice.sub(Tensor.scalar(slice.mean())).square().mean()))
            .mul(c == 0 ? 2 : -1).add(c == 0 ? 0.5 : 3);
        // ε = 1e-12 against variances of order 9: differences ~1e-13.
        assertTrue(y.index(b).index(c).allClose(expected, 1e-10, 1e-10));
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    InstanceNorm in = new InstanceNorm(Tensor.vector(1.2, -0.4), Tensor.vector(0.1, 0.3), 1e-3);
    Tensor x = Numeric.normal(Key.of(2), 2, 2, 3, 2);
    Tensor u = Numeric.normal(Key.of(3), 2, 2, 3, 2);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(in, x, TRAIN, u).assertPasses(1e-6);
  }

  @Test
  void validation() {
    BatchNormTest.assertMessage(() -> InstanceNorm.of(2).forward(Tensor.zeros(4, 2), TRAIN),
        "InstanceNorm expects input (batch, 2, ...) of rank >= 3, got (4, 2)");
    BatchNormTest.assertMessage(() -> InstanceNorm.of(2).withEpsilon(0), "epsilon must be > 0");
    assertTrue(InstanceNorm.of(2).check(Shape.of(4, 2, 7)).fits());
    assertFalse(InstanceNorm.of(2).check(Shape.of(4, 3, 7)).fits());
    assertEquals(Shape.of(4, 3, 7), InstanceNorm.of(2).check(Shape.of(4, 3, 7)).output());
  }
}
