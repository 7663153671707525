package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.batchNorms;
import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.dim;
import static purenet.layer.norm.NormArbitraries.inputs;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;

/**
 * {@link GhostBatchNorm} passes the layer contract in every mode, with virtual batches of 1..4
 * (including a smaller last one) over batches of 1..6; unbiased running variance only where every
 * virtual batch has two values per channel (spatial size ≥ 2).
 */
class GhostBatchNormProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(channelShapes(2), dim(4), TensorArbitraries.modes()).flatAs((s, v, mode) ->
        Combinators.combine(batchNorms(s.dim(1), s.size() / (s.dim(0) * s.dim(1)) >= 2), inputs(s))
            .as((bn, x) -> new LayerCase(new GhostBatchNorm(bn, v), x, mode)));
  }
}
