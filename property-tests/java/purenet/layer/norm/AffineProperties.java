package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.inputs;
import static purenet.layer.norm.NormArbitraries.tensors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.TensorArbitraries;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.tensor.Shape;

/** {@link Affine}, batch norm's inference form, passes the layer contract in every mode. */
class AffineProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(channelShapes(2), TensorArbitraries.modes()).flatAs((s, mode) ->
        Combinators.combine(tensors(Shape.of(s.dim(1)), -2, 2), tensors(Shape.of(s.dim(1)), -1, 1), inputs(s))
            .as((scale, shift, x) -> new LayerCase(new Affine(scale, shift), x, mode)));
  }
}
