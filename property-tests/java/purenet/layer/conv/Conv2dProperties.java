package purenet.layer.conv;

import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.tensor.Convolution;
import purenet.tensor.Shape;

/**
 * {@link Conv2d} passes the layer contract: batch ≤ 3, channels in and out ≤ 3, kernels up to 3×3,
 * per axis stride 1..3, padding 0..2 before and after (independently), dilation 1..2, images up
 * to 8×8 that the kernel fits, with and without bias. Its own laws (bilinearity, 1×1 = Dense, translation equivariance) are in
 * {@link Conv2dLaws}.
 */
class Conv2dProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(ConvArbitraries.convWindows(), Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3), Arbitraries.of(true, false), modes())
        .flatAs((window, in, out, withBias, mode) -> Combinators.combine(
                tensors(Shape.of(out, in, window.kh(), window.kw()), -1, 1), tensors(Shape.of(out), -1, 1),
                ConvArbitraries.images(window, in).flatMap(s -> tensors(s, -2, 2)))
            .as((w, b, x) -> new LayerCase(
                new Conv2d(w, withBias ? Option.of(b) : Option.none(),
                    new Convolution(window.vertical(), window.horizontal())), x, mode)));
  }
}
