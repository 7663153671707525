package purenet.layer.conv;

import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.tensors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.tensor.Shape;

/** {@link GlobalAvgPool} passes the layer contract: batch ≤ 3, channels ≤ 3, images up to 8×8. */
class GlobalAvgPoolProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 8), Arbitraries.integers().between(1, 8), modes())
        .flatAs((batch, channels, h, w, mode) -> tensors(Shape.of(batch, channels, h, w), -2, 2)
            .map(x -> new LayerCase(new GlobalAvgPool(), x, mode)));
  }
}
