package purenet.layer.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.init.Glorot;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Convolution;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tensor.WindowAxis;

class Conv2dTest {

  @Test
  void samePaddingKeepsHeightAndWidth() {
    Conv2d conv = Conv2d.same(1, 6, 5, Key.of(0));
    assertEquals(new Convolution(1, 2, 1), conv.geometry());
    assertEquals(Shape.of(3, 6, 28, 28), conv.apply(Tensor.zeros(3, 1, 28, 28)).shape());
    assertEquals(Shape.of(3, 6, 9, 7), Conv2d.same(1, 6, 3, Key.of(0)).apply(Tensor.zeros(3, 1, 9, 7)).shape());
  }

  @Test
  void validConvolutionShrinksByTheKernel() {
    Conv2d conv = Conv2d.of(6, 16, 5, Key.of(0));
    assertEquals(Shape.of(2, 16, 10, 10), conv.apply(Tensor.zeros(2, 6, 14, 14)).shape());
    assertEquals(Shape.of(2, 16, 5, 5), conv.withStride(2).apply(Tensor.zeros(2, 6, 14, 14)).shape());
    assertEquals(Shape.of(2, 16, 6, 6), conv.withDilation(2).apply(Tensor.zeros(2, 6, 14, 14)).shape());
  }

  @Test
  void forwardIsTheTensorConvolutionPlusBias() {
    Key key = Key.of(3);
    Tensor w = normal(new int[] {4, 2, 3, 3}, key.foldIn(0));
    Tensor b = normal(new int[] {4}, key.foldIn(1));
    Tensor x = normal(new int[] {2, 2, 6, 5}, key.foldIn(2));
    Conv2d layer = new Conv2d(w, Option.of(b), 2, 1, 1);
    Tensor expected = new Convolution(2, 1, 1).apply(x, w).add(b.reshape(4, 1, 1));
    assertTrue(expected.allClose(layer.apply(x), 1e-12, 1e-12));
    assertEquals(new Convolution(2, 1, 1).apply(x, w), layer.withoutBias().apply(x));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Key key = Key.of(11);
    int[][] geometries = {{1, 0, 1}, {1, 1, 1}, {2, 1, 1}, {1, 2, 2}, {3, 0, 1}};
    for (int t = 0; t < geometries.length; t++) {
      int[] g = geometries[t];
      Tensor w = normal(new int[] {3, 2, 3, 2}, key.foldIn(10 * t));
      Tensor b = normal(new int[] {3}, key.foldIn(10 * t + 1));
      Tensor x = normal(new int[] {2, 2, 7, 6}, key.foldIn(10 * t + 2));
      Conv2d layer = new Conv2d(w, Option.of(b), g[0], g[1], g[2]);
      check(layer, x, key.foldIn(10 * t + 3));
      check(layer.withoutBias(), x, key.foldIn(10 * t + 4));
    }
  }

  @Test
  void gradientsHaveTheShapesOfWhatTheyDifferentiate() {
    Conv2d layer = Conv2d.same(3, 5, 3, Key.of(1));
    Tensor x = Tensor.ones(4, 3, 8, 8);
    Grads grads = layer.forward(x, Mode.eval()).backward().apply(Tensor.ones(4, 5, 8, 8));
    assertEquals(x.shape(), grads.input().shape());
    assertEquals(Vector.of("weight", "bias"), layer.params().paths());
    assertEquals(Shape.of(5, 3, 3, 3), grads.params().tensor("weight").shape());
    // ∂L/∂b[k] = Σ g over batch and space = 4·8·8 for an all-ones gradient.
    assertEquals(Tensor.full(256, 5), grads.params().tensor("bias"));
  }

  @Test
  void heUniformInitialisationUsesTheConvolutionFanIn() {
    Conv2d conv = Conv2d.of(6, 16, 5, Key.of(4));
    // He uniform: U(−a, a), a = √2·√(3/fan_in), fan_in = 6·5·5 = 150.
    double a = Math.sqrt(2) * Math.sqrt(3.0 / 150);
    Tensor w = conv.weight();
    assertTrue(w.abs().max() <= a, "max |w| " + w.abs().max() + " exceeds " + a);
    assertTrue(w.abs().max() > 0.9 * a, "2400 draws should come near the bound " + a);
    // The variance of U(−a, a) is a²/3 = 2/150; 2400 samples estimate it within a few percent.
    assertEquals(2.0 / 150, w.square().mean(), 0.1 * 2.0 / 150);
    assertEquals(Tensor.zeros(16), conv.bias().get());
    assertEquals(conv, Conv2d.of(6, 16, 5, Key.of(4)), "the same key gives the same layer");
    assertFalse(conv.equals(Conv2d.of(6, 16, 5, Key.of(5))));
    // Glorot with fan_out = 16·25 = 400: a = √(6/(150 + 400)).
    Tensor g = Conv2d.of(6, 16, 5, Glorot.uniform(), Key.of(4)).weight();
    assertTrue(g.abs().max() <= Math.sqrt(6.0 / 550));
  }

