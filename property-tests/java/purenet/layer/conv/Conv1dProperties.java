package purenet.layer.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.tensor.Convolution;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tensor.WindowAxis;

/**
 * {@link Conv1d} passes the layer contract: batch ≤ 3, channels in and out ≤ 3, kernels 1..4,
 * stride 1..3, padding 0..2 before and after (independently), dilation 1..2, sequences up to 10
 * long that the kernel fits, with and without bias. Its own law: it is {@link Conv2d} on the
 * (batch, C, 1, L) image.
 */
class Conv1dProperties implements LayerContract {

  /** A kernel length with an axis, and a sequence length the kernel fits. */
  private static Arbitrary<Object[]> windows() {
    return Combinators.combine(Arbitraries.integers().between(1, 4), ConvArbitraries.convAxes())
        .flatAs((k, axis) -> Arbitraries.integers().between(axis.minInput(k), 10).map(len -> new Object[] {k, axis, len}));
  }

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(windows(), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3), Arbitraries.of(true, false), modes())
        .flatAs((win, in, out, batch, withBias, mode) -> {
          int k = (Integer) win[0];
          WindowAxis axis = (WindowAxis) win[1];
          int length = (Integer) win[2];
          return Combinators.combine(tensors(Shape.of(out, in, k), -1, 1), tensors(Shape.of(out), -1, 1),
                  tensors(Shape.of(batch, in, length), -2, 2))
              .as((w, b, x) -> new LayerCase(new Conv1d(w, withBias ? Option.of(b) : Option.none(), axis), x, mode));
        });
  }

  /**
   * Conv1d on (B, C, L) equals Conv2d with the (K, C, 1, k) kernel on the (B, C, 1, L) image with a
   * plain vertical axis: the same sums in the same order, so bit for bit.
   */
  @Property(tries = 200)
  void isConv2dOnARowImage(@ForAll("layerCases") LayerCase c) {
    Conv1d conv = (Conv1d) c.layer();
    Tensor x = c.input();
    Tensor w = conv.weight();
    Conv2d as2d = new Conv2d(w.reshape(w.dim(0), w.dim(1), 1, w.dim(2)), conv.bias(),
        new Convolution(WindowAxis.plain(), conv.axis()));
    Tensor y2 = as2d.apply(x.reshape(x.dim(0), x.dim(1), 1, x.dim(2)));
    assertEquals(y2.reshape(y2.dim(0), y2.dim(1), y2.dim(3)), conv.apply(x));
  }
}
