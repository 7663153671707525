package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.tensor.Tensor;

/**
 * {@link Bidirectional} passes the layer contract (two cells of any kinds and hidden sizes ≤ 4,
 * batch ≤ 3, time ≤ 5, features ≤ 5, every mode) and its own laws.
 */
class BidirectionalProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return RecurrentCases.bidirectional();
  }

  private static Tensor reversed(Tensor x) {
    Tensor r = Sequence.steps(x, x.dim(1) - 1, x.dim(1));
    for (int t = x.dim(1) - 2; t >= 0; t--) {
      r = Sequence.join(r, Sequence.steps(x, t, t + 1));
    }
    return r;
  }

  /** Features from … to − 1 of a (B, T, F) tensor. */
  private static Tensor features(Tensor y, int from, int to) {
    return y.permute(2, 0, 1).slice(from, to).permute(1, 2, 0);
  }

  /**
   * The output is [forward scan of x, reversed backward scan of reversed x], exactly (the same
   * computation); reading the reversed sequence with the cells swapped gives the same features
   * swapped and reversed in time.
   */
  @Property(tries = 200)
  void theTwoHalvesAreTheScansBothWays(@ForAll RecurrentCases.Kind forward, @ForAll RecurrentCases.Kind backward,
      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int time,
      @ForAll @IntRange(min = 1, max = 4) int features, @ForAll @IntRange(min = 1, max = 4) int hidden,
      @ForAll long seed) {
    Cell f = forward.cell(Sequence.uniform(seed, -1, 1, forward.weightShape(features, hidden).dims()));
    Cell b = backward.cell(Sequence.uniform(seed + 1, -1, 1, backward.weightShape(features, hidden).dims()));
    Tensor x = Sequence.uniform(seed + 2, -2, 2, batch, time, features);
    Tensor y = Bidirectional.of(f, b).apply(x);
    Tensor expected = Tensor.concat(2, Scan.of(f).apply(x), reversed(Scan.of(b).apply(reversed(x))));
    assertEquals(expected, y);
    Tensor swapped = Bidirectional.of(b, f).apply(reversed(x));
    assertEquals(reversed(Tensor.concat(2, features(y, hidden, 2 * hidden), features(y, 0, hidden))), swapped);
  }
}
