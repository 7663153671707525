package purenet.regularize;

import java.io.Serializable;
import java.util.function.Predicate;
import purenet.tensor.Tensor;

/**
 * A projection of a weight tensor onto a feasible set C, applied after each optimizer update
 * (Maier et al., FAU Deep Learning lecture "Regularization", 2023: "perform parameter update, then
 * project to the ball"): w ← Π_C(w).
 *
 * <p>Laws every implementation keeps (checked by properties): the result lies in C; points already
 * in C are unchanged; projecting twice equals projecting once. {@link #onWeights()} and
 * {@link #where} lift a constraint to parameter trees.
 */
@FunctionalInterface
public interface Constraint extends Serializable {

  /**
   * {@return Π_C(w), of w's shape}
   *
   * @param w a weight tensor
   */
  Tensor apply(Tensor w);

  /**
   * {@return first this projection, then {@code next}}
   *
   * @param next the projection applied after this one
   */
  default Constraint andThen(Constraint next) {
    return w -> next.apply(apply(w));
  }

  /** {@return this constraint on the weight leaves of a tree ({@link Leaves#weights()})} */
  default TreeConstraint onWeights() {
    return where(Leaves.weights());
  }

  /**
   * {@return this constraint on the leaves whose path {@code selected} accepts; other leaves
   * unchanged}
   *
   * @param selected the predicate on parameter paths
   */
  default TreeConstraint where(Predicate<String> selected) {
    return params -> params.mapWhere(selected, this::apply);
  }
}
