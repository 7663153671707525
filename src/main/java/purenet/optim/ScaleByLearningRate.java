package purenet.optim;

import purenet.tree.Tree;

/**
 * The descent step with a scheduled learning rate: u ← -η(t)·u, where t counts this transform's
 * updates (0 for the first). The last transform of an optimizer: it turns a direction into the
 * amount added to the parameters, θ ← θ - η(t)·direction. With a constant rate it equals
 * {@code Scale(-η)}, which keeps no counter.
 *
 * <p>State: {@code {"count": t as a scalar}}.
 *
 * @param schedule η(t)
 */
public record ScaleByLearningRate(Schedule schedule) implements GradientTransform {

  /**
   * Rejects a null schedule.
   *
   * @param schedule η(t)
   */
  public ScaleByLearningRate {
    if (schedule == null) {
      throw new IllegalArgumentException("ScaleByLearningRate needs a schedule, got null");
    }
  }

  @Override
  public Tree init(Tree params) {
    return descent().init(params);
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return descent().update(grads, state, params);
  }

  @Override
  public Applied applyTo(Tree grads, Tree state, Tree params) {
    return descent().applyTo(grads, state, params);
  }

  /** This transform as a {@link ScaleBySchedule} of -η(t), which keeps the same counter. */
  private ScaleBySchedule descent() {
    return new ScaleBySchedule(step -> -schedule.at(step));
  }
}
