package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Cutting a random MLP (those of {@link SequentialProperties}) at any depth n: the part below,
 * {@code take(n)}, followed by the part above, {@code drop(n)}, is the whole network, in value and
 * in gradients, exactly (the same layers run the same operations in the same order).
 */
class CutLaws {

  /** A network and a depth 0..layers. */
  record Cut(SequentialProperties.Mlp mlp, int depth) {}

  @Provide
  Arbitrary<Cut> cuts() {
    return new SequentialProperties().mlps().flatMap(m ->
        Arbitraries.integers().between(0, m.network().layers().size()).map(n -> new Cut(m, n)));
  }

  @Property(tries = 200)
  void belowThenAboveIsTheWholeNetwork(@ForAll("cuts") Cut c, @ForAll long seed) {
    Sequential net = c.mlp().network();
    Tensor x = c.mlp().input();
    Sequential below = net.take(c.depth());
    Sequential above = net.drop(c.depth());
    Forward whole = net.forward(x, Mode.eval());
    Forward lower = below.forward(x, Mode.eval());
    Forward upper = above.forward(lower.output(), Mode.eval());
    assertEquals(whole.output(), upper.output());
    Tensor g = Tensor.of(Key.of(seed).normal(whole.output().size()), whole.output().shape());
    Grads gu = upper.backward().apply(g);
    Grads gl = lower.backward().apply(gu.input());
    Grads gw = whole.backward().apply(g);
    assertEquals(gw.input(), gl.input());
    assertEquals(gw.params().flatten().map(p -> p._2), gl.params().flatten().map(p -> p._2)
        .appendAll(gu.params().flatten().map(p -> p._2)));
    assertEquals(net.layers().size(), below.layers().size() + above.layers().size());
  }
}
