package purenet.regularize;

import java.io.Serializable;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * A projection of a whole parameter tree, applied after each update: θ ← Π(θ). Usually a
 * {@link Constraint} on the leaves a {@link Selector} selects ({@link Constraint#where},
 * {@link Constraint#onWeights}). The result has the structure of the argument.
 *
 * <p>In training, {@code trainStep.withConstraints(MaxNorm.of(3).onWeights())} projects after
 * every update — the one way to constrain parameters; the step leaves frozen leaves alone.
 */
@FunctionalInterface
public interface TreeConstraint extends Serializable {

  /**
   * Π(θ).
   *
   * @param params the parameters after an update
   * @return the projected parameters, of the same structure
   */
  Tree apply(Tree params);

  /**
   * No constraint: the identity.
   *
   * @return the identity
   */
  static TreeConstraint none() {
    return new None();
  }

  /**
   * First this projection, then {@code next} (e.g. max-norm on layer 0, non-negativity on 2).
   *
   * @param next the projection applied second
   * @return the composition
   */
  default TreeConstraint andThen(TreeConstraint next) {
    return new Then(this, next);
  }

  /**
   * A constraint on every selected leaf.
   *
   * @param constraint the projection of one leaf
   * @param selected   the leaves it applies to; it fails when none of a tree's leaves is selected
   */
  record Leafwise(Constraint constraint, Selector selected) implements TreeConstraint {
    /**
     * Rejects nulls.
     *
     * @param constraint the projection of one leaf
     * @param selected the leaves it applies to; it fails when none of a tree's leaves is selected
     */
    public Leafwise {
      if (constraint == null || selected == null) {
        throw new IllegalArgumentException("a leafwise constraint needs a constraint and a selector, got "
            + constraint + " and " + selected);
      }
    }

    /**
     * The selected leaves projected.
     *
     * @throws IllegalArgumentException if the selector matches no leaf of {@code params}, listing its paths
     */
    @Override
    public Tree apply(Tree params) {
      selected.requireAny(params, toString());
      return params.mapWhere(selected, constraint::apply);
    }

    @Override
    public String toString() {
      return constraint + " on " + selected;
    }
  }

  /** The identity. */
  record None() implements TreeConstraint {
    @Override
    public Tree apply(Tree params) {
      return params;
    }
  }

  /**
   * Two projections, one after the other.
   *
   * @param first the projection applied first
   * @param next  the projection applied second
   */
  record Then(TreeConstraint first, TreeConstraint next) implements TreeConstraint {
    @Override
    public Tree apply(Tree params) {
      return next.apply(first.apply(params));
    }
  }
}
