package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.epsilons;
import static purenet.layer.norm.NormArbitraries.gammaBeta;
import static purenet.layer.norm.NormArbitraries.inputs;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.tensor.Shape;

/** {@link FilterResponseNorm} passes the layer contract in every mode: inputs of rank 2..4, random γ, β, ε. */
class FilterResponseNormProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(channelShapes(2), epsilons(), TensorArbitraries.modes()).flatAs((s, eps, mode) ->
        Combinators.combine(gammaBeta(Shape.of(s.dim(1))), inputs(s))
            .as((gb, x) -> new LayerCase(new FilterResponseNorm(gb[0], gb[1], eps), x, mode)));
  }
}
