package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Forward;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Laws of {@link Scan} that hold for every cell (Elman, LSTM, GRU). Tolerances: results that differ
 * only in how many rows a matrix product has agree to 1e-12 relative (plus 1e-14 absolute for values
 * near 0); the arithmetic is the same, only its blocking may differ.
 */
class ScanProperties {

  private static Scan scan(RecurrentCases.Kind kind, int features, int hidden, long seed) {
    return Scan.of(kind.cell(Sequence.uniform(seed, -1, 1, kind.weightShape(features, hidden).dims())));
  }

  private static Tree state(Scan scan, Tensor h, Tensor c) {
    return RecurrentCases.carried(scan.cell(), Carry.TRAINING, h, c);
  }

  /** Batch rows do not interact: row b of a batched pass is the pass over row b alone, state included. */
  @Property(tries = 200)
  void batchRowsAreIndependent(@ForAll RecurrentCases.Kind kind, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    Key[] k = Key.of(seed).split(4);
    Tensor h0 = Sequence.uniform(k[0].bits(0), -1, 1, batch, hidden);
    Tensor c0 = Sequence.uniform(k[1].bits(0), -2, 2, batch, hidden);
    Scan rnn = scan(kind, features, hidden, k[2].bits(0)).carrying(batch);
    rnn = rnn.withState(state(rnn, h0, c0));
    Tensor x = Sequence.uniform(k[3].bits(0), -2, 2, batch, time, features);
    Mode train = Mode.train(k[0]);
    Forward all = rnn.forward(x, train);
    for (int b = 0; b < batch; b++) {
      Forward one = rnn.withState(state(rnn, h0.slice(b, b + 1), c0.slice(b, b + 1))).forward(x.slice(b, b + 1), train);
      assertTrue(one.output().allClose(all.output().slice(b, b + 1), 1e-12, 1e-14), "row " + b);
      for (String s : rnn.cell().stateNames()) {
        assertTrue(one.next().state().tensor(s).allClose(all.next().state().tensor(s).slice(b, b + 1), 1e-12, 1e-14), s);
      }
    }
  }

  /** Running [x₁ … x_T] at once equals [x₁ … x_s] then, with the carry, [x_{s+1} … x_T]. */
  @Property(tries = 200)
  void carryingAcrossASplitContinuesTheSequence(@ForAll RecurrentCases.Kind kind, @ForAll Carry carry,
      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 2, max = 6) int time,
      @ForAll @IntRange(min = 1, max = 5) int split, @ForAll @IntRange(min = 1, max = 4) int features,
      @ForAll @IntRange(min = 1, max = 4) int hidden, @ForAll long seed) {
    int s = 1 + (split - 1) % (time - 1);   // 1 … time − 1: both parts non-empty
    Carry c = carry == Carry.NONE ? Carry.ALWAYS : carry;
    Scan rnn = scan(kind, features, hidden, seed).carrying(c, batch);
    Tensor x = Sequence.uniform(seed + 1, -2, 2, batch, time, features);
    Mode mode = Mode.train(Key.of(seed));
    Forward whole = rnn.forward(x, mode);
    Forward first = rnn.forward(Sequence.steps(x, 0, s), mode);
    Forward second = first.next().forward(Sequence.steps(x, s, time), mode);
    assertTrue(Sequence.join(first.output(), second.output()).allClose(whole.output(), 1e-12, 1e-14));
    for (String name : rnn.cell().stateNames()) {
      assertTrue(second.next().state().tensor(name).allClose(whole.next().state().tensor(name), 1e-12, 1e-14), name);
    }
  }

  /** The carried h is the last step of the output; reset() gives back the freshly carrying scan. */
  @Property(tries = 100)
  void theCarriedHiddenStateIsTheLastOutput(@ForAll RecurrentCases.Kind kind,
      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int time,
      @ForAll @IntRange(min = 1, max = 4) int features, @ForAll @IntRange(min = 1, max = 4) int hidden,
      @ForAll long seed) {
    Scan rnn = scan(kind, features, hidden, seed).carrying(batch);
    Forward f = rnn.forward(Sequence.uniform(seed + 1, -2, 2, batch, time, features), Mode.train(Key.of(seed)));
    Scan next = (Scan) f.next();
    assertTrue(next.hidden().equals(Sequence.steps(f.output(), time - 1, time).reshape(batch, hidden)));
    assertTrue(next.reset().equals(rnn));
  }
}
