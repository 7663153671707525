package purenet.regularize;

import java.io.Serializable;
import purenet.tensor.Tensor;
import purenet.tree.Selector;

/**
 * A projection of a weight tensor onto a feasible set C, applied after each optimizer update
 * (Srivastava et al. 2014, "Dropout: a simple way to prevent neural networks from overfitting",
 * §5.1: update, then project onto the max-norm ball): w ← Π_C(w).
 *
 * <p>Laws every implementation keeps (checked by properties): the result lies in C; points already
 * in C are unchanged; projecting twice equals projecting once. {@link #onWeights()} and
 * {@link #where} lift a constraint to parameter trees as a named value
 * ({@code MaxNorm[maxValue=3.0, axes=Vector(0)] on weights}).
 */
@FunctionalInterface
public interface Constraint extends Serializable {

  /**
   * Π_C(w).
   *
   * @param w a weight tensor
   * @return the projection, of w's shape
   */
  Tensor apply(Tensor w);

  /**
   * First this projection, then {@code next}.
   *
   * @param next the projection applied second
   * @return the composition
   */
  default Constraint andThen(Constraint next) {
    return new Then(this, next);
  }

  /**
   * This constraint on the weight leaves of a tree ({@link Selector#weights()}).
   *
   * @return the tree constraint
   */
  default TreeConstraint onWeights() {
    return where(Selector.weights());
  }

  /**
   * This constraint on the selected leaves; other leaves unchanged.
   *
   * @param selected the leaves to project
   * @return the tree constraint
   */
  default TreeConstraint where(Selector selected) {
    return new TreeConstraint.Leafwise(this, selected);
  }

  /**
   * Two projections, one after the other.
   *
   * @param first the projection applied first
   * @param next  the projection applied second
   */
  record Then(Constraint first, Constraint next) implements Constraint {
    @Override
    public Tensor apply(Tensor w) {
      return next.apply(first.apply(w));
    }
  }
}
