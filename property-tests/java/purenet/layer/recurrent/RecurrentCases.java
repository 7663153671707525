package purenet.layer.recurrent;

import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.layer.LayerCase;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Layer-contract cases for the recurrent layers: batch 1..3, time 1..5, features and hidden units
 * 1..5, every {@link Carry} (carrying layers with a random carried state of the input's batch),
 * every mode; weights in [−1, 1], inputs in [−2, 2], carried h in [−1, 1] and c in [−2, 2].
 */
final class RecurrentCases {
  private RecurrentCases() {}

  static Arbitrary<Integer> upTo(int max) {
    return Arbitraries.integers().between(1, max);
  }

  static Arbitrary<LayerCase> elman() {
    return Combinators.combine(upTo(3), upTo(5), upTo(5), upTo(5), Arbitraries.of(Carry.values()), modes())
        .flatAs((batch, time, features, hidden, carry, mode) -> Combinators.combine(
                tensors(Shape.of(features + hidden + 1, hidden), -1, 1),
                tensors(Shape.of(batch, hidden), -1, 1),
                tensors(Shape.of(batch, time, features), -2, 2))
            .as((w, h, x) -> new LayerCase(new ElmanRnn(w, carry, carried(carry, h)), x, mode)));
  }

  static Arbitrary<LayerCase> lstm() {
    return Combinators.combine(upTo(3), upTo(5), upTo(5), upTo(5), Arbitraries.of(Carry.values()), modes())
        .flatAs((batch, time, features, hidden, carry, mode) -> Combinators.combine(
                tensors(Shape.of(features + hidden + 1, 4 * hidden), -1, 1),
                tensors(Shape.of(batch, hidden), -1, 1),
                tensors(Shape.of(batch, hidden), -2, 2),
                tensors(Shape.of(batch, time, features), -2, 2))
            .as((w, h, c, x) -> new LayerCase(new Lstm(w, carry, carried(carry, h), carried(carry, c)), x, mode)));
  }

  /** The state of a layer with {@code carry}: {@code state}, or nothing (batch 0) when not carrying. */
  private static Tensor carried(Carry carry, Tensor state) {
    return carry == Carry.NONE ? Tensor.zeros(0, state.dim(1)) : state;
  }
}
