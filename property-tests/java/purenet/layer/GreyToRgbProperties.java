package purenet.layer;

import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static purenet.testkit.TensorArbitraries.dims;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.tensors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.check.GradientCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * {@link GreyToRgb} passes the layer contract on grey images (batch, 1, h, w) up to 8 in each
 * dimension, copies the channel into all three, and its input gradient is the sum of the three
 * channels' gradients. The copy is compared exactly; the gradient, a sum of three terms whose
 * order of addition is the implementation's, to within 1e-14 of its magnitude (a few ulps).
 */
class GreyToRgbProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(images(), modes()).as((x, mode) -> new LayerCase(new GreyToRgb(), x, mode));
  }

  @Provide
  Arbitrary<Tensor> images() {
    return Combinators.combine(dims(), dims(), dims())
        .flatAs((b, h, w) -> tensors(Shape.of(b, 1, h, w), -2, 2));
  }

  @Property(tries = 200)
  void everyOutputChannelIsTheGreyChannel(@ForAll("images") Tensor x) {
    Tensor y = new GreyToRgb().apply(x);
    assertEquals(x.shape().with(1, 3), y.shape());
    for (int c = 0; c < 3; c++) {
      int channel = c;
      assertEquals(x, Tensor.generate(x.shape(), i -> y.get(i / (x.dim(2) * x.dim(3)), channel,
          i / x.dim(3) % x.dim(2), i % x.dim(3))));
    }
  }

  @Property(tries = 200)
  void inputGradientSumsTheThreeChannels(@ForAll("images") Tensor x, @ForAll long seed) {
    Tensor g = GradientCheck.upstream(Key.of(seed), x.shape().with(1, 3));
    Tensor dx = new GreyToRgb().forward(x, Mode.eval()).backward().apply(g).input();
    int h = x.dim(2);
    int w = x.dim(3);
    Tensor expected = Tensor.generate(x.shape(), i -> {
      int n = i / (h * w);
      int r = i / w % h;
      int col = i % w;
      return g.get(n, 0, r, col) + g.get(n, 1, r, col) + g.get(n, 2, r, col);
    });
    assertEquals(expected.shape(), dx.shape());
    if (expected.maxAbsDifference(dx) > 1e-14 * (1 + 3 * g.abs().max())) {
      throw new AssertionError("input gradient " + dx + " is not the channel sum " + expected);
    }
  }
}
