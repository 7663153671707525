package purenet.testkit;

import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * One instance of the layer contract: a layer, an input it accepts, and the mode of every forward
 * pass (training or stochastic-inference modes carry a fixed key, so stochastic layers are
 * deterministic within the case).
 *
 * @param layer the layer under test
 * @param input an input batch the layer accepts, away from non-smooth points of the layer
 * @param mode  the mode of every forward pass
 */
public record LayerCase(Layer layer, Tensor input, Mode mode) {

  /** Rejects missing parts. */
  public LayerCase {
    if (layer == null || input == null || mode == null) {
      throw new IllegalArgumentException("a layer case needs a layer, an input and a mode, got "
          + layer + ", " + input + ", " + mode);
    }
  }

  /**
   * Cases of layers built from generated keys, on inputs of one shape with every |x| in
   * [0.1, 2] (away from the kink at 0 of ReLU-like layers), in every kind of mode.
   *
   * @param layer builds the layer from a key, e.g. {@code key -> PRelu.of(4, key)}
   * @param input the input shape, e.g. (batch, features)
   * @return the cases
   */
  public static Arbitrary<LayerCase> of(Function<Key, ? extends Layer> layer, Shape input) {
    return of(TensorArbitraries.keys().map(layer::apply), TensorArbitraries.awayFromZero(input, 0.1, 2),
        TensorArbitraries.modes());
  }

  /**
   * Cases combining generated layers, inputs and modes.
   *
   * @param layers the layers
   * @param inputs inputs every generated layer accepts
   * @param modes  the modes
   * @return the cases
   */
  public static Arbitrary<LayerCase> of(Arbitrary<? extends Layer> layers, Arbitrary<Tensor> inputs,
      Arbitrary<Mode> modes) {
    return Combinators.combine(layers, inputs, modes).as(LayerCase::new);
  }

  @Override
  public String toString() {
    return layer.name() + " " + layer.params().describe() + " on " + input + " in " + mode
        + "\n  layer: " + layer;
  }
}
