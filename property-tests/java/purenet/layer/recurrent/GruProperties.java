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
 * A {@link Scan} of a {@link Gru} passes the layer contract (batch ≤ 3, time ≤ 5, features and
 * hidden ≤ 5, every carry and mode) and the cell's own laws.
 */
class GruProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return RecurrentCases.scans(RecurrentCases.Kind.GRU);
  }

  private static Gru cell(Key key, int features, int hidden, double updateBias) {
    Tensor b = Sequence.uniform(key.bits(2), -1, 1, 3 * hidden);
    return new Gru(Sequence.uniform(key.bits(0), -1, 1, features, 3 * hidden),
        Sequence.uniform(key.bits(1), -1, 1, hidden, 3 * hidden),
        Tensor.generate(Shape.of(3 * hidden), j -> j / hidden == Gru.UPDATE ? updateBias : b.at(j)),
        Sequence.uniform(key.bits(3), -1, 1, 3 * hidden));
  }

  /**
   * Update gate saturated open (input bias +60): z = σ(≥ 45) rounds to 1 within 3e-20, so
   * h_t = (1 − z)·n + z·h_{t−1} keeps the carried h₀ at every step (|x·W_x + h·W_h + b| ≤ 15 with
   * weights in [−1, 1], inputs in [−2, 2] and F, H ≤ 5). Tolerance 1e-15 absolute over ≤ 5 steps.
   */
  @Property(tries = 200)
  void aSaturatedUpdateGateKeepsTheState(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Tensor h0 = Sequence.uniform(k[1].bits(0), -1, 1, batch, hidden);
    Scan gru = Scan.of(cell(k[0], features, hidden, 60)).carrying(batch).withState(Tree.empty().with("hidden", h0));
    Forward f = gru.forward(Sequence.uniform(k[2].bits(0), -2, 2, batch, time, features), Mode.train(k[0]));
    for (int t = 0; t < time; t++) {
      Tensor h = Sequence.steps(f.output(), t, t + 1).reshape(batch, hidden);
      assertTrue(h.allClose(h0, 0, 1e-15), () -> h + " vs " + h0);
    }
  }

  /**
   * Update gate saturated closed (input bias −60): h_t = n_t, and with W_h = 0 the step is
   * tanh(x_t·W_x^n + b_x^n + r ⊙ b_h^n) whatever h_{t−1} is, so every step depends on its own input
   * alone: the output for x equals the output of each single step run on its own. Tolerance 1e-12
   * relative, 1e-14 absolute (same arithmetic, blocked differently).
   */
  @Property(tries = 200)
  void aClosedUpdateGateWithoutRecurrenceIsPerStep(@ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 2, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    Key[] k = Key.of(seed).split(2);
    Gru c = cell(k[0], features, hidden, -60);
    Scan gru = Scan.of(new Gru(c.inputWeight(), Tensor.zeros(hidden, 3 * hidden), c.inputBias(), c.recurrentBias()));
    Tensor x = Sequence.uniform(k[1].bits(0), -2, 2, batch, time, features);
    Tensor all = gru.apply(x);
    for (int t = 0; t < time; t++) {
      Tensor alone = gru.apply(Sequence.steps(x, t, t + 1));
      assertTrue(alone.allClose(Sequence.steps(all, t, t + 1), 1e-12, 1e-14), "step " + t);
    }
  }
}
