package purenet.check;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import purenet.optim.GradientTransform;
import purenet.optim.Step;
import purenet.tree.Tree;

/**
 * The laws every {@link GradientTransform} (Optax-style {@code init}/{@code update}) obeys, as plain
 * functions that return a {@link LawReport}; the jqwik artifact runs them over generated trees
 * ({@code TransformContract}). Each law runs the transform for a few steps, feeding the same
 * gradient tree at parameters moved by the previous updates.
 *
 * <ol>
 *   <li>{@link #purity}: {@code init} and {@code update} are pure: the same arguments give
 *       bit-identical states and updates, step after step;
 *   <li>{@link #structure}: the state after every update has the structure (paths and shapes) of
 *       {@code init}'s, and the updates have the gradients' structure;
 *   <li>{@link #chainIsAssociative}: {@code chain(chain(a, b), c)} and {@code chain(a, chain(b, c))}
 *       give bit-identical updates, step after step.
 * </ol>
 */
public final class TransformLaws {

  private TransformLaws() {
  }

  /**
   * Both single-transform laws.
   *
   * @param name      the transform's name in the reports
   * @param transform the transform
   * @param params    the parameters
   * @param grads     the gradients, of the parameters' structure
   * @param steps     the number of updates, ≥ 1
   * @return one report per law
   */
  public static Vector<LawReport> all(String name, GradientTransform transform, Tree params, Tree grads, int steps) {
    return Vector.of(purity(name, transform, params, grads, steps), structure(name, transform, params, grads, steps));
  }

  /**
   * Law 1: init and update are pure.
   *
   * @param name      the transform's name in the report
   * @param transform the transform
   * @param params    the parameters
   * @param grads     the gradients
   * @param steps     the number of updates, ≥ 1
   * @return the report, naming the step and the first leaf that differs
   */
  public static LawReport purity(String name, GradientTransform transform, Tree params, Tree grads, int steps) {
    String law = "init and update are pure";
    requireSteps(steps);
    Tree state = transform.init(params);
    Option<LawReport> failure = Differences.differs(law, name, "init state/", state, transform.init(params));
    Tree p = params;
    for (int s = 0; s < steps && failure.isEmpty(); s++) {
      Step first = transform.update(grads, state, p);
      Step second = transform.update(grads, state, p);
      String at = "step " + s + " ";
      failure = Differences.differs(law, name, at + "updates/", first.updates(), second.updates())
          .orElse(Differences.differs(law, name, at + "state/", first.state(), second.state()));
      state = first.state();
      p = GradientTransform.applyUpdates(p, first.updates());
    }
    return failure.getOrElse(() -> LawReport.holds(law, name, steps + " steps"));
  }

  /**
   * Law 2: the state keeps {@code init}'s structure and the updates have the gradients'.
   *
   * @param name      the transform's name in the report
   * @param transform the transform
   * @param params    the parameters
   * @param grads     the gradients
   * @param steps     the number of updates, ≥ 1
   * @return the report, naming the step and both structures when it fails
   */
  public static LawReport structure(String name, GradientTransform transform, Tree params, Tree grads, int steps) {
    String law = "the state keeps its structure";
    requireSteps(steps);
    Tree initial = transform.init(params);
    Tree state = initial;
    Tree p = params;
    for (int s = 0; s < steps; s++) {
      Step step = transform.update(grads, state, p);
      if (!initial.sameStructure(step.state())) {
        return LawReport.fails(law, name, "step " + s + " state", "structure " + step.state().describe()
            + ", init gave " + initial.describe());
      }
      if (!grads.sameStructure(step.updates())) {
        return LawReport.fails(law, name, "step " + s + " updates", "structure " + step.updates().describe()
            + ", the gradients have " + grads.describe());
      }
      state = step.state();
      p = GradientTransform.applyUpdates(p, step.updates());
    }
    return LawReport.holds(law, name, steps + " steps, state " + initial.describe());
  }

  /**
   * Law 3: chain is associative: both groupings give bit-identical updates.
   *
   * @param name   the transforms' names in the report, e.g. {@code "(lion, clip, scale)"}
   * @param a      the first transform
   * @param b      the second
   * @param c      the third
   * @param params the parameters
   * @param grads  the gradients
   * @param steps  the number of updates, ≥ 1
   * @return the report, naming the step and the first leaf that differs
   */
  public static LawReport chainIsAssociative(String name, GradientTransform a, GradientTransform b,
      GradientTransform c, Tree params, Tree grads, int steps) {
    String law = "chain is associative";
    requireSteps(steps);
    GradientTransform left = GradientTransform.chain(GradientTransform.chain(a, b), c);
    GradientTransform right = GradientTransform.chain(a, GradientTransform.chain(b, c));
    Tree leftState = left.init(params);
    Tree rightState = right.init(params);
    Tree p = params;
    for (int s = 0; s < steps; s++) {
      Step l = left.update(grads, leftState, p);
      Step r = right.update(grads, rightState, p);
      Option<LawReport> failure = Differences.differs(law, name, "step " + s + " updates/", l.updates(), r.updates());
      if (failure.isDefined()) {
        return failure.get();
      }
      leftState = l.state();
      rightState = r.state();
      p = GradientTransform.applyUpdates(p, l.updates());
    }
    return LawReport.holds(law, name, steps + " steps");
  }

  private static void requireSteps(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("a transform law needs at least 1 step, got " + steps);
    }
  }
}
