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
 * A {@link Scan} of an {@link Lstm} passes the layer contract (batch ≤ 3, time ≤ 5, features and
 * hidden ≤ 5, every carry and mode) and the cell's own law.
 */
class LstmProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return RecurrentCases.scans(RecurrentCases.Kind.LSTM);
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
    Key[] k = Key.of(seed).split(5);
    Tensor b = Sequence.uniform(k[4].bits(0), -1, 1, 4 * hidden);
    Tensor bias = Tensor.generate(Shape.of(4 * hidden), j -> switch (j / hidden) {
      case Lstm.FORGET -> 60.0;
      case Lstm.INPUT -> -60.0;
      default -> b.at(j);
    });
    Lstm cell = new Lstm(Sequence.uniform(k[0].bits(0), -1, 1, features, 4 * hidden),
        Sequence.uniform(k[0].bits(1), -1, 1, hidden, 4 * hidden), bias);
    Tensor c0 = Sequence.uniform(k[1].bits(0), -2, 2, batch, hidden);
    Tensor h0 = Sequence.uniform(k[2].bits(0), -1, 1, batch, hidden);
    Scan lstm = Scan.of(cell).carrying(batch).withState(Tree.empty().with("hidden", h0).with("cell", c0));
    Tensor x = Sequence.uniform(k[3].bits(0), -2, 2, batch, time, features);
    Forward f = lstm.forward(x, Mode.train(k[0]));

    Tensor c = f.next().state().tensor("cell");
    assertTrue(c.allClose(c0, 0, 1e-18), () -> c + " vs " + c0);
    // h_t / tanh(c₀) is the output gate, in (0, 1), elementwise at every step.
    Tensor tanhC = c0.map(Math::tanh);
    for (int t = 0; t < time; t++) {
      Tensor h = Sequence.steps(f.output(), t, t + 1).reshape(batch, hidden);
      Tensor ratio = h.zipWith(tanhC, (a, d) -> d == 0 ? 0.5 : a / d);
      assertTrue(ratio.min() > 0 && ratio.max() < 1, "h_t must be o_t ⊙ tanh(c₀), got " + h + " for tanh(c₀) " + tanhC);
    }
  }
}
