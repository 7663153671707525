package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoolingTest {

  /** The 4×4 image 1..16 as (1, 1, 4, 4). */
  private static Tensor image() {
    return Tensor.arange(16).add(1).reshape(1, 1, 4, 4);
  }

  @Test
  void maxPoolingTwoByTwoPicksEachQuadrantsMaximum() {
    MaxPooled pooled = Pooling.of(2, 2).max(image());
    assertEquals(Tensor.vector(6, 8, 14, 16).reshape(1, 1, 2, 2), pooled.output());
    Tensor g = Tensor.vector(1, 2, 3, 4).reshape(1, 1, 2, 2);
    Tensor expected = Tensor.vector(
        0, 0, 0, 0,
        0, 1, 0, 2,
        0, 0, 0, 0,
        0, 3, 0, 4).reshape(1, 1, 4, 4);
    assertEquals(expected, pooled.inputGrad(g));
    assertEquals(expected, pooled.inputGrad(g), "a second call gives the same gradient");
  }

  @Test
  void tiesRouteTheGradientToTheFirstMaximumInRowMajorOrder() {
    Tensor x = Tensor.vector(
        5, 5,
        5, 5).reshape(1, 1, 2, 2);
    MaxPooled pooled = Pooling.of(2, 2).max(x);
    assertEquals(Tensor.vector(7, 0, 0, 0).reshape(1, 1, 2, 2), pooled.inputGrad(Tensor.full(7, 1, 1, 1, 1)));
    Tensor y = Tensor.vector(
        1, 9,
        9, 1).reshape(1, 1, 2, 2);
    assertEquals(Tensor.vector(0, 1, 0, 0).reshape(1, 1, 2, 2),
        Pooling.of(2, 2).max(y).inputGrad(Tensor.ones(1, 1, 1, 1)));
  }

  @Test
  void overlappingWindowsAddTheirGradientsAtAShareMaximum() {
    // 3×3 windows with stride 1 over 1..16: each window's maximum is its bottom-right corner.
    MaxPooled pooled = Pooling.of(3, 1).max(image());
    assertEquals(Tensor.vector(11, 12, 15, 16).reshape(1, 1, 2, 2), pooled.output());
    Tensor dx = pooled.inputGrad(Tensor.ones(1, 1, 2, 2));
    assertEquals(1, dx.get(0, 0, 2, 2), 0.0);
    assertEquals(1, dx.get(0, 0, 2, 3), 0.0);
    assertEquals(1, dx.get(0, 0, 3, 2), 0.0);
    assertEquals(1, dx.get(0, 0, 3, 3), 0.0);
    assertEquals(4, dx.sum(), 0.0);
    // A centre maximum covered by all four windows receives all four gradients.
    Tensor peak = Tensor.zeros(1, 1, 4, 4).add(Tensor.generate(Shape.of(1, 1, 4, 4), i -> i == 5 ? 100 : 0));
    Tensor dPeak = Pooling.of(3, 1).max(peak).inputGrad(Tensor.vector(1, 2, 3, 4).reshape(1, 1, 2, 2));
    assertEquals(1 + 2 + 3 + 4, dPeak.get(0, 0, 1, 1), 0.0);
  }

  @Test
  void paddingNeverWinsAMaxEvenWhenEveryInputIsNegative() {
    Tensor x = Tensor.full(-3, 1, 1, 2, 2);
    MaxPooled pooled = new Pooling(2, 2, 2, 1).max(x);
    assertEquals(Tensor.full(-3, 1, 1, 2, 2), pooled.output());
    assertEquals(Tensor.ones(1, 1, 2, 2), pooled.inputGrad(Tensor.ones(1, 1, 2, 2)));
  }

  @Test
  void averagePoolingAndItsGradient() {
    assertEquals(Tensor.vector(3.5, 5.5, 11.5, 13.5).reshape(1, 1, 2, 2), Pooling.of(2, 2).average(image()));
    Tensor dx = Pooling.of(2, 2).averageInputGrad(Tensor.vector(4, 8, 12, 16).reshape(1, 1, 2, 2), Shape.of(1, 1, 4, 4));
    assertEquals(Tensor.vector(
        1, 1, 2, 2,
        1, 1, 2, 2,
        3, 3, 4, 4,
        3, 3, 4, 4).reshape(1, 1, 4, 4), dx);
  }

  @Test
  void averagePoolingCountsPaddingAsZeros() {
    // 2×2 windows, stride 2, padding 1 over a 2×2 image of ones: each window holds one 1 and three zeros.
    Pooling p = new Pooling(2, 2, 2, 1);
    assertEquals(Tensor.full(0.25, 1, 1, 2, 2), p.average(Tensor.ones(1, 1, 2, 2)));
    assertEquals(Tensor.full(0.25, 1, 1, 2, 2), p.averageInputGrad(Tensor.ones(1, 1, 2, 2), Shape.of(1, 1, 2, 2)));
  }

  @Test
  void channelsAndImagesArePooledSeparately() {
    Tensor x = Tensor.arange(2 * 3 * 4 * 4).reshape(2, 3, 4, 4);
    Tensor y = Pooling.of(2, 2).max(x).output();
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 3; c++) {
        double base = (b * 3 + c) * 16;
        assertEquals(Tensor.vector(6, 8, 14, 16).add(base - 1).reshape(2, 2), y.index(b).index(c));
      }
    }
  }

  @Test
  void outputShapeFollowsTheFormula() {
    assertEquals(Shape.of(32, 6, 14, 14), Pooling.of(2, 2).outputShape(Shape.of(32, 6, 28, 28)));
    assertEquals(Shape.of(1, 1, 3, 3), Pooling.of(3, 2).outputShape(Shape.of(1, 1, 7, 8)));
    assertEquals(Shape.of(1, 1, 3, 3), new Pooling(3, 3, 2, 1).outputShape(Shape.of(1, 1, 5, 5)));
  }

  @Test
  void perAxisGeometryAndDilation() {
    // 1..16 as 4×4; window 2×2, vertical stride 2 with one zero row below, horizontal dilation 2 and stride 1.
    Pooling p = new Pooling(2, 2, new WindowAxis(2, 0, 1, 1), new WindowAxis(1, 0, 0, 2));
    assertEquals(Shape.of(1, 1, 2, 2), p.outputShape(Shape.of(1, 1, 4, 4)));
    assertEquals(Tensor.vector(7, 8, 15, 16).reshape(1, 1, 2, 2), p.max(image()).output());
    assertEquals(Tensor.vector(4, 5, 12, 13).reshape(1, 1, 2, 2), p.average(image()));
    // A dilated window that skips over a 2-wide image entirely is an error, not −∞.
    Pooling skipping = new Pooling(2, 1, new WindowAxis(1, 1, 1, 3), WindowAxis.plain());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> skipping.max(Tensor.zeros(1, 1, 2, 1)));
    assertTrue(e.getMessage().contains("covers no element"), e.getMessage());
  }

  @Test
  void badGeometryAndShapesFail() {
    assertEquals("pooling stride must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Pooling.of(2, 0)).getMessage());
    assertEquals("pooling window must be at least 1×1, got 0×2",
        assertThrows(IllegalArgumentException.class, () -> new Pooling(0, 2, 1, 0)).getMessage());
    assertEquals("pooling padding along the height must be in [0, 2) for a 2×3 window (stride 1, padding 2, dilation 1), got 2",
        assertThrows(IllegalArgumentException.class, () -> new Pooling(2, 3, 1, 2)).getMessage());
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> Pooling.of(3, 1).max(Tensor.zeros(1, 1, 2, 5)));
    assertTrue(small.getMessage().contains("(1, 1, 2, 5)"), small.getMessage());
    IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
        () -> Pooling.of(2, 2).max(image()).inputGrad(Tensor.zeros(1, 1, 4, 4)));
    assertTrue(grad.getMessage().contains("(1, 1, 2, 2)") && grad.getMessage().contains("(1, 1, 4, 4)"),
        grad.getMessage());
  }
}
