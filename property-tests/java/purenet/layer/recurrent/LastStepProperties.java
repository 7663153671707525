package purenet.layer.recurrent;

import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.shapes;
import static purenet.TensorArbitraries.tensors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;

/** {@link LastStep} passes the layer contract on (batch, time, features) inputs up to 8×8×8. */
class LastStepProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(shapes(3, 3), modes())
        .flatAs((shape, mode) -> tensors(shape, -2, 2).map(x -> new LayerCase(new LastStep(), x, mode)));
  }
}
