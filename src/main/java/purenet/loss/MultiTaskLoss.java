package purenet.loss;

import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * The loss of a multi-task model with hard parameter sharing (Caruana 1993): the
 * weighted sum of the tasks' own losses, L = Σₖ wₖ·Lₖ(yₖ, tₖ).
 *
 * <p>The prediction y is the tasks' outputs joined along the last axis, as
 * {@code purenet.net.Heads} produces it: y = [y₁ | … | yₙ], task k owning dₖ consecutive columns
 * in the order of {@link #tasks()}; so y has shape (batch, D) with D = Σₖ dₖ (more generally any
 * rank, split along the last axis). The target t has the same shape and is split the same way: a
 * classification task's columns hold one-hot (or probability) rows, a binary task's column its 0/1
 * label; {@link #targets} builds t from per-task labels. Each Lₖ states its own reduction (the
 * {@link Task} factories use means).
 *
 * <p>Gradient: ∂L/∂y = [w₁·∂L₁/∂y₁ | … | wₙ·∂Lₙ/∂yₙ], one block per task. A task of weight 0 is
 * switched off: its loss is not evaluated and its block is zero. {@link #perTask} reports every
 * unweighted Lₖ, for per-task curves and task-based early stopping.
 *
 * @param tasks the tasks in column order; at least one, distinct names
 */
public record MultiTaskLoss(Vector<Task> tasks) implements Loss {

  /**
   * Validates the task list.
   *
   * @param tasks the tasks in column order; at least one, distinct names
   */
  public MultiTaskLoss {
    if (tasks == null || tasks.isEmpty()) {
      throw new IllegalArgumentException("MultiTaskLoss needs at least one task, got " + tasks);
    }
    if (HashSet.ofAll(tasks.map(Task::name)).size() != tasks.size()) {
      throw new IllegalArgumentException("MultiTaskLoss needs distinct task names, got " + tasks.map(Task::name));
    }
  }

  /**
   * {@return the tasks, in column order}
   *
   * @param tasks the tasks in column order; at least one, distinct names
   */
  public static MultiTaskLoss of(Task... tasks) {
    return new MultiTaskLoss(Vector.of(tasks));
  }

  /** {@return d = Σₖ dₖ, the width of the joint prediction} */
  public int width() {
    return tasks.map(Task::width).sum().intValue();
  }

  /**
   * {@return the task called {@code name}}
   *
   * @param name the task's name
   */
  public Task task(String name) {
    return tasks.find(t -> t.name().equals(name)).getOrElseThrow(() -> new IllegalArgumentException(
        "MultiTaskLoss has no task '" + name + "', tasks " + tasks.map(Task::name)));
  }

  /**
   * {@return the same loss with task {@code name} weighted by {@code weight} (0 switches it off)}
   *
   * @param name the task's name
   * @param weight its weight wₖ, ≥ 0
   */
  public MultiTaskLoss withWeight(String name, double weight) {
    Task t = task(name);
    return new MultiTaskLoss(tasks.map(k -> k == t ? k.withWeight(weight) : k));
  }

  /** L = Σₖ wₖ·Lₖ(yₖ, tₖ) and its gradient, the blocks wₖ·∂Lₖ/∂yₖ side by side. */
  @Override
  public ValueAndGrad<Tensor> apply(Tensor prediction, Tensor target) {
    requireShapes(prediction, target);
    double total = 0;
    Vector<Tensor> blocks = Vector.empty();
    int offset = 0;
    for (Task t : tasks) {
      Shape blockShape = prediction.shape().with(-1, t.width());
      if (t.weight() == 0) {
        blocks = blocks.append(Tensor.zeros(blockShape));
      } else {
        ValueAndGrad<Tensor> v = t.loss().apply(columns(prediction, offset, t.width()), columns(target, offset, t.width()));
        total += t.weight() * v.value();
        blocks = blocks.append(v.grad().mul(t.weight()));
      }
      offset += t.width();
    }
    Tensor grad = blocks.size() == 1 ? blocks.head() : Tensor.concat(-1, blocks.toJavaArray(Tensor[]::new));
    return new ValueAndGrad<>(total, grad);
  }

  /**
   * {@return every task's unweighted loss Lₖ(yₖ, tₖ), by name in column order (weight-0 tasks
   * included)}
   *
   * @param prediction a joint prediction
   * @param target a joint target
   */
  public LinkedHashMap<String, Double> perTask(Tensor prediction, Tensor target) {
    requireShapes(prediction, target);
    return LinkedHashMap.ofEntries(tasks.map(t -> new Tuple2<>(t.name(),
        t.loss().apply(prediction(t.name(), prediction), target(t.name(), target)).value())));
  }

  /**
   * {@return task {@code name}'s columns yₖ of a joint prediction (or of a gradient of its shape)}
   *
   * @param name the task's name
   * @param prediction a joint prediction, or a gradient of its shape
   */
  public Tensor prediction(String name, Tensor prediction) {
    requireWidth(prediction, "prediction");
    return columns(prediction, offset(name), task(name).width());
  }

  /**
   * {@return task {@code name}'s columns tₖ of a joint target}
   *
   * @param name the task's name
   * @param target a joint target
   */
  public Tensor target(String name, Tensor target) {
    requireWidth(target, "target");
    return columns(target, offset(name), task(name).width());
  }

  /**
   * {@return the joint target (batch, D) from one target per task, in task order} Task k's target is
   * either its columns (batch, dₖ), taken as they are, or a vector (batch): for a task of width 1
   * the column of its values (e.g. 0/1 labels), for a wider task class indices in 0 … dₖ − 1, turned
   * into one-hot rows.
   *
   * @param perTask the tasks' targets, in the order of the tasks
   * @throws IllegalArgumentException for a wrong number of targets, shapes that do not fit, or a
   *                                  class index out of range, naming the task
   */
  public Tensor targets(Tensor... perTask) {
    if (perTask.length != tasks.size()) {
      throw new IllegalArgumentException("MultiTaskLoss.targets needs one target per task " + tasks.map(Task::name)
          + ", got " + perTask.length);
    }
    int batch = perTask[0].rank() == 0 ? -1 : perTask[0].dim(0);
    Tensor[] columns = new Tensor[perTask.length];
    for (int k = 0; k < perTask.length; k++) {
      columns[k] = taskColumns(tasks.get(k), perTask[k], batch);
    }
    return columns.length == 1 ? columns[0] : Tensor.concat(1, columns);
  }

  private static Tensor taskColumns(Task task, Tensor t, int batch) {
    int w = task.width();
    if (t.rank() == 2 && t.dim(0) == batch && t.dim(1) == w) {
      return t;
    }
    if (t.rank() != 1 || t.dim(0) != batch) {
      throw new IllegalArgumentException("task '" + task.name() + "' needs a target (" + batch + ", " + w
          + ") or (" + batch + "), got " + t.shape());
    }
    if (w == 1) {
      return t.reshape(batch, 1);
    }
    double[] rows = new double[batch * w];
    for (int i = 0; i < batch; i++) {
      double c = t.at(i);
      if (c != Math.rint(c) || c < 0 || c >= w) {
        throw new IllegalArgumentException("task '" + task.name() + "' needs class indices in 0.." + (w - 1)
            + ", got " + c + " at row " + i);
      }
      rows[i * w + (int) c] = 1;
    }
    return Tensor.of(rows, batch, w);
  }

  private int offset(String name) {
    Task t = task(name);
    return tasks.takeWhile(k -> k != t).map(Task::width).sum().intValue();
  }

  private void requireWidth(Tensor t, String what) {
    if (t.rank() == 0 || t.dim(-1) != width()) {
      throw new IllegalArgumentException("MultiTaskLoss expects a " + what + " whose last axis holds the tasks' "
          + tasks.map(k -> k.name() + " " + k.width()).mkString(" + ") + " = " + width() + " columns, got " + t.shape());
    }
  }

  private void requireShapes(Tensor prediction, Tensor target) {
    requireWidth(prediction, "prediction");
    if (!target.shape().equals(prediction.shape())) {
      throw new IllegalArgumentException("MultiTaskLoss expects a target of the prediction's shape "
          + prediction.shape() + " (build it with targets(...)), got " + target.shape());
    }
  }

  /** Columns [from, from + width) of the last axis: one pass over the block. */
  private static Tensor columns(Tensor m, int from, int width) {
    int total = m.dim(-1);
    if (from == 0 && width == total) {
      return m;
    }
    return Tensor.generate(m.shape().with(-1, width), k -> m.at(k / width * total + from + k % width));
  }
}
