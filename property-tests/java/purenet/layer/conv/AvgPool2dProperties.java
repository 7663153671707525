package purenet.layer.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * {@link AvgPool2d} passes the layer contract: batch ≤ 3, channels ≤ 3, windows up to 3×3 with
 * stride 1..3 and padding, images up to 8×8, values in [−2, 2]. Its own laws: linearity, constants
 * are kept where no padding is involved, and one window over the whole image is
 * {@link GlobalAvgPool}.
 */
class AvgPool2dProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(ConvArbitraries.poolWindows(), Arbitraries.integers().between(1, 3), modes())
        .flatAs((window, channels, mode) -> ConvArbitraries.images(window, channels)
            .flatMap(s -> tensors(s, -2, 2))
            .map(x -> new LayerCase(new AvgPool2d(window.kh(), window.kw(), window.vertical(), window.horizontal()), x,
                mode)));
  }

  /**
   * avg(a·x + b·y) = a·avg(x) + b·avg(y) for x, y with elements in [−2, 2]: the same ≤ 9-term
   * sums on both sides, grouped differently; 1e-12 of the magnitude 2·(|a| + |b|) bounds the rounding.
   */
  @Property(tries = 200)
  void linear(@ForAll("layerCases") LayerCase c, @ForAll long seed,
      @ForAll @DoubleRange(min = -3, max = 3) double a, @ForAll @DoubleRange(min = -3, max = 3) double b) {
    Tensor x = c.input();
    Tensor y = Tensor.of(Key.of(seed).uniform(x.size(), -2, 2), x.shape());
    Tensor left = c.layer().apply(x.mul(a).add(y.mul(b)));
    Tensor right = c.layer().apply(x).mul(a).add(c.layer().apply(y).mul(b));
    double diff = left.maxAbsDifference(right);
    assertTrue(diff <= 1e-12 * (2 * (Math.abs(a) + Math.abs(b)) + 1), "differs by " + diff);
  }

  /** Without padding every window lies inside the image, so a constant image stays that constant. */
  @Property(tries = 200)
  void keepsConstantsWithoutPadding(@ForAll("layerCases") LayerCase c, @ForAll @DoubleRange(min = -5, max = 5) double v) {
    AvgPool2d pool = (AvgPool2d) c.layer();
    AvgPool2d unpadded = new AvgPool2d(pool.height(), pool.width(), pool.vertical(), pool.horizontal()).withPadding(0, 0);
    Tensor x = c.input();
    Tensor y = unpadded.apply(Tensor.full(v, x.dim(0), x.dim(1), Math.max(x.dim(2), pool.vertical().extent(pool.height())),
        Math.max(x.dim(3), pool.horizontal().extent(pool.width()))));
    // A sum of at most 9 equal values times a rounded 1/(kh·kw): within 16 ulps of v.
    assertTrue(y.sub(Tensor.full(v, y.shape())).abs().max() <= 16 * Math.ulp(v),
        "mean of a constant " + v + " gave " + y);
  }

  /** One window covering the whole image is global average pooling (to shape (B, C, 1, 1)). */
  @Property(tries = 200)
  void aWholeImageWindowIsGlobalAveragePooling(@ForAll("layerCases") LayerCase c) {
    Tensor x = c.input();
    Tensor whole = new AvgPool2d(x.dim(2), x.dim(3), 1, 0).apply(x);
    Tensor global = new GlobalAvgPool().apply(x);
    assertEquals(global.shape(), whole.reshape(x.dim(0), x.dim(1)).shape());
    assertTrue(global.allClose(whole.reshape(x.dim(0), x.dim(1)), 1e-12, 1e-12), global + " vs " + whole);
  }
}
