package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.loss.MultiTaskLoss;
import purenet.loss.SquaredError;
import purenet.loss.Task;
import purenet.random.Key;
import purenet.tensor.Tensor;

class TaskEvaluateTest {

  // tasks: "cls" (3 classes), "bin" (binary), "reg" (squared error, 1 column); joint width 5
  private static final MultiTaskLoss LOSS = MultiTaskLoss.of(Task.classes("cls", 3, 1), Task.binary("bin", 0.5),
      new Task("reg", 1, SquaredError.mean(), 0.1));
  private static final Dense MODEL = Dense.of(2, 5, Key.of(8));

  private static Dataset data(int n) {
    Key k = Key.of(5);
    Tensor x = Tensor.of(k.normal(2 * n), n, 2);
    double[] cls = new double[n];
    for (int i = 0; i < n; i++) {
      cls[i] = k.foldIn(i).uniformInt(3);
    }
    Tensor bin = Tensor.of(k.foldIn(-1).uniform(n), n).map(u -> u < 0.5 ? 0 : 1);
    Tensor reg = Tensor.of(k.foldIn(-2).normal(n), n);
    return new Dataset(x, LOSS.targets(Tensor.of(cls, n), bin, reg));
  }

  @Test
  void eachTaskIsEvaluatedOnItsOwnColumns() {
    Dataset d = data(37);
    LinkedHashMap<String, Evaluation> e = TaskEvaluate.of(LOSS).apply(MODEL, d);
    Tensor out = MODEL.apply(d.features());
    assertEquals(LOSS.perTask(out, d.labels()).get("cls").get(), e.get("cls").get().loss(), 1e-15);
    assertEquals(Accuracy.categorical(LOSS.prediction("cls", out), LOSS.target("cls", d.labels())),
        e.get("cls").get().accuracy().get(), 1e-15);
    assertEquals(Accuracy.binary(LOSS.prediction("bin", out), LOSS.target("bin", d.labels())),
        e.get("bin").get().accuracy().get(), 1e-15);
    assertEquals(Option.none(), e.get("reg").get().accuracy());
    assertEquals(37, e.get("reg").get().examples());
  }

  @Test
  void batchedEqualsOneBatch() {
    Dataset d = data(37);
    LinkedHashMap<String, Evaluation> whole = new TaskEvaluate(LOSS, 100).apply(MODEL, d);
    LinkedHashMap<String, Evaluation> batched = new TaskEvaluate(LOSS, 5).apply(MODEL, d);
    for (String task : LOSS.tasks().map(Task::name)) {
      // relative 1e-12: the batched sums regroup 37 terms of moderate size
      assertEquals(whole.get(task).get().loss(), batched.get(task).get().loss(), 1e-12 * whole.get(task).get().loss());
      assertEquals(whole.get(task).get().accuracy().getOrElse(0.0), batched.get(task).get().accuracy().getOrElse(0.0),
          1e-12);
    }
    assertEquals(whole.get("bin").get(), TaskEvaluate.of(LOSS).apply(MODEL, d, "bin"));
  }

  @Test
  void rejectsBadInputs() {
    assertThrows(IllegalArgumentException.class, () -> new TaskEvaluate(LOSS, 0));
    assertThrows(IllegalArgumentException.class, () -> TaskEvaluate.of(LOSS).apply(MODEL, data(3).take(0)));
    assertThrows(IllegalArgumentException.class, () -> TaskEvaluate.of(LOSS).apply(MODEL, data(3), "nope"));
  }
}
