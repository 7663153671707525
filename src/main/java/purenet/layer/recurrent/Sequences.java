package purenet.layer.recurrent;

import io.vavr.control.Option;
import io.vavr.collection.Vector;
import purenet.init.Initializer;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Layout changes and input checks of the recurrent layers ({@link Scan}, {@link Bidirectional}) and their cells.
 *
 * <p>They keep sequences time-major inside, as a (time·batch, features) matrix: the rows of
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

  /**
   * Fails with {@link #problem}'s message if the input does not fit; pass {@link Carry#NONE} where
   * the carry does not apply in the pass's mode (then any batch fits).
   */
  static void require(String layer, Shape input, int features, Carry carry, int carriedBatch) {
    Option<String> p = problem(layer, input, features, carry, carriedBatch);
    if (p.isDefined()) {
      throw new IllegalArgumentException(p.get());
    }
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
   * The leaves {@code names} of a carried state tree: exactly these names, each
   * (batch, hidden) with one common batch ≥ 1.
   */
  static Vector<Tensor> stateLeaves(String layer, Tree state, int hidden, Vector<String> expected) {
    if (!state.paths().equals(expected)) {
      throw new IllegalArgumentException(layer + " state must have the leaves " + expected.mkString("[", ", ", "]") + ", got "
          + state.describe());
    }
    Vector<Tensor> leaves = expected.map(state::tensor);
    int batch = leaves.get(0).rank() == 2 ? leaves.get(0).dim(0) : -1;
    for (Tensor t : leaves) {
      if (t.rank() != 2 || t.dim(1) != hidden || t.dim(0) != batch || batch < 1) {
        throw new IllegalArgumentException(layer + " state must have every leaf (batch, " + hidden
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

  /**
   * Fails unless a cell's parameters fit one another: the input weight (F, G·H), the recurrent
   * weight (H, G·H) and every bias (G·H), with F, H ≥ 1, for a cell of G gate blocks.
   */
  static void requireCell(String cell, int gates, Tensor inputWeight, Tensor recurrentWeight, Tensor... biases) {
    boolean ok = inputWeight != null && recurrentWeight != null && inputWeight.rank() == 2
        && recurrentWeight.rank() == 2 && inputWeight.dim(0) >= 1 && recurrentWeight.dim(0) >= 1
        && recurrentWeight.dim(1) == gates * recurrentWeight.dim(0) && inputWeight.dim(1) == recurrentWeight.dim(1);
    for (Tensor b : biases) {
      ok = ok && b != null && b.rank() == 1 && b.dim(0) == recurrentWeight.dim(1);
    }
    if (!ok) {
      String g = gates == 1 ? "H" : gates + "H";
      StringBuilder found = new StringBuilder().append(shapeOf(inputWeight)).append(", ").append(shapeOf(recurrentWeight));
      for (Tensor b : biases) {
        found.append(", ").append(shapeOf(b));
      }
      throw new IllegalArgumentException(cell + " expects an input weight (F, " + g + "), a recurrent weight (H, " + g
          + ") and " + (biases.length == 1 ? "a bias" : biases.length + " biases") + " (" + g + ") with F, H >= 1, got "
          + found);
    }
  }

  private static String shapeOf(Tensor t) {
    return t == null ? "null" : t.shape().toString();
  }

  /** σ(x) = 1/(1 + e^(−x)), without overflow for large |x|. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
