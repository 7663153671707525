package purenet.layer.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class PoolLayersTest {

  /** The 4×4 image 1..16 as (1, 1, 4, 4). */
  private static Tensor image() {
    return Tensor.arange(16).add(1).reshape(1, 1, 4, 4);
  }

  @Test
  void maxPoolForwardAndBackwardOnAHandExample() {
    MaxPool2d pool = MaxPool2d.of(2);
    assertEquals(new MaxPool2d(2, 2, 2, 0), pool);
    var f = pool.forward(image(), Mode.eval());
    assertEquals(Tensor.vector(6, 8, 14, 16).reshape(1, 1, 2, 2), f.output());
    Grads g = f.backward().apply(Tensor.vector(1, 2, 3, 4).reshape(1, 1, 2, 2));
    assertEquals(Tensor.vector(
        0, 0, 0, 0,
        0, 1, 0, 2,
        0, 0, 0, 0,
        0, 3, 0, 4).reshape(1, 1, 4, 4), g.input());
    assertEquals(Tree.empty(), g.params());
  }

  @Test
  void maxPoolTiesGoToTheFirstMaximum() {
    Tensor x = Tensor.vector(
        2, 7, 7, 1,
        7, 0, 3, 3,
        4, 4, 8, 8,
        4, 4, 8, 8).reshape(1, 1, 4, 4);
    Grads g = MaxPool2d.of(2).forward(x, Mode.eval()).backward().apply(Tensor.ones(1, 1, 2, 2));
    assertEquals(Tensor.vector(
        0, 1, 1, 0,
        0, 0, 0, 0,
        1, 0, 1, 0,
        0, 0, 0, 0).reshape(1, 1, 4, 4), g.input());
  }

  @Test
  void avgPoolForwardAndBackwardOnAHandExample() {
    var f = AvgPool2d.of(2).forward(image(), Mode.eval());
    assertEquals(Tensor.vector(3.5, 5.5, 11.5, 13.5).reshape(1, 1, 2, 2), f.output());
    assertEquals(Tensor.full(0.25, 1, 1, 4, 4), f.backward().apply(Tensor.ones(1, 1, 2, 2)).input());
  }

  @Test
  void globalAvgPoolAveragesEveryChannel() {
    Tensor x = Tensor.arange(2 * 3 * 2 * 2).reshape(2, 3, 2, 2);
    var f = new GlobalAvgPool().forward(x, Mode.eval());
    assertEquals(Tensor.of(new double[][] {{1.5, 5.5, 9.5}, {13.5, 17.5, 21.5}}), f.output());
    Tensor dx = f.backward().apply(Tensor.of(new double[][] {{4, 8, 12}, {0, 0, -4}})).input();
    assertEquals(Tensor.vector(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1)
        .reshape(2, 3, 2, 2), dx);
    assertEquals(ShapeCheck.ok(Shape.of(2, 3)), new GlobalAvgPool().check(x.shape()));
    assertEquals("GlobalAvgPool expects input (batch, channels, H ≥ 1, W ≥ 1), got (2, 12)",
        assertThrows(IllegalArgumentException.class, () -> new GlobalAvgPool().apply(Tensor.zeros(2, 12))).getMessage());
  }

  @Test
  void poolGradientsMatchFiniteDifferences() {
    Key key = Key.of(5);
    // A random permutation of distinct values: no ties, so max pooling is differentiable there.
    int[] perm = key.permutation(2 * 3 * 7 * 6);
    Tensor x = Tensor.generate(Shape.of(2, 3, 7, 6), i -> perm[i] * 0.01);
    check(MaxPool2d.of(2), x, key.foldIn(1));
    check(MaxPool2d.of(3, 1), x, key.foldIn(2));
    check(new MaxPool2d(3, 2, 2, 1), x, key.foldIn(3));
    check(AvgPool2d.of(2), x, key.foldIn(4));
    check(new AvgPool2d(3, 3, 2, 1), x, key.foldIn(5));
    check(new GlobalAvgPool(), x, key.foldIn(6));
  }

  @Test
  void mismatchedInputsNameTheLayerAndTheShape() {
    assertEquals("MaxPool2d expects input (batch, channels, H, W), got (32, 784)",
        assertThrows(IllegalArgumentException.class, () -> MaxPool2d.of(2).apply(Tensor.zeros(32, 784))).getMessage());
    assertEquals("AvgPool2d with window 3×3, stride 3, padding 0, dilation 1 expects input (batch, channels, H ≥ 3, W ≥ 3), got (2, 4, 2, 5)",
        assertThrows(IllegalArgumentException.class, () -> AvgPool2d.of(3).apply(Tensor.zeros(2, 4, 2, 5))).getMessage());
  }

  @Test
  void checkPredictsTheOutputWithoutComputing() {
    assertEquals(ShapeCheck.ok(Shape.of(64, 6, 14, 14)), MaxPool2d.of(2).check(Shape.of(64, 6, 28, 28)));
    assertEquals(ShapeCheck.ok(Shape.of(64, 6, 13, 13)), AvgPool2d.of(3, 2).check(Shape.of(64, 6, 28, 28)));
    ShapeCheck bad = MaxPool2d.of(2).check(Shape.of(64, 784));
    assertFalse(bad.fits());
    assertEquals(Vector.of("MaxPool2d expects input (batch, channels, H, W), got (64, 784)"), bad.problems());
  }

  @Test
  void hyperparametersAreValidatedAtConstruction() {
    assertEquals("MaxPool2d stride must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> MaxPool2d.of(2, 0)).getMessage());
    assertEquals("AvgPool2d window must be at least 1×1, got 0×0",
        assertThrows(IllegalArgumentException.class, () -> AvgPool2d.of(0)).getMessage());
    assertEquals("MaxPool2d padding along the height must be in [0, 2) for a 2×2 window (stride 2, padding 2, dilation 1), got 2",
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2, 2)).getMessage());
  }

  /**
   * Asserts that the input and parameter gradients equal central finite differences. The public
   * checker's 1e-6 relative tolerance: rounding errors of a correct layer on values of order 1 stay
   * below 1e-7, a wrong factor of 2 reports 1/3.
   */
  private static void check(Layer layer, Tensor x, Key key) {
    GradientCheck.standard().layer(layer, x, Mode.eval(), key).assertPasses(1e-6);
  }
}
