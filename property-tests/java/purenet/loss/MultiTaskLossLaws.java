package purenet.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.collection.Vector;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Laws of {@link MultiTaskLoss} on one to four random tasks (classification with 2..5 classes,
 * binary, regression of width 1..4) with weights in [0, 2] (zero included). The value is
 * Σₖ wₖ·Lₖ and the gradient the blocks wₖ·∂Lₖ/∂yₖ, compared exactly: both sides compute the same
 * products and add them in task order. Predictions, targets and weights come from jqwik's sizes
 * and a seed, so every case is valid.
 */
class MultiTaskLossLaws {

  /** The kind of a generated task. */
  enum Kind { CLASSES, BINARY, REGRESSION }

  /** A generated multi-task problem: the loss, a prediction and per-task targets. */
  record Case(MultiTaskLoss loss, Tensor prediction, Vector<Tensor> perTask) {
    Tensor target() {
      return loss.targets(perTask.toJavaArray(Tensor[]::new));
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Kind> kinds = Arbitraries.of(Kind.class);
    Arbitrary<Integer> widths = Arbitraries.integers().between(2, 5);
    Arbitrary<Double> weights = Arbitraries.oneOf(Arbitraries.just(0.0),
        Arbitraries.doubles().between(0, 2).ofScale(4));
    Arbitrary<List<Object[]>> tasks = Combinators.combine(kinds, widths, weights)
        .as((k, w, wt) -> new Object[] {k, w, wt}).list().ofMinSize(1).ofMaxSize(4);
    return Combinators.combine(tasks, Arbitraries.integers().between(1, 8), Arbitraries.longs())
        .as((spec, batch, seed) -> build(spec, batch, seed));
  }

  private static Case build(List<Object[]> spec, int batch, long seed) {
    Vector<Task> tasks = Vector.empty();
    Vector<Tensor> targets = Vector.empty();
    Key key = Key.of(seed);
    for (int i = 0; i < spec.size(); i++) {
      Kind kind = (Kind) spec.get(i)[0];
      int w = (Integer) spec.get(i)[1];
      double weight = (Double) spec.get(i)[2];
      Key k = key.foldIn(i);
      switch (kind) {
        case CLASSES -> {
          tasks = tasks.append(Task.classes("t" + i, w, weight));
          double[] idx = new double[batch];
          for (int r = 0; r < batch; r++) {
            idx[r] = k.foldIn(r).uniformInt(w);
          }
          targets = targets.append(Tensor.of(idx, batch));
        }
        case BINARY -> {
          tasks = tasks.append(Task.binary("t" + i, weight));
          boolean[] bits = k.bernoulli(batch, 0.5);
          targets = targets.append(Tensor.generate(Shape.of(batch), r -> bits[r] ? 1 : 0));
        }
        case REGRESSION -> {
          tasks = tasks.append(new Task("t" + i, w - 1, SquaredError.mean(), weight));
          targets = targets.append(Tensor.of(k.normal(batch * (w - 1)), batch, w - 1));
        }
      }
    }
    MultiTaskLoss loss = new MultiTaskLoss(tasks);
    Tensor prediction = Tensor.of(key.foldIn(1000).normal(batch * loss.width()), batch, loss.width());
    return new Case(loss, prediction, targets);
  }

  @Property(tries = 200)
  void valueIsTheWeightedSumOfTheTaskLosses(@ForAll("cases") Case c) {
    Tensor t = c.target();
    double expected = 0;
    for (Task task : c.loss().tasks()) {
      if (task.weight() != 0) {
        expected += task.weight() * task.loss().apply(c.loss().prediction(task.name(), c.prediction()),
            c.loss().target(task.name(), t)).value();
      }
    }
    assertEquals(expected, c.loss().apply(c.prediction(), t).value());
  }

  @Property(tries = 200)
  void gradientIsTheWeightedTaskGradientsBlockByBlock(@ForAll("cases") Case c) {
    Tensor t = c.target();
    Tensor grad = c.loss().apply(c.prediction(), t).grad();
    assertEquals(c.prediction().shape(), grad.shape());
    for (Task task : c.loss().tasks()) {
      Tensor block = c.loss().prediction(task.name(), grad);
      Tensor own = task.loss().apply(c.loss().prediction(task.name(), c.prediction()),
          c.loss().target(task.name(), t)).grad();
      assertEquals(task.weight() == 0 ? Tensor.zeros(own.shape()) : own.mul(task.weight()), block, task.name());
    }
  }

  @Property(tries = 200)
  void perTaskReportsEveryUnweightedLoss(@ForAll("cases") Case c) {
    Tensor t = c.target();
    Vector<Double> expected = c.loss().tasks().map(task -> task.loss().apply(
        c.loss().prediction(task.name(), c.prediction()), c.loss().target(task.name(), t)).value());
    assertEquals(c.loss().tasks().map(Task::name), c.loss().perTask(c.prediction(), t).keySet().toVector());
    assertEquals(expected, c.loss().perTask(c.prediction(), t).values().toVector());
  }

  /** targets(...) places each task's labels in its columns: one-hot rows for class indices. */
  @Property(tries = 200)
  void targetsPutEveryTaskInItsOwnColumns(@ForAll("cases") Case c) {
    Tensor t = c.target();
    assertEquals(c.prediction().shape(), t.shape());
    for (int k = 0; k < c.loss().tasks().size(); k++) {
      Task task = c.loss().tasks().get(k);
      Tensor given = c.perTask().get(k);
      Tensor columns = c.loss().target(task.name(), t);
      if (given.rank() == 2) {
        assertEquals(given, columns);
      } else if (task.width() == 1) {
        assertEquals(given.reshape(given.dim(0), 1), columns);
      } else {
        assertEquals(given, columns.argmax(1));
        assertEquals(Tensor.ones(given.dim(0)), columns.sum(1));
      }
    }
  }

  /** Scaling every weight by s scales the value and the gradient by s (to rounding, 1e-12 relative). */
  @Property(tries = 200)
  void weightsScaleLinearly(@ForAll("cases") Case c, @ForAll("scales") double s) {
    Tensor t = c.target();
    MultiTaskLoss scaled = c.loss();
    for (Task task : c.loss().tasks()) {
      scaled = scaled.withWeight(task.name(), task.weight() * s);
    }
    ValueAndGrad<Tensor> a = c.loss().apply(c.prediction(), t);
    ValueAndGrad<Tensor> b = scaled.apply(c.prediction(), t);
    double tolerance = 1e-12 * (1 + Math.abs(s * a.value()));
    if (!(Math.abs(b.value() - s * a.value()) <= tolerance)) {
      throw new AssertionError("value " + b.value() + " is not " + s + " × " + a.value());
    }
    if (!(b.grad().maxAbsDifference(a.grad().mul(s)) <= 1e-12 * (1 + s * a.grad().abs().max()))) {
      throw new AssertionError("gradient is not scaled by " + s);
    }
  }

  @Provide
  Arbitrary<Double> scales() {
    return Arbitraries.doubles().between(0.1, 10).ofScale(3);
  }

  @Property(tries = 200)
  void aTargetOfTheWrongWidthFailsNamingTheTasks(@ForAll("cases") Case c) {
    Tensor wide = Tensor.zeros(c.prediction().dim(0), c.loss().width() + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.loss().apply(wide, wide));
    String message = e.getMessage();
    if (!message.contains(String.valueOf(c.loss().width())) || !message.contains(c.loss().tasks().head().name())) {
      throw new AssertionError("message should name the tasks and their width: " + message);
    }
  }
}
