package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Mode;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class FilterResponseNormTest {
  private static final Mode TRAIN = Mode.train(Key.of(0));

  @Test
  void dividesByTheRootMeanSquareWithoutCentering() {
    // One example, one channel, responses {3, 4}: ν² = (9 + 16)/2 = 12.5.
    Tensor x = Tensor.of(new double[] {3, 4}, 1, 1, 2);
    double eps = 1e-6;
    Tensor y = FilterResponseNorm.of(1).apply(x);
    double r = 1 / Math.sqrt(12.5 + eps);
    assertTrue(y.allClose(Tensor.of(new double[] {3 * r, 4 * r}, 1, 1, 2), 1e-14, 0), y.toString());
    // A constant response is not centered away.
    Tensor c = FilterResponseNorm.of(1).apply(Tensor.full(2.0, 1, 1, 3));
    assertTrue(c.allClose(Tensor.full(2 / Math.sqrt(4 + eps), 1, 1, 3), 1e-14, 0));
  }

  @Test
  void gradientsMatchFiniteDifferencesWithAndWithoutTlu() {
    FilterResponseNorm frn = new FilterResponseNorm(Tensor.vector(1.2, -0.4), Tensor.vector(0.1, 0.3), 1e-3);
    Tensor x = Numeric.normal(Key.of(1), 2, 2, 2, 3);
    Tensor u = Numeric.normal(Key.of(2), 2, 2, 2, 3);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(frn, x, TRAIN, u).assertPasses(1e-6);
    Sequential net = Sequential.of(frn, new Tlu(Tensor.vector(-0.2, 0.1)));
    GradientCheck.standard().layer(net, x, TRAIN, u).assertPasses(1e-6);
  }

  @Test
  void validation() {
    BatchNormTest.assertMessage(() -> FilterResponseNorm.of(2).withEpsilon(0), "epsilon must be > 0");
    BatchNormTest.assertMessage(() -> new FilterResponseNorm(Tensor.ones(2), Tensor.ones(3), 1e-6), "beta", "(2)", "(3)");
    BatchNormTest.assertMessage(() -> FilterResponseNorm.of(2).forward(Tensor.zeros(1, 3, 2, 2), TRAIN),
        "FilterResponseNorm expects input (batch, 2)", "(1, 3, 2, 2)");
    assertTrue(FilterResponseNorm.of(2).check(Shape.of(1, 2, 5, 5)).fits());
    assertFalse(FilterResponseNorm.of(2).check(Shape.of(1, 5, 5, 2)).fits());
  }
}
