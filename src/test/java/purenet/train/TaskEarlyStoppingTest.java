package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.loss.MultiTaskLoss;
import purenet.loss.SquaredError;
import purenet.loss.Task;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class TaskEarlyStoppingTest {

  // Two regression tasks of one column each; with a zero weight the model outputs its bias
  // (b_main, b_aux), so against zero targets task k's validation loss is b_k².
  private static final MultiTaskLoss LOSS = MultiTaskLoss.of(new Task("main", 1, SquaredError.mean(), 1),
      new Task("aux", 1, SquaredError.mean(), 0.2));
  private static final Dataset VALIDATION = new Dataset(Tensor.ones(4, 1), Tensor.zeros(4, 2));
  private static final TaskEvaluate EVALUATE = TaskEvaluate.of(LOSS);

  private static TrainState state(double main, double aux) {
    Dense model = Dense.of(Tensor.zeros(1, 2), Tensor.vector(main, aux));
    return TrainState.init(model, Optimizers.sgd(0.1), Key.of(0));
  }

  /** Feeds one state per epoch until a callback stops; the decision that stopped, or the last. */
  private static Decision run(EpochCallback callback, TrainState... states) {
    History history = History.empty();
    Decision d = Decision.proceed();
    for (int e = 0; e < states.length; e++) {
      history = history.append(new History.Epoch(e + 1, e + 1, 0, 0, Option.none(), Option.none(), Option.none()));
      d = callback.afterEpoch(history, states[e]);
      if (d instanceof Decision.Stop) {
        return d;
      }
      callback = ((Decision.Proceed) d).next().getOrElse(callback);
    }
    return d;
  }

  @Test
  void anAuxiliaryTaskStopsAndKeepsTheLastWeights() {
    // aux losses 4, 1, 4, 9: no improvement in epochs 3 and 4 with patience 2
    TrainState[] states = {state(3, 2), state(2, 1), state(1, 2), state(0.5, 3)};
    Decision d = run(TaskEarlyStopping.onLoss(EVALUATE, VALIDATION, "aux", 2).keepingLast(), states);
    Decision.Stop stop = assertInstanceOf(Decision.Stop.class, d);
    assertEquals(Option.none(), stop.restore());
    assertTrue(stop.reason().startsWith("no improvement in validation aux loss for 2 epochs; keeping the last"),
        stop.reason());
  }

  @Test
  void theMainTaskRestoresItsBestEpoch() {
    // main accuracy is undefined for regression, so watch its loss: 9, 1, 4, 4
    TrainState[] states = {state(3, 0), state(1, 0), state(2, 0), state(2, 0)};
    Decision.Stop stop = assertInstanceOf(Decision.Stop.class,
        run(TaskEarlyStopping.onLoss(EVALUATE, VALIDATION, "main", 2), states));
    Tree best = stop.restore().get().params();
    assertEquals(Tensor.vector(1, 0), best.tensor("bias"));
    assertTrue(stop.reason().contains("restoring epoch 2 (main loss 1.0000)"), stop.reason());
  }

  @Test
  void fitStopsAtTheEpochLimitWithTheBestWeights() {
    Dataset train = new Dataset(Tensor.zeros(8, 1), Tensor.zeros(8, 2));
    TrainStep step = TrainStep.of(LOSS, Optimizers.sgd(0.1));
    TrainState start = state(1, 1);
    FitResult r = TaskEarlyStopping.onLoss(EVALUATE, VALIDATION, "main", 5)
        .fit(step, start, train, FitConfig.of(3, 4, Key.of(1)).silent());
    // the biases only shrink, so the last epoch is the best; the limit restores it
    assertEquals(6, r.state().step());
    assertTrue(r.stopReason().get().startsWith("epoch limit 3 reached; restoring epoch 3"), r.stopReason().get());
    assertTrue(r.state().params().tensor("bias").at(0) < 1);
  }

  @Test
  void theMetricIsTheTasksValidationMeasure() {
    assertEquals(4.0, TaskEarlyStopping.onLoss(EVALUATE, VALIDATION, "aux", 1).metric(state(0, 2)));
  }

  @Test
  void badSettingsFailNamingTheProblem() {
    IllegalArgumentException noTask = assertThrows(IllegalArgumentException.class,
        () -> TaskEarlyStopping.onLoss(EVALUATE, VALIDATION, "other", 1));
    assertTrue(noTask.getMessage().contains("no task 'other'"), noTask.getMessage());
    IllegalArgumentException noAccuracy = assertThrows(IllegalArgumentException.class,
        () -> TaskEarlyStopping.onAccuracy(EVALUATE, VALIDATION, "main", 1));
    assertTrue(noAccuracy.getMessage().contains("has no accuracy"), noAccuracy.getMessage());
    IllegalArgumentException goal = assertThrows(IllegalArgumentException.class,
        () -> TaskEarlyStopping.onLoss(EVALUATE, VALIDATION, "main", 1).with(EarlyStopping.maximize(1)));
    assertTrue(goal.getMessage().contains("does not fit the validation main loss"), goal.getMessage());
    MultiTaskLoss classes = MultiTaskLoss.of(Task.classes("digit", 2, 1));
    TaskEarlyStopping ok = TaskEarlyStopping.onAccuracy(TaskEvaluate.of(classes),
        new Dataset(Tensor.zeros(2, 1), Tensor.of(new double[][] {{1, 0}, {0, 1}})), "digit", 1);
    assertEquals(TaskEarlyStopping.Measure.ACCURACY, ok.measure());
  }
}
