package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.random.Key;

class ConvolutionTest {

  /**
   * Sums of at most C·kh·kw = 48 products of values of order 1 differ from the naive order by a
   * few ulps of the sum's magnitude: 1e-12 relative to max(1, |value|) leaves a wide margin and
   * still catches any wrong index (errors of order 1).
   */
  private static final double TOLERANCE = 1e-12;

  /** One random case: geometry and shapes drawn so that the output is at least 1×1. */
  private record Case(Convolution conv, Tensor x, Tensor w, Tensor bias, Tensor g) {}

  private static Case randomCase(Key key) {
    int[] r = new int[16];
    for (int i = 0; i < r.length; i++) {
      r[i] = key.foldIn(i).uniformInt(1 << 20);
    }
    int batch = 1 + r[0] % 3;
    int channels = 1 + r[1] % 3;
    int filters = 1 + r[2] % 4;
    int kh = 1 + r[3] % 4;
    int kw = 1 + r[4] % 4;
    // Per axis: stride, padding before and after, dilation, all drawn independently.
    WindowAxis vertical = new WindowAxis(1 + r[5] % 3, r[6] % 3, r[10] % 3, 1 + r[7] % 2);
    WindowAxis horizontal = new WindowAxis(1 + r[11] % 3, r[12] % 3, r[13] % 3, 1 + r[14] % 2);
    int h = vertical.minInput(kh) + r[8] % 6;
    int w = horizontal.minInput(kw) + r[9] % 6;
    Convolution conv = new Convolution(vertical, horizontal);
    Key[] k = key.split(4);
    Tensor x = normal(k[0], batch, channels, h, w);
    Tensor kernel = normal(k[1], filters, channels, kh, kw);
    Tensor bias = normal(k[2], filters);
    Tensor g = normal(k[3], conv.outputShape(x.shape(), kernel.shape()).dims());
    return new Case(conv, x, kernel, bias, g);
  }

  private static Tensor normal(Key key, int... shape) {
    return Tensor.of(key.normal(Shape.of(shape).size()), shape);
  }

