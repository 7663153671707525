package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.tensors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.layer.Mode;
import purenet.layer.Tanh;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * {@link TimeDistributed} passes the layer contract with a Dense or Dense-then-tanh inner layer
 * (batch ≤ 3, time ≤ 5, features ≤ 5), and applies its layer to every step independently.
 */
class TimeDistributedProperties implements LayerContract {

  private static Arbitrary<Integer> upTo(int max) {
    return Arbitraries.integers().between(1, max);
  }

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(upTo(3), upTo(5), upTo(5), upTo(5), Arbitraries.of(true, false), modes())
        .flatAs((batch, time, in, out, withTanh, mode) -> Combinators.combine(
                tensors(Shape.of(in, out), -1, 1), tensors(Shape.of(out), -1, 1), tensors(Shape.of(batch, time, in), -2, 2))
            .as((w, b, x) -> {
              Layer inner = withTanh ? Sequential.of(Dense.of(w, b), new Tanh()) : Dense.of(w, b);
              return new LayerCase(TimeDistributed.of(inner), x, mode);
            }));
  }

  /** y[b, t] = f(x[b, t]): the same as running f on the single step alone, bit for bit per row. */
  @Property(tries = 200)
  void everyStepIsTheInnerLayerOnThatStep(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int in,
      @ForAll @IntRange(min = 1, max = 5) int out, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Layer inner = Sequential.of(Dense.of(Tensor.of(k[0].uniform(in * out, -1, 1), in, out),
        Tensor.of(k[1].uniform(out, -1, 1), out)), new Tanh());
    Tensor x = Tensor.of(k[2].uniform(batch * time * in, -2, 2), batch, time, in);
    Tensor y = TimeDistributed.of(inner).forward(x, Mode.eval()).output();
    assertEquals(Shape.of(batch, time, out), y.shape());
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < time; t++) {
        Tensor alone = inner.apply(x.index(b).index(t).reshape(1, in)).reshape(out);
        assertEquals(alone, y.index(b).index(t), "step (" + b + ", " + t + ")");
      }
    }
  }
}
