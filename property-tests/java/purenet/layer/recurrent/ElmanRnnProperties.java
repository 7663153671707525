package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Mode;
import purenet.layer.Tanh;
import purenet.net.Sequential;
import purenet.net.TimeDistributed;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * {@link ElmanRnn} passes the layer contract (batch ≤ 3, time ≤ 5, features and hidden ≤ 5, every
 * carry and mode) and its own laws. Tolerances: results that differ only in how many rows a matrix
 * product has agree to 1e-12 relative (plus 1e-14 absolute for values near 0); the arithmetic is
 * the same, only its blocking may differ.
 */
class ElmanRnnProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return RecurrentCases.elman();
  }

  private static ElmanRnn layer(int features, int hidden, long seed) {
    return ElmanRnn.of(Sequence.uniform(seed, -1, 1, features + hidden + 1, hidden));
  }

  /** Batch rows do not interact: row b of a batched pass is the pass over row b alone. */
  @Property(tries = 200)
  void batchRowsAreIndependent(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Tensor h0 = Sequence.uniform(k[0].bits(0), -1, 1, batch, hidden);
    ElmanRnn rnn = (ElmanRnn) layer(features, hidden, k[1].bits(0)).carrying(batch)
        .withState(Tree.empty().with("hidden", h0));
    Tensor x = Sequence.uniform(k[2].bits(0), -2, 2, batch, time, features);
    Mode train = Mode.train(k[0]);
    Forward all = rnn.forward(x, train);
    for (int b = 0; b < batch; b++) {
      ElmanRnn alone = (ElmanRnn) rnn.withState(Tree.empty().with("hidden", h0.slice(b, b + 1)));
      Forward one = alone.forward(x.slice(b, b + 1), train);
      assertTrue(one.output().allClose(all.output().slice(b, b + 1), 1e-12, 1e-14), "row " + b);
      assertTrue(one.next().state().tensor("hidden")
          .allClose(all.next().state().tensor("hidden").slice(b, b + 1), 1e-12, 1e-14));
    }
  }

  /** Running [x₁ … x_T] at once equals [x₁ … x_s] then, with the carry, [x_{s+1} … x_T]. */
  @Property(tries = 200)
  void carryingAcrossASplitContinuesTheSequence(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 2, max = 6) int time, @ForAll @IntRange(min = 1, max = 5) int split,
      @ForAll @IntRange(min = 1, max = 4) int features, @ForAll @IntRange(min = 1, max = 4) int hidden,
      @ForAll long seed) {
    int s = 1 + (split - 1) % (time - 1);   // 1 … time − 1: both parts non-empty
    ElmanRnn rnn = layer(features, hidden, seed).carrying(Carry.ALWAYS, batch);
    Tensor x = Sequence.uniform(seed + 1, -2, 2, batch, time, features);
    Forward whole = rnn.forward(x, Mode.eval());
    Forward first = rnn.forward(Sequence.steps(x, 0, s), Mode.eval());
    Forward second = first.next().forward(Sequence.steps(x, s, time), Mode.eval());
    assertTrue(Sequence.join(first.output(), second.output()).allClose(whole.output(), 1e-12, 1e-14));
    assertTrue(second.next().state().tensor("hidden").allClose(whole.next().state().tensor("hidden"), 1e-12, 1e-14));
  }

  /**
   * With W_h = 0 there is no recurrence: the layer is the per-step map tanh(x_t·W_x + b), i.e.
   * TimeDistributed(Dense(W_x, b) then tanh).
   */
  @Property(tries = 200)
  void withoutRecurrentWeightsItIsAPerStepDenseTanh(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    Tensor wx = Sequence.uniform(seed, -1, 1, features, hidden);
    Tensor b = Sequence.uniform(seed + 1, -1, 1, hidden);
    ElmanRnn rnn = ElmanRnn.of(Tensor.concat(0, wx, Tensor.zeros(hidden, hidden), b.reshape(1, hidden)));
    Tensor x = Sequence.uniform(seed + 2, -2, 2, batch, time, features);
    Tensor expected = TimeDistributed.of(Sequential.of(Dense.of(wx, b), new Tanh())).apply(x);
    assertTrue(rnn.apply(x).allClose(expected, 1e-12, 1e-14));
    assertEquals(wx, rnn.inputWeight());
    assertEquals(b, rnn.bias());
  }
}
