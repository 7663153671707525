package purenet.layer;

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

  @Override
  public String toString() {
    return layer.name() + " " + layer.params().describe() + " on " + input + " in " + mode
        + "\n  layer: " + layer;
  }
}
