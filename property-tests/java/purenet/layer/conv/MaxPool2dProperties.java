package purenet.layer.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.TensorArbitraries.modes;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Mode;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * {@link MaxPool2d} passes the layer contract on images without ties (a random permutation of
 * distinct values, so the maximum of every window is unique and finite differences are valid):
 * batch ≤ 3, channels ≤ 3, windows up to 3×3 with stride 1..3 and padding, images up to 8×8.
 * Its own laws: the output picks input values, the gradient goes to them, and pooling commutes with
 * increasing affine maps.
 */
class MaxPool2dProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(ConvArbitraries.poolWindows(), Arbitraries.integers().between(1, 3), modes())
        .flatAs((window, channels, mode) -> ConvArbitraries.images(window, channels)
            .flatMap(ConvArbitraries::distinct)
            .map(x -> new LayerCase(new MaxPool2d(window.kh(), window.kw(), window.vertical(), window.horizontal()), x,
                mode)));
  }

  /**
   * Every output is one of the inputs, and an all-ones upstream gradient puts its whole mass, one
   * per output, on inputs that are outputs.
   */
  @Property(tries = 200)
  void outputsAreInputsAndTheGradientGoesToThem(@ForAll("layerCases") LayerCase c) {
    Tensor x = c.input();
    var f = c.layer().forward(x, Mode.eval());
    Set<Double> inputs = new HashSet<>();
    for (double v : x.toArray()) {
      inputs.add(v);
    }
    Set<Double> outputs = new HashSet<>();
    for (double v : f.output().toArray()) {
      assertTrue(inputs.contains(v), "output " + v + " is not an input value");
      outputs.add(v);
    }
    Tensor dx = f.backward().apply(Tensor.full(1.0, f.output().shape())).input();
    assertEquals(f.output().size(), dx.sum(), 0.0);
    for (int i = 0; i < x.size(); i++) {
      assertTrue(dx.at(i) == 0 || outputs.contains(x.at(i)), "gradient at a non-maximum, element " + i);
    }
  }

  /** maxpool(a·x + b) = a·maxpool(x) + b for a > 0, exactly: x ↦ a·x + b is monotone in floating point too. */
  @Property(tries = 200)
  void commutesWithIncreasingAffineMaps(@ForAll("layerCases") LayerCase c,
      @ForAll @DoubleRange(min = 0.01, max = 10) double a, @ForAll @DoubleRange(min = -5, max = 5) double b) {
    Tensor x = c.input();
    assertEquals(c.layer().apply(x).map(v -> a * v + b), c.layer().apply(x.map(v -> a * v + b)));
  }

  /**
   * The maximum of a window is at least its mean, strictly more unless the window holds one
   * element: without padding, max pooling dominates average pooling of the same windows.
   */
  @Property(tries = 200)
  void dominatesAveragePooling(@ForAll("layerCases") LayerCase c) {
    MaxPool2d pool = (MaxPool2d) c.layer();
    Tensor x = c.input();
    Tensor fitting = Tensor.generate(Shape.of(x.dim(0), x.dim(1), Math.max(x.dim(2), pool.vertical().extent(pool.height())),
        Math.max(x.dim(3), pool.horizontal().extent(pool.width()))), i -> x.at(i % x.size()) + 0.001 * (i / x.size()));
    Tensor max = new MaxPool2d(pool.height(), pool.width(), pool.vertical(), pool.horizontal()).withPadding(0, 0).apply(fitting);
    Tensor avg = new AvgPool2d(pool.height(), pool.width(), pool.vertical(), pool.horizontal()).withPadding(0, 0).apply(fitting);
    boolean single = pool.height() * pool.width() == 1;
    for (int i = 0; i < max.size(); i++) {
      assertTrue(single ? max.at(i) >= avg.at(i) : max.at(i) > avg.at(i),
          "max " + max.at(i) + " vs mean " + avg.at(i) + " at output " + i);
    }
  }

  /** A 1×1 window with stride 1 is the identity. */
  @Property(tries = 200)
  void oneByOneWindowIsTheIdentity(@ForAll("layerCases") LayerCase c) {
    assertEquals(c.input(), MaxPool2d.of(1, 1).apply(c.input()));
  }
}
