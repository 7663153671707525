package purenet.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import purenet.layer.Dense;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class InitializerTest {

  private static final Key KEY = Key.of(7);

  @Test
  void fansOfDenseConvolutionVectorAndScalar() {
    assertEquals(new Fans(784, 128), Fans.of(Shape.of(784, 128)));
    // Kernel (k = 16 out channels, c = 3 in channels, 5×5): fanIn = 3·25, fanOut = 16·25.
    assertEquals(new Fans(75, 400), Fans.of(Shape.of(16, 3, 5, 5)));
    assertEquals(new Fans(10, 10), Fans.of(Shape.of(10)));
    assertEquals(new Fans(1, 1), Fans.of(Shape.of()));
  }

  @Test
  void constantsFillTheShape() {
    assertEquals(Tensor.zeros(2, 3), Constant.zeros().initialize(KEY, Shape.of(2, 3)));
    assertEquals(Tensor.ones(4), Constant.ones().initialize(KEY, Shape.of(4)));
    assertEquals(Tensor.full(0.01, 3), new Constant(0.01).initialize(KEY, Shape.of(3)));
  }

  @Test
  void layersTakeAnInitializerAndAKeyWithZeroOrSmallPositiveBias() {
    Dense dense = Dense.of(20, 10, He.normal(), KEY);
    assertEquals(He.normal().initialize(KEY, Shape.of(20, 10)), dense.weight());
    assertEquals(Tensor.zeros(10), dense.bias().get());
    assertEquals(Tensor.full(0.01, 10), dense.withBias(0.01).bias().get());
  }

  @Test
  void boundedSamplersStayInsideTheirSupport() {
    Tensor u = new Uniform(2, 3).initialize(KEY, Shape.of(1000));
    assertTrue(u.min() >= 2 && u.max() < 3);
    Tensor t = TruncatedNormal.of(0.5).initialize(KEY, Shape.of(1000));
    assertTrue(t.min() >= -1 && t.max() <= 1);
    double a = Math.sqrt(6.0 / (20 + 30));
    Tensor g = Glorot.uniform().initialize(KEY, Shape.of(20, 30));
    assertTrue(g.min() >= -a && g.max() < a);
    Tensor h = new He(Distribution.TRUNCATED_NORMAL, FanMode.IN, 1.0).initialize(KEY, Shape.of(50, 30));
    assertTrue(h.abs().max() <= 2 / Sampling.TRUNCATED_STD_AT_2 / Math.sqrt(50) * (1 + 1e-15));
  }

  @Test
  void lecunNormalIsHeWithGainOne() {
    assertEquals(new He(Distribution.NORMAL, FanMode.IN, 1.0), He.lecunNormal());
    assertEquals(1.0 / 40, He.lecunNormal().variance(40, 7), 0.0);
  }

  @Test
  void invalidParametersAreNamed() {
    assertMessage(() -> new Uniform(1, 1), "Uniform needs finite lo < hi, got [1.0, 1.0)");
    assertMessage(() -> new Normal(0, 0), "Normal std must be > 0, got 0.0");
    assertMessage(() -> new TruncatedNormal(0, 1, -2), "TruncatedNormal bound must be > 0 standard deviations, got -2.0");
    assertMessage(() -> new He(Distribution.NORMAL, FanMode.IN, 0), "gain must be > 0, got 0.0");
    assertMessage(() -> new Constant(Double.NaN), "Constant value must be finite, got NaN");
    assertMessage(() -> He.normal().initialize(KEY, Shape.of(3, 3), 0, 3), "fans must be >= 1, got fanIn 0 and fanOut 3");
  }

  private static void assertMessage(Executable construction, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
    assertEquals(message, e.getMessage());
  }
}
