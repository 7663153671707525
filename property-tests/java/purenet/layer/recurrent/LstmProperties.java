package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Forward;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * {@link Lstm} passes the layer contract (batch ≤ 3, time ≤ 5, features and hidden ≤ 5, every carry
 * and mode) and its own laws. Tolerances as in {@link ElmanRnnProperties}: 1e-12 relative, 1e-14
 * absolute, where only the blocking of matrix products differs.
 */
class LstmProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return RecurrentCases.lstm();
  }

  private static Lstm layer(int features, int hidden, long seed) {
    return Lstm.of(Sequence.uniform(seed, -1, 1, features + hidden + 1, 4 * hidden));
  }

  private static Tree state(Tensor h, Tensor c) {
    return Tree.empty().with("hidden", h).with("cell", c);
  }

  /** Batch rows do not interact: row b of a batched pass is the pass over row b alone. */
  @Property(tries = 200)
  void batchRowsAreIndependent(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    Key[] k = Key.of(seed).split(4);
    Tensor h0 = Sequence.uniform(k[0].bits(0), -1, 1, batch, hidden);
    Tensor c0 = Sequence.uniform(k[1].bits(0), -2, 2, batch, hidden);
    Lstm lstm = (Lstm) layer(features, hidden, k[2].bits(0)).carrying(batch).withState(state(h0, c0));
    Tensor x = Sequence.uniform(k[3].bits(0), -2, 2, batch, time, features);
    Mode train = Mode.train(k[0]);
    Forward all = lstm.forward(x, train);
    for (int b = 0; b < batch; b++) {
      Forward one = lstm.withState(state(h0.slice(b, b + 1), c0.slice(b, b + 1))).forward(x.slice(b, b + 1), train);
      assertTrue(one.output().allClose(all.output().slice(b, b + 1), 1e-12, 1e-14), "row " + b);
      for (String s : new String[] {"hidden", "cell"}) {
        assertTrue(one.next().state().tensor(s).allClose(all.next().state().tensor(s).slice(b, b + 1), 1e-12, 1e-14), s);
      }
    }
  }

  /**
   * Forget gate saturated open (bias +60) and input gate closed (bias −60): c_t = 1·c_{t−1} +
   * σ(≤ −45)·g_t, so the cell state is carried unchanged (within 1e-18: each step adds at most
   * e^−45 ≈ 3e-20) and every h_t = o_t ⊙ tanh(c₀). With weights in [−1, 1], inputs in [−2, 2] and
   * F, H ≤ 5, |x·W_x + h·W_h| ≤ 15, so both gates sit 45 or more from 0 and σ rounds to exactly 1.
   */
  @Property(tries = 200)
  void saturatedForgetAndClosedInputGatesKeepTheCell(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    Key[] k = Key.of(seed).split(4);
    int rows = features + hidden + 1;
    Tensor w = Sequence.uniform(k[0].bits(0), -1, 1, rows, 4 * hidden);
    Tensor bias = Tensor.generate(Shape.of(1, 4 * hidden), j -> switch (j / hidden) {
      case Lstm.FORGET -> 60.0;
      case Lstm.INPUT -> -60.0;
      default -> w.get(rows - 1, j);
    });
    Tensor c0 = Sequence.uniform(k[1].bits(0), -2, 2, batch, hidden);
    Tensor h0 = Sequence.uniform(k[2].bits(0), -1, 1, batch, hidden);
    Lstm lstm = (Lstm) Lstm.of(Tensor.concat(0, w.slice(0, rows - 1), bias)).carrying(batch).withState(state(h0, c0));
    Tensor x = Sequence.uniform(k[3].bits(0), -2, 2, batch, time, features);
    Forward f = lstm.forward(x, Mode.train(k[0]));

    Tensor c = f.next().state().tensor("cell");
    assertTrue(c.allClose(c0, 0, 1e-18), () -> c + " vs " + c0);
    // h_t / tanh(c₀) is the output gate, in (0, 1), elementwise at every step.
    Tensor tanhC = c0.map(Math::tanh);
    for (int t = 0; t < time; t++) {
      Tensor h = Sequence.steps(f.output(), t, t + 1).reshape(batch, hidden);
      Tensor ratio = h.zipWith(tanhC, (a, b) -> b == 0 ? 0.5 : a / b);
      assertTrue(ratio.min() > 0 && ratio.max() < 1, "h_t must be o_t ⊙ tanh(c₀), got " + h + " for tanh(c₀) " + tanhC);
    }
  }

  /** Running [x₁ … x_T] at once equals [x₁ … x_s] then, with the carry, [x_{s+1} … x_T]. */
  @Property(tries = 200)
  void carryingAcrossASplitContinuesTheSequence(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 2, max = 6) int time, @ForAll @IntRange(min = 1, max = 5) int split,
      @ForAll @IntRange(min = 1, max = 4) int features, @ForAll @IntRange(min = 1, max = 4) int hidden,
      @ForAll long seed) {
    int s = 1 + (split - 1) % (time - 1);
    Lstm lstm = layer(features, hidden, seed).carrying(batch);
    Tensor x = Sequence.uniform(seed + 1, -2, 2, batch, time, features);
    Mode train = Mode.train(Key.of(seed));
    Forward whole = lstm.forward(x, train);
    Forward first = lstm.forward(Sequence.steps(x, 0, s), train);
    Forward second = first.next().forward(Sequence.steps(x, s, time), train);
    assertTrue(Sequence.join(first.output(), second.output()).allClose(whole.output(), 1e-12, 1e-14));
    for (String name : new String[] {"hidden", "cell"}) {
      assertTrue(second.next().state().tensor(name).allClose(whole.next().state().tensor(name), 1e-12, 1e-14), name);
    }
  }
}
