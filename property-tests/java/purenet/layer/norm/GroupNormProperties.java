package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.dim;
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

/**
 * {@link GroupNorm} passes the layer contract in every mode: 1..3 groups of 1..3 channels, inputs
 * of rank 2..4, random per-channel γ, β and ε.
 */
class GroupNormProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(dim(3), dim(3), channelShapes(2), epsilons(), TensorArbitraries.modes())
        .flatAs((groups, width, base, eps, mode) -> {
          Shape s = base.with(1, groups * width);
          return Combinators.combine(gammaBeta(Shape.of(groups * width)), inputs(s))
              .as((gb, x) -> new LayerCase(new GroupNorm(groups, gb[0], gb[1], eps), x, mode));
        });
  }
}
