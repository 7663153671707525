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

  /**
   * The forward pass of a stateless layer that standardizes every group of its input with the
   * group's own statistics (instance, group and filter response norm): checks that the input is
   * (batch, C, ...) of rank ≥ {@code minRank} with C = γ's length, groups it by {@code rule} and
   * returns {@link #forward} with {@code next} = the layer itself.
   */
  static Forward ownStatistics(Layer layer, Tensor input, int minRank, Grouping.Rule rule, boolean center,
      double epsilon, Tensor gamma, Tensor beta) {
    Shape in = input.shape();
    int channels = gamma.dim(0);
    ChannelInput.require(layer.name(), channels, minRank, in);
    Grouping g = rule.of(in.dim(0), channels, ChannelInput.inner(in));
    Standardized s = Standardize.withOwnStatistics(
        input.toArray(), g, center, epsilon, gamma.toArray(), beta.toArray());
    return forward(layer, in, s, gamma, layer);
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
