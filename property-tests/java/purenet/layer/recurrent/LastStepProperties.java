package purenet.layer.recurrent;

import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.shapes;
import static purenet.testkit.TensorArbitraries.tensors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;

/** {@link LastStep} passes the layer contract on (batch, time, features) inputs up to 8×8×8. */
class LastStepProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(shapes(3, 3), modes())
        .flatAs((shape, mode) -> tensors(shape, -2, 2).map(x -> new LayerCase(new LastStep(), x, mode)));
  }
}
