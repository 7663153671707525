package purenet.layer.recurrent;

import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.layer.LayerCase;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Layer-contract cases for the recurrent layers: batch 1..3, time 1..5, features and hidden units
 * 1..5, every {@link Carry} (carrying scans with a random carried state of the input's batch),
 * every mode; weights in [−1, 1], inputs in [−2, 2], carried h in [−1, 1] and c in [−2, 2].
 */
final class RecurrentCases {
  private RecurrentCases() {}

  /** The cells, with the layout of the one matrix their parameters are cut from (see {@link Sequence}). */
  enum Kind {
    ELMAN(1, 1), LSTM(4, 1), GRU(3, 2);

    final int gates;
    final int biasRows;

    Kind(int gates, int biasRows) {
      this.gates = gates;
      this.biasRows = biasRows;
    }

    /** The shape of the stacked parameter matrix: (F + H + bias rows, gates·H). */
    Shape weightShape(int features, int hidden) {
      return Shape.of(features + hidden + biasRows, gates * hidden);
    }

    /** The cell cut from a stacked parameter matrix. */
    Cell cell(Tensor w) {
      return switch (this) {
        case ELMAN -> Sequence.elman(w);
        case LSTM -> Sequence.lstm(w);
        case GRU -> Sequence.gru(w);
      };
    }
  }

  static Arbitrary<Integer> upTo(int max) {
    return Arbitraries.integers().between(1, max);
  }

  /** Scans of every cell, carry and mode. */
  static Arbitrary<LayerCase> scans() {
    return Arbitraries.of(Kind.values()).flatMap(RecurrentCases::scans);
  }

  /** Scans of one cell, every carry and mode. */
  static Arbitrary<LayerCase> scans(Kind kind) {
    return Combinators.combine(upTo(3), upTo(5), upTo(5), upTo(5), Arbitraries.of(Carry.values()), modes())
        .flatAs((batch, time, features, hidden, carry, mode) -> Combinators.combine(
                tensors(kind.weightShape(features, hidden), -1, 1),
                tensors(Shape.of(batch, hidden), -1, 1),
                tensors(Shape.of(batch, hidden), -2, 2),
                tensors(Shape.of(batch, time, features), -2, 2))
            .as((w, h, c, x) -> {
              Cell cell = kind.cell(w);
              return new LayerCase(new Scan(cell, carry, carried(cell, carry, h, c)), x, mode);
            }));
  }

  /** Bidirectional layers of two independently drawn cells of any kinds and hidden sizes. */
  static Arbitrary<LayerCase> bidirectional() {
    return Combinators.combine(upTo(3), upTo(5), upTo(5), upTo(4), upTo(4), Arbitraries.of(Kind.values()),
            Arbitraries.of(Kind.values()), modes())
        .flatAs((batch, time, features, hf, hb, kf, kb, mode) -> Combinators.combine(
                tensors(kf.weightShape(features, hf), -1, 1),
                tensors(kb.weightShape(features, hb), -1, 1),
                tensors(Shape.of(batch, time, features), -2, 2))
            .as((wf, wb, x) -> new LayerCase(Bidirectional.of(kf.cell(wf), kb.cell(wb)), x, mode)));
  }

  /** The carried state of a scan with {@code carry}: nothing when not carrying, else h (and c for an LSTM). */
  static Tree carried(Cell cell, Carry carry, Tensor h, Tensor c) {
    if (carry == Carry.NONE) {
      return Tree.empty();
    }
    Tree.Node t = Tree.empty().with("hidden", h);
    return cell.stateNames().size() == 2 ? t.with("cell", c) : t;
  }
}
