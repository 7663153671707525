package purenet.optim;

import purenet.regularize.TreeConstraint;
import purenet.tree.Tree;

/**
 * A constraint inside an optimizer chain: turns the updates into those that land on the projected
 * parameters, u ← Π(θ + u) - θ, so that θ + u = Π(θ + u) up to rounding. Stateless.
 *
 * <p>Put it last in a chain: {@code chain(optimizer, new Project(MaxNorm.of(3).onWeights()))}.
 * Adding θ back rounds once, so the new parameters may lie outside the set by about one ulp of θ;
 * a training loop that wants the set exactly applies the {@link TreeConstraint} to the new
 * parameters instead.
 *
 * @param constraint the projection Π applied after each update
 */
public record Project(TreeConstraint constraint) implements GradientTransform {

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree updates, Tree state, Tree params) {
    Tree next = params.add(updates);
    return new Step(constraint.apply(next).sub(params), state);
  }
}