  private static void assertClose(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.shape(), actual.shape(), what + " shape");
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.at(i);
      assertTrue(Math.abs(e - actual.at(i)) <= TOLERANCE * Math.max(1, Math.abs(e)),
          what + " element " + i + ": expected " + e + ", got " + actual.at(i));
    }
  }

  @Test
  void forwardMatchesTheSevenLoopReference() {
    for (int t = 0; t < 200; t++) {
      Case c = randomCase(Key.of(t));
      Convolution v = c.conv();
      String what = "case " + t + " " + v + " x" + c.x().shape() + " w" + c.w().shape();
      assertClose(NaiveConvolution.forward(c.x(), c.w(), null, v),
          v.apply(c.x(), c.w()), what);
      assertClose(NaiveConvolution.forward(c.x(), c.w(), c.bias().toArray(), v),
          v.apply(c.x(), c.w(), c.bias()), what + " with bias");
    }
  }

  @Test
  void gradientsMatchTheSevenLoopReference() {
    for (int t = 0; t < 200; t++) {
      Case c = randomCase(Key.of(1000 + t));
      Convolution v = c.conv();
      String what = "case " + t + " " + v + " x" + c.x().shape() + " w" + c.w().shape();
      assertClose(NaiveConvolution.inputGrad(c.g(), c.w(), c.x().shape(), v),
          v.inputGrad(c.g(), c.w(), c.x().shape()), what + " input gradient");
      assertClose(NaiveConvolution.kernelGrad(c.x(), c.g(), c.w().shape(), v),
          v.kernelGrad(c.x(), c.g(), c.w().shape()), what + " kernel gradient");
      assertClose(c.g().sum(0).sum(1).sum(1), v.biasGrad(c.g()), what + " bias gradient");
    }
  }

  /**
   * The gradients are the adjoints of the bilinear map: ⟨conv(x, w), g⟩ = ⟨x, inputGrad(g)⟩ =
   * ⟨w, kernelGrad(x, g)⟩. Three sums of the same ≤ 10⁴ products in different orders: they agree
   * to 1e-10 of the sum of |products|.
   */
  @Test
  void gradientsAreAdjointsOfTheForwardMap() {
    for (int t = 0; t < 100; t++) {
      Case c = randomCase(Key.of(2000 + t));
      Convolution v = c.conv();
      double forward = v.apply(c.x(), c.w()).dot(c.g());
      double viaInput = c.x().dot(v.inputGrad(c.g(), c.w(), c.x().shape()));
      double viaKernel = c.w().dot(v.kernelGrad(c.x(), c.g(), c.w().shape()));
      double scale = v.apply(c.x().abs(), c.w().abs()).dot(c.g().abs());
      assertEquals(forward, viaInput, 1e-10 * Math.max(1, scale), "case " + t);
      assertEquals(forward, viaKernel, 1e-10 * Math.max(1, scale), "case " + t);
    }
  }

  /** Central differences with h = 1e-6 on a bilinear map: exact up to rounding ≈ 1e-9 relative. */
  @Test
  void gradientsMatchFiniteDifferences() {
    for (int t = 0; t < 10; t++) {
      Case c = randomCase(Key.of(3000 + t));
      Convolution v = c.conv();
      double h = 1e-6;
      Tensor dx = v.inputGrad(c.g(), c.w(), c.x().shape());
      for (int i = 0; i < c.x().size(); i++) {
        double numeric = (v.apply(bump(c.x(), i, h), c.w(), c.bias()).dot(c.g())
            - v.apply(bump(c.x(), i, -h), c.w(), c.bias()).dot(c.g())) / (2 * h);
        assertEquals(numeric, dx.at(i), 1e-6 * Math.max(1, Math.abs(numeric)), "case " + t + " input " + i);
      }
      Tensor dw = v.kernelGrad(c.x(), c.g(), c.w().shape());
      for (int i = 0; i < c.w().size(); i++) {
        double numeric = (v.apply(c.x(), bump(c.w(), i, h), c.bias()).dot(c.g())
            - v.apply(c.x(), bump(c.w(), i, -h), c.bias()).dot(c.g())) / (2 * h);
        assertEquals(numeric, dw.at(i), 1e-6 * Math.max(1, Math.abs(numeric)), "case " + t + " kernel " + i);
      }
      Tensor db = v.biasGrad(c.g());
      for (int i = 0; i < c.bias().size(); i++) {
        double numeric = (v.apply(c.x(), c.w(), bump(c.bias(), i, h)).dot(c.g())
            - v.apply(c.x(), c.w(), bump(c.bias(), i, -h)).dot(c.g())) / (2 * h);
        assertEquals(numeric, db.at(i), 1e-6 * Math.max(1, Math.abs(numeric)), "case " + t + " bias " + i);
      }
    }
  }

  /** Grouped lowering (one image per group, or two with a shorter last group) gives the same results. */
  @Test
  void groupingTheBatchChangesNothing() {
    Key key = Key.of(7);
    Tensor x = normal(key.foldIn(0), 5, 2, 7, 6);
    Tensor w = normal(key.foldIn(1), 3, 2, 3, 2);
    Tensor b = normal(key.foldIn(2), 3);
    Convolution v = new Convolution(2, 1, 1);
    Tensor g = normal(key.foldIn(3), v.outputShape(x.shape(), w.shape()).dims());
    int perImage = 2 * 3 * 2 * v.vertical().outputSize(7, 3) * v.horizontal().outputSize(6, 2);
    for (int limit : new int[] {1, 2 * perImage}) {
      assertClose(v.apply(x, w, b), v.forward(x, w, b.toArray(), limit), "forward, limit " + limit);
      assertClose(v.inputGrad(g, w, x.shape()), v.inputGrad(g, w, x.shape(), limit), "input gradient, limit " + limit);
      assertClose(v.kernelGrad(x, g, w.shape()), v.kernelGrad(x, g, w.shape(), limit), "kernel gradient, limit " + limit);
    }
  }

  @Test
  void aHandWorkedExample() {
    // x = 1..9 as a 3×3 image, kernel [[1, 0], [0, -1]]: y[i, j] = x[i, j] − x[i+1, j+1] = −4 everywhere.
    Tensor x = Tensor.arange(9).add(1).reshape(1, 1, 3, 3);
    Tensor w = Tensor.vector(1, 0, 0, -1).reshape(1, 1, 2, 2);
    assertEquals(Tensor.full(-4, 1, 1, 2, 2), Convolution.of(1, 0).apply(x, w));
    // Not flipped: the same kernel as a true convolution would give +4.
    // With padding 1 the 4×4 output's corners see one tap each: y[0,0] = −x[0,0], y[3,3] = x[2,2].
    Tensor padded = Convolution.of(1, 1).apply(x, w);
    assertEquals(Shape.of(1, 1, 4, 4), padded.shape());
    assertEquals(-1, padded.get(0, 0, 0, 0), 0.0);
    assertEquals(9, padded.get(0, 0, 3, 3), 0.0);
  }

  @Test
  void outputSizeFollowsTheFormula() {
    assertEquals(28, Convolution.of(1, 2).vertical().outputSize(28, 5));
    assertEquals(24, Convolution.of(1, 0).vertical().outputSize(28, 5));
    assertEquals(12, Convolution.of(2, 0).vertical().outputSize(28, 5));
    assertEquals(14, Convolution.of(2, 1).vertical().outputSize(28, 3));
    assertEquals(24, new Convolution(1, 2, 2).vertical().outputSize(28, 5));
    assertEquals(0, Convolution.of(1, 0).vertical().outputSize(4, 5));
    assertEquals(Shape.of(32, 6, 28, 28), Convolution.of(1, 2).outputShape(Shape.of(32, 1, 28, 28), Shape.of(6, 1, 5, 5)));
    // Per axis: stride (3, 2), padding (top 1, bottom 0, left 2, right 1), dilation (1, 2).
    Convolution mixed = new Convolution(new WindowAxis(3, 1, 0, 1), new WindowAxis(2, 2, 1, 2));
    assertEquals(Shape.of(1, 1, 3, 4), mixed.outputShape(Shape.of(1, 1, 10, 7), Shape.of(1, 1, 3, 2)));
  }

  @Test
  void samePaddingPutsTheOddZeroAtTheBottomAndRight() {
    for (int k = 1; k <= 6; k++) {
      for (int d = 1; d <= 3; d++) {
        Convolution same = Convolution.same(k, k, d);
        assertEquals(Shape.of(2, 3, 9, 4), same.outputShape(Shape.of(2, 1, 9, 4), Shape.of(3, 1, k, k)), "k=" + k);
        assertEquals(d * (k - 1) / 2, same.vertical().padBefore());
        assertEquals(d * (k - 1) - d * (k - 1) / 2, same.vertical().padAfter());
      }
    }
    // An even 2×2 kernel of ones on 1..9: the extra zero row and column are after the image.
    Tensor x = Tensor.arange(9).add(1).reshape(1, 1, 3, 3);
    Tensor y = Convolution.same(2, 2, 1).apply(x, Tensor.ones(1, 1, 2, 2));
    assertEquals(Tensor.vector(12, 16, 9, 24, 28, 15, 15, 17, 9).reshape(1, 1, 3, 3), y);
  }

  @Test
  void badShapesAndGeometryFailNamingWhatWasFound() {
    Convolution v = Convolution.of(1, 0);
    IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
        () -> v.apply(Tensor.zeros(2, 3, 8, 8), Tensor.zeros(4, 1, 3, 3)));
    assertTrue(channels.getMessage().contains("(4, 1, 3, 3)") && channels.getMessage().contains("(2, 3, 8, 8)"),
        channels.getMessage());
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> v.apply(Tensor.zeros(2, 64), Tensor.zeros(4, 1, 3, 3)));
    assertTrue(rank.getMessage().contains("(2, 64)"), rank.getMessage());
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> v.apply(Tensor.zeros(1, 1, 2, 8), Tensor.zeros(4, 1, 3, 3)));
    assertTrue(small.getMessage().contains("3×3") && small.getMessage().contains("(1, 1, 2, 8)"), small.getMessage());
    IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
        () -> v.inputGrad(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(4, 1, 3, 3), Shape.of(1, 1, 8, 8)));
    assertTrue(grad.getMessage().contains("(1, 4, 6, 6)") && grad.getMessage().contains("(1, 4, 5, 5)"),
        grad.getMessage());
    assertEquals("convolution stride must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new Convolution(0, 0, 1)).getMessage());
    assertEquals("convolution padding must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> new Convolution(1, -1, 1)).getMessage());
    assertEquals("convolution dilation must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new Convolution(1, 0, 0)).getMessage());
  }

  private static Tensor bump(Tensor t, int i, double h) {
    return Tensor.generate(t.shape(), k -> k == i ? t.at(k) + h : t.at(k));
  }
}
