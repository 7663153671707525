package purenet.layer.recurrent;

import io.vavr.control.Option;
import io.vavr.collection.Vector;
import purenet.init.Initializer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Layout changes and input checks shared by the recurrent layers.
 *
 * <p>The layers keep sequences time-major inside, as a (time·batch, features) matrix: the rows of
 * step t are the contiguous block t·B … (t+1)·B − 1, so a step's batch is one cheap slice, and the
 * input projection and the weight gradients of all steps are single large matrix products.
 */
final class Sequences {
  private Sequences() {}

  /** (B, T, F) → (T·B, F), row t·B + b holding x[b, t]. */
  static Tensor timeMajor(Tensor x) {
    int b = x.dim(0);
    int t = x.dim(1);
    Tensor tm = (b == 1 || t == 1) ? x : x.permute(1, 0, 2);
    return tm.reshape(t * b, x.dim(2));
  }

  /** (T·B, F) → (B, T, F), the inverse of {@link #timeMajor}. */
  static Tensor batchMajor(Tensor rows, int batch, int time) {
    Tensor tm = rows.reshape(time, batch, rows.dim(1));
    return (batch == 1 || time == 1) ? tm.reshape(batch, time, rows.dim(1)) : tm.permute(1, 0, 2);
  }

  /** The (B, F) rows of time step {@code step} of a time-major matrix. */
  static Tensor step(Tensor rows, int step, int batch) {
    return rows.slice(step * batch, (step + 1) * batch);
  }

  /** Fails unless the upstream gradient has the output's shape (batch, time, H). */
  static void requireGradient(String layer, Tensor g, int batch, int time, int hidden) {
    Shape expected = Shape.of(batch, time, hidden);
    if (!g.shape().equals(expected)) {
      throw new IllegalArgumentException(layer + " backward expects a gradient of the output's shape " + expected
          + ", got " + g.shape());
    }
  }

  /** The start state of a pass: the carried one where the carry applies, else zeros. */
  static Tensor start(Carry carry, Mode mode, Tensor carried, int batch) {
    return carry.appliesIn(mode) ? carried : Tensor.zeros(batch, carried.dim(1));
  }

  /**
   * What is wrong with an input shape for a recurrent layer, if anything: it must be
   * (batch, time ≥ 1, features), and a carrying layer needs exactly its carried batch.
   */
  static Option<String> problem(String layer, Shape input, int features, Carry carry, int carriedBatch) {
    if (input.rank() != 3 || input.dim(2) != features || input.dim(1) < 1 || input.dim(0) < 1) {
      return Option.of(layer + " expects input (batch, time, " + features + ") with batch, time >= 1, got " + input);
    }
    if (carry != Carry.NONE && input.dim(0) != carriedBatch) {
      return Option.of(layer + " carries a state for batch " + carriedBatch + " and expects input ("
          + carriedBatch + ", time, " + features + "), got " + input
          + " (use carrying(carry, batch) or stateless() for another batch)");
    }
    return Option.none();
  }

  /**
   * Fails with {@link #problem}'s message if the input does not fit a pass in {@code mode}; the
   * carried batch matters only where the carry applies.
   */
  static void require(String layer, Shape input, int features, Carry carry, Mode mode, int carriedBatch) {
    Option<String> p = problem(layer, input, features, carry.appliesIn(mode) ? carry : Carry.NONE, carriedBatch);
    if (p.isDefined()) {
      throw new IllegalArgumentException(p.get());
    }
  }

  /** The output shape a recurrent layer would give for an input, as far as it can be told. */
  static Shape output(Shape input, int units) {
    int b = input.rank() >= 1 ? input.dim(0) : 1;
    int t = input.rank() >= 2 ? input.dim(1) : 1;
    return Shape.of(b, t, units);
  }

  /** Validates a carried state tensor: (batch ≥ 1, hidden), or (0, hidden) for no carry. */
  static void requireState(String layer, String what, Tensor state, int hidden, Carry carry) {
    if (state == null || state.rank() != 2 || state.dim(1) != hidden) {
      throw new IllegalArgumentException(layer + " " + what + " state must be (batch, " + hidden + "), got "
          + (state == null ? "null" : state.shape()));
    }
    if ((carry == Carry.NONE) != (state.dim(0) == 0)) {
      throw new IllegalArgumentException(layer + " with carry " + carry + " needs a " + what + " state of "
          + (carry == Carry.NONE ? "batch 0 (nothing carried)" : "batch >= 1") + ", got " + state.shape());
    }
  }

  /**
   * The leaves {@code names} of a state tree given to {@code withState}: exactly these names, each
   * (batch, hidden) with one common batch ≥ 1.
   */
  static Vector<Tensor> stateLeaves(String layer, Tree state, int hidden, String... names) {
    Vector<String> expected = Vector.of(names);
    if (!state.paths().equals(expected)) {
      throw new IllegalArgumentException(layer + ".withState expects the leaves " + expected + ", got "
          + state.describe());
    }
    Vector<Tensor> leaves = expected.map(state::tensor);
    int batch = leaves.get(0).rank() == 2 ? leaves.get(0).dim(0) : -1;
    for (Tensor t : leaves) {
      if (t.rank() != 2 || t.dim(1) != hidden || t.dim(0) != batch || batch < 1) {
        throw new IllegalArgumentException(layer + ".withState expects every leaf (batch, " + hidden
            + ") with one batch >= 1, got " + state.describe());
      }
    }
    return leaves;
  }

  /**
   * The input and recurrent rows of a recurrent weight, (F + H, width), drawn from {@code init}
   * with fanIn = F + H and fanOut = H, after checking both sizes are at least 1.
   */
  static Tensor inputAndRecurrentRows(String layer, int features, int hidden, int width, Initializer init, Key key) {
    if (features < 1 || hidden < 1) {
      throw new IllegalArgumentException(layer + " needs features >= 1 and hidden >= 1, got features "
          + features + ", hidden " + hidden);
    }
    return init.initialize(key, Shape.of(features + hidden, width), features + hidden, hidden);
  }
}