  @Test
  void aMismatchedInputNamesTheLayerAndBothShapes() {
    Conv2d conv = Conv2d.same(1, 6, 5, Key.of(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> conv.apply(Tensor.zeros(32, 3, 28, 28)));
    assertEquals("Conv2d expects input (batch, 1, H, W), got (32, 3, 28, 28)", e.getMessage());
    assertEquals("Conv2d expects input (batch, 1, H, W), got (32, 784)",
        assertThrows(IllegalArgumentException.class, () -> conv.apply(Tensor.zeros(32, 784))).getMessage());
    assertEquals("Conv2d with kernel 5×5, stride 1, padding 0, dilation 1 expects input (batch, 6, H ≥ 5, W ≥ 5), got (2, 6, 4, 9)",
        assertThrows(IllegalArgumentException.class,
            () -> Conv2d.of(6, 16, 5, Key.of(0)).apply(Tensor.zeros(2, 6, 4, 9))).getMessage());
  }

  @Test
  void checkPredictsTheOutputWithoutComputing() {
    Conv2d conv = Conv2d.of(6, 16, 5, Key.of(0)).withStride(2);
    assertEquals(ShapeCheck.ok(Shape.of(64, 16, 5, 5)), conv.check(Shape.of(64, 6, 14, 14)));
    ShapeCheck bad = conv.check(Shape.of(64, 3, 14, 14));
    assertFalse(bad.fits());
    assertEquals(Shape.of(64, 16, 5, 5), bad.output(), "the output it would produce, so later layers can be checked");
    assertEquals(Vector.of("Conv2d expects input (batch, 6, H, W), got (64, 3, 14, 14)"), bad.problems());
    assertFalse(conv.check(Shape.of(64, 6)).fits());
    assertFalse(conv.check(Shape.of(64, 6, 3, 14)).fits());
  }

  @Test
  void hyperparametersAreValidatedAtConstruction() {
    Tensor w = Tensor.zeros(2, 1, 3, 3);
    assertEquals("Conv2d stride must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new Conv2d(w, Option.none(), 0, 0, 1)).getMessage());
    assertEquals("Conv2d padding must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
        () -> new Conv2d(w, Option.none(), 1, -1, 1)).getMessage());
    assertEquals("Conv2d dilation must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new Conv2d(w, Option.none(), 1, 0, 0)).getMessage());
    assertEquals("Conv2d weight must be (out, in, kh, kw) with every dimension >= 1, got (2, 9)",
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(Tensor.zeros(2, 9), Option.none(), 1, 0, 1))
            .getMessage());
    assertEquals("Conv2d bias must be (2), got (3)", assertThrows(IllegalArgumentException.class,
        () -> new Conv2d(w, Option.of(Tensor.zeros(3)), 1, 0, 1)).getMessage());
    assertEquals("window stride must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> Conv2d.of(1, 2, 3, Key.of(0)).withStride(1, 0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Conv2d.of(0, 2, 3, Key.of(0)));
  }

  @Test
  void sameWorksForEvenKernelsWithTheExtraPaddingAtTheBottomRight() {
    Conv2d even = Conv2d.same(1, 2, 4, Key.of(0));
    assertEquals(new Convolution(new WindowAxis(1, 1, 2, 1), new WindowAxis(1, 1, 2, 1)), even.geometry());
    assertEquals(Shape.of(3, 2, 9, 7), even.apply(Tensor.zeros(3, 1, 9, 7)).shape());
    Conv2d dilated = Conv2d.of(1, 1, 2, Key.of(1)).withDilation(3, 1).withSamePadding();
    assertEquals(new WindowAxis(1, 1, 2, 3), dilated.geometry().vertical());
    assertEquals(new WindowAxis(1, 0, 1, 1), dilated.geometry().horizontal());
    assertEquals(Shape.of(1, 1, 5, 6), dilated.check(Shape.of(1, 1, 5, 6)).output());
  }

  @Test
  void withParamsInstallsTheGivenTensors() {
    Conv2d conv = Conv2d.same(2, 3, 3, Key.of(0));
    assertEquals(conv, conv.withParams(conv.params()));
    Conv2d shifted = (Conv2d) conv.withParams(conv.params().map(t -> t.add(1)));
    assertEquals(conv.weight().add(1), shifted.weight());
    assertEquals(Tensor.ones(3), shifted.bias().get());
    assertEquals(conv.geometry(), shifted.geometry());
    assertThrows(IllegalArgumentException.class, () -> conv.withoutBias().withParams(conv.params()));
  }

  /**
   * Asserts that the input and parameter gradients equal central finite differences. The public
   * checker's 1e-6 relative tolerance: rounding errors of a correct layer on values of order 1 stay
   * below 1e-7, a wrong factor of 2 reports 1/3.
   */
  private static void check(Layer layer, Tensor x, Key key) {
    GradientCheck.standard().layer(layer, x, Mode.eval(), key).assertPasses(1e-6);
  }

  private static Tensor normal(int[] shape, Key key) {
    return Tensor.of(key.normal(Shape.of(shape).size()), shape);
  }
}
