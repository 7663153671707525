package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.awayFromZero;
import static purenet.layer.norm.NormArbitraries.dim;
import static purenet.layer.norm.NormArbitraries.tensors;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.tensor.Shape;

/**
 * {@link WeightNorm} passes the layer contract in every mode: (in, out) up to 6×6, directions v
 * with every |v_ij| in [0.1, 1] (so no column is near zero), g in [-2, 2], with and without bias.
 */
class WeightNormProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(dim(6), dim(6), dim(6), Arbitraries.of(true, false), TensorArbitraries.modes())
        .flatAs((batch, in, out, withBias, mode) -> Combinators.combine(awayFromZero(Shape.of(in, out), 0.1, 1),
                tensors(Shape.of(out), -2, 2), tensors(Shape.of(out), -1, 1), tensors(Shape.of(batch, in), -2, 2))
            .as((v, g, b, x) -> new LayerCase(new WeightNorm(v, g, withBias ? Option.of(b) : Option.none()), x, mode)));
  }
}
