package purenet.layer;

import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import static purenet.testkit.TensorArbitraries.dims;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.tensors;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import purenet.tensor.Shape;

/** {@link Dense} passes the layer contract, with and without bias, up to 8×8. */
class DenseProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(dims(), dims(), dims(), Arbitraries.of(true, false), modes())
        .flatAs((batch, in, out, withBias, mode) -> Combinators.combine(
                tensors(Shape.of(in, out), -1, 1), tensors(Shape.of(out), -1, 1), tensors(Shape.of(batch, in), -2, 2))
            .as((w, b, x) -> new LayerCase(new Dense(w, withBias ? Option.of(b) : Option.none()), x, mode)));
  }
}
