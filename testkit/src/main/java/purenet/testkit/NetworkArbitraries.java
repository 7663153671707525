package purenet.testkit;

import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Tanh;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Generators of small networks as {@link LayerCase}s: smooth multilayer perceptrons, and a user's
 * layer between two dense layers, so that its gradients are checked inside a network too.
 *
 * <p>Weights have |w| in [0.1, 1]/fan-in (away from 0, where a weight's change drowns in the
 * rounding of O(1) activations, and small enough that tanh units stay responsive), inputs have
 * |x| in [0.1, 2], batches 1 to 8, widths 1 to 8. Every network is built, none filtered.
 */
public final class NetworkArbitraries {

  private NetworkArbitraries() {
  }

  /**
   * Dense–tanh–…–dense networks of 1 to 3 dense layers on (batch, width) inputs, in every mode.
   *
   * @return the cases
   */
  public static Arbitrary<LayerCase> mlps() {
    return Combinators.combine(TensorArbitraries.dims(), TensorArbitraries.dims().list().ofMinSize(2).ofMaxSize(4),
            TensorArbitraries.keys(), TensorArbitraries.modes())
        .flatAs((batch, widths, key, mode) -> TensorArbitraries.awayFromZero(Shape.of(batch, widths.get(0)), 0.1, 2)
            .map(x -> {
              Sequential net = Sequential.of();
              for (int i = 0; i + 1 < widths.size(); i++) {
                net = net.then(dense(widths.get(i), widths.get(i + 1), key.foldIn(i)));
                if (i + 2 < widths.size()) {
                  net = net.then(new Tanh());
                }
              }
              return new LayerCase(net, x, mode);
            }));
  }

  /**
   * A layer of width {@code width} (input and output (batch, width)) between two dense layers:
   * dense(in → width), the layer, dense(width → out), with in and out of 1 to 8, in every mode.
   *
   * @param layer builds the layer under test from a key
   * @param width the layer's feature width
   * @return the cases
   */
  public static Arbitrary<LayerCase> around(Function<Key, ? extends Layer> layer, int width) {
    return Combinators.combine(TensorArbitraries.dims(), TensorArbitraries.dims(), TensorArbitraries.dims(),
            TensorArbitraries.keys(), TensorArbitraries.modes())
        .flatAs((batch, in, out, key, mode) -> TensorArbitraries.awayFromZero(Shape.of(batch, in), 0.1, 2)
            .map(x -> new LayerCase(Sequential.of(dense(in, width, key.foldIn(0)), layer.apply(key.foldIn(1)),
                dense(width, out, key.foldIn(2))), x, mode)));
  }

  /** |w| in [0.1, 1]/in with random signs, bias in [−0.5, 0.5]. */
  private static Dense dense(int in, int out, Key key) {
    Key[] k = key.split(3);
    double[] w = k[0].uniform(in * out, 0.1, 1);
    boolean[] negative = k[1].bernoulli(in * out, 0.5);
    for (int i = 0; i < w.length; i++) {
      w[i] = (negative[i] ? -w[i] : w[i]) / in;
    }
    return Dense.of(Tensor.of(w, in, out), Tensor.of(k[2].uniform(out, -0.5, 0.5), out));
  }
}
