package purenet.layer.norm;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** Wraps a {@link Standardized} pass as a {@link Forward} with γ, β gradients. Package-internal. */
final class Passes {
  private Passes() {}

  /**
   * The forward result of {@code layer} for a pass over input of shape {@code in}: output y, a
   * backward closure giving ∂L/∂x and ∂L/∂{gamma, beta} (shaped like {@code gamma}), and {@code next}.
   */
  static Forward forward(Layer layer, Shape in, Standardized s, Tensor gamma, Layer next) {
    double[] g = gamma.toArray();
    Shape paramShape = gamma.shape();
    return new Forward(Tensor.of(s.output(), in), up -> {
      requireGradient(layer, in, up);
      Standardized.Gradients d = s.backward(up.toArray(), g);
      Tree params = Tree.empty()
          .with("gamma", Tensor.of(d.gamma(), paramShape))
          .with("beta", Tensor.of(d.beta(), paramShape));
      return new Grads(Tensor.of(d.input(), in), params);
    }, next);
  }

  /** Fails unless the upstream gradient has the output's shape. */
  static void requireGradient(Layer layer, Shape out, Tensor up) {
    if (!up.shape().equals(out)) {
      throw new IllegalArgumentException(
          layer.name() + " backward expects a gradient of shape " + out + ", got " + up.shape());
    }
  }

  /** The parameter tree {gamma, beta}. */
  static Tree gammaBeta(Tensor gamma, Tensor beta) {
    return Tree.empty().with("gamma", gamma).with("beta", beta);
  }
}
