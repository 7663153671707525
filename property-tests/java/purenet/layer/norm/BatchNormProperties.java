package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.batchNorms;
import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.inputs;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;

/**
 * {@link BatchNorm} passes the layer contract in training (batch statistics), evaluation and
 * stochastic inference (running statistics): inputs (batch 1..6, C 1..5) or with one or two
 * spatial axes of 1..4, random γ, β, ε, decay, running statistics (initialised or not) and the
 * unbiased option where every channel has two values. Its own laws are in {@link NormalizationLaws}.
 */
class BatchNormProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(channelShapes(2), TensorArbitraries.modes()).flatAs((s, mode) ->
        Combinators.combine(batchNorms(s.dim(1), s.size() / s.dim(1) >= 2), inputs(s))
            .as((bn, x) -> new LayerCase(bn, x, mode)));
  }
}
