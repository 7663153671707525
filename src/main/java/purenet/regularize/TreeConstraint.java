package purenet.regularize;

import java.io.Serializable;
import purenet.tree.Tree;

/**
 * A projection of a whole parameter tree, applied after each update: θ ← Π(θ). Usually a
 * {@link Constraint} lifted to the leaves a path predicate selects ({@link Constraint#where}).
 * The result has the structure of the argument.
 *
 * <p>In training: {@code trainStep.withConstraints(MaxNorm.of(3).onWeights()::apply)} projects
 * after every update; inside an optimizer chain, {@code purenet.optim.Project} does the same.
 */
@FunctionalInterface
public interface TreeConstraint extends Serializable {

  /** The projected parameters. */
  Tree apply(Tree params);

  /** No constraint: the identity. */
  static TreeConstraint none() {
    return params -> params;
  }

  /** First this projection, then {@code next} (e.g. max-norm on layer 0, non-negativity on 2). */
  default TreeConstraint andThen(TreeConstraint next) {
    return params -> next.apply(apply(params));
  }
}
