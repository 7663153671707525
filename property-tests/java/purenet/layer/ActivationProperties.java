package purenet.layer;

import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import static purenet.testkit.TensorArbitraries.awayFromZero;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.shapes;
import static purenet.testkit.TensorArbitraries.tensors;
import static purenet.testkit.TensorArbitraries.values;

import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Group;
import net.jqwik.api.Provide;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * The parameter-free layers pass the layer contract, each in its own group with 200 tries: inputs
 * of rank 1 to 3, dimensions 1..8; ReLU and leaky ReLU inputs bounded away from their kink at 0
 * (|x| ≥ 0.05).
 */
class ActivationProperties {

  /** Cases of {@code layer} on inputs of rank 1..3 drawn by {@code inputs}. */
  static Arbitrary<LayerCase> cases(Arbitrary<? extends Layer> layers, Function<Shape, Arbitrary<Tensor>> inputs) {
    return Combinators.combine(layers, shapes(1, 3), modes())
        .flatAs((layer, shape, mode) -> inputs.apply(shape).map(x -> new LayerCase(layer, x, mode)));
  }

  static Arbitrary<LayerCase> cases(Layer layer, Function<Shape, Arbitrary<Tensor>> inputs) {
    return cases(Arbitraries.just(layer), inputs);
  }

  @Group
  class ReluContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return cases(new Relu(), s -> awayFromZero(s, 0.05, 2));
    }
  }

  @Group
  class LeakyReluContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return cases(values(0, 0.9).map(LeakyRelu::new), s -> awayFromZero(s, 0.05, 2));
    }
  }

  @Group
  class TanhContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return cases(new Tanh(), s -> tensors(s, -3, 3));
    }
  }

  @Group
  class SigmoidContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return cases(new Sigmoid(), s -> tensors(s, -4, 4));
    }
  }

  @Group
  class IdentityContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return cases(new Identity(), s -> tensors(s, -2, 2));
    }
  }

  @Group
  class SoftmaxContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return cases(new Softmax(), s -> tensors(s, -4, 4));
    }
  }

  @Group
  class FlattenContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return cases(new Flatten(), s -> tensors(s, -2, 2));
    }
  }
}
