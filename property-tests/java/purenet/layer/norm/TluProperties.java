package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.awayFromZero;
import static purenet.layer.norm.NormArbitraries.channelBroadcast;
import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.tensors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.tensor.Shape;

/**
 * {@link Tlu} passes the layer contract in every mode: τ in [-2, 2] per channel and inputs
 * y = τ + d with |d| in [0.05, 2], away from the kink at y = τ by construction.
 */
class TluProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(channelShapes(2), TensorArbitraries.modes()).flatAs((s, mode) ->
        Combinators.combine(tensors(Shape.of(s.dim(1)), -2, 2), awayFromZero(s, 0.05, 2))
            .as((tau, d) -> new LayerCase(new Tlu(tau), d.add(tau.reshape(channelBroadcast(s))), mode)));
  }
}
