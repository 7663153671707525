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

  /**
   * θ + s(t)·g per leaf in one pass ({@link purenet.tensor.Tensor#addScaled}): the same rounded
   * product s(t)·g, then the same rounded sum, as {@link #update} followed by the addition.
   */
  @Override
  public Applied applyTo(Tree grads, Tree state, Tree params) {
    long t = Leafwise.count(state);
    double s = schedule.at(t);
    return new Applied(params.zipWith(grads, (p, g) -> p.addScaled(s, g)), Tree.empty().with("count", Leafwise.counter(t + 1)));
  }
}
