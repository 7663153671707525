package purenet.optim;

import purenet.tree.Tree;

/**
 * Multiplies every update by a scheduled factor: u ← s(t)·u, where t counts this transform's
 * updates (0 for the first). For a learning rate use {@link ScaleByLearningRate}, which also
 * flips the sign.
 *
 * <p>State: {@code {"count": t as a scalar}}.
 *
 * @param schedule s(t)
 */
public record ScaleBySchedule(Schedule schedule) implements GradientTransform {

  /**
   * Rejects a null schedule.
   *
   * @param schedule s(t)
   */
  public ScaleBySchedule {
    if (schedule == null) {
      throw new IllegalArgumentException("ScaleBySchedule needs a schedule, got null");
    }
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty().with("count", Leafwise.counter(0));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    long t = Leafwise.count(state);
    return new Step(grads.scale(schedule.at(t)), Tree.empty().with("count", Leafwise.counter(t + 1)));
  }
}
