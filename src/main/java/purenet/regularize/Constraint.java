package purenet.regularize;

import java.io.Serializable;
import java.util.function.Predicate;
import purenet.tensor.Tensor;

/**
 * A projection of a weight tensor onto a feasible set C, applied after each optimizer update
 * (seed 003: "perform parameter update, then project to the ball"): w ← Π_C(w).
 *
 * <p>Laws every implementation keeps (checked by properties): the result lies in C; points already
 * in C are unchanged; projecting twice equals projecting once. {@link #onWeights()} and
 * {@link #where} lift a constraint to parameter trees.
 */
@FunctionalInterface
public interface Constraint extends Serializable {

  /** Π_C(w), of w's shape. */
  Tensor apply(Tensor w);

  /** First this projection, then {@code next}. */
  default Constraint andThen(Constraint next) {
    return w -> next.apply(apply(w));
  }

  /** This constraint on the weight leaves of a tree ({@link Leaves#weights()}). */
  default TreeConstraint onWeights() {
    return where(Leaves.weights());
  }

  /** This constraint on the leaves whose path {@code selected} accepts; other leaves unchanged. */
  default TreeConstraint where(Predicate<String> selected) {
    return params -> params.mapWhere(selected, this::apply);
  }
}
