package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.epsilons;
import static purenet.layer.norm.NormArbitraries.gammaBeta;
import static purenet.layer.norm.NormArbitraries.inputs;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.tensor.Shape;

/**
 * {@link LayerNorm} passes the layer contract in every mode: inputs of rank 2..4, normalized over
 * their last 1..rank−1 axes with elementwise random γ, β and ε.
 */
class LayerNormProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(channelShapes(2), epsilons(), TensorArbitraries.modes()).flatAs((s, eps, mode) ->
        Arbitraries.integers().between(1, s.rank() - 1).flatMap(k -> {
          int[] d = s.dims();
          Shape n = Shape.of(Arrays.copyOfRange(d, d.length - k, d.length));
          return Combinators.combine(gammaBeta(n), inputs(s))
              .as((gb, x) -> new LayerCase(new LayerNorm(gb[0], gb[1], eps), x, mode));
        }));
  }
}
