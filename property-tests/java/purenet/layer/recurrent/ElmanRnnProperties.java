package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Tanh;
import purenet.net.Sequential;
import purenet.net.TimeDistributed;
import purenet.tensor.Tensor;

/**
 * A {@link Scan} of an {@link ElmanRnn} passes the layer contract (batch ≤ 3, time ≤ 5, features and
 * hidden ≤ 5, every carry and mode) and the cell's own law. Tolerance 1e-12 relative, 1e-14 absolute:
 * the same arithmetic, blocked differently.
 */
class ElmanRnnProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return RecurrentCases.scans(RecurrentCases.Kind.ELMAN);
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
    Scan rnn = Scan.of(new ElmanRnn(wx, Tensor.zeros(hidden, hidden), b));
    Tensor x = Sequence.uniform(seed + 2, -2, 2, batch, time, features);
    Tensor expected = TimeDistributed.of(Sequential.of(Dense.of(wx, b), new Tanh())).apply(x);
    assertTrue(rnn.apply(x).allClose(expected, 1e-12, 1e-14));
  }
}
