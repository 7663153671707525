package purenet.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.LinkedHashMap;
import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;

class MultiTaskLossTest {

  // task "x": squared error (sum, c = ½) on 2 columns, weight 1; task "y": the same on 1 column, weight 0.5
  private static final MultiTaskLoss LOSS = MultiTaskLoss.of(
      new Task("x", 2, SquaredError.halfSum(), 1), new Task("y", 1, SquaredError.halfSum(), 0.5));

  @Test
  void weightedSumWithGradientBlocks() {
    Tensor p = Tensor.of(new double[][] {{1, 2, 3}});
    Tensor t = Tensor.of(new double[][] {{0, 0, 1}});
    ValueAndGrad<Tensor> v = LOSS.apply(p, t);
    // L_x = ½(1 + 4) = 2.5, L_y = ½·4 = 2; L = 2.5 + 0.5·2 = 3.5
    assertEquals(3.5, v.value());
    assertEquals(Tensor.of(new double[][] {{1, 2, 1}}), v.grad());
    assertEquals(LinkedHashMap.of("x", 2.5, "y", 2.0), LOSS.perTask(p, t));
    assertEquals(Tensor.of(new double[][] {{3}}), LOSS.prediction("y", p));
  }

  @Test
  void aTaskOfWeightZeroIsSwitchedOff() {
    MultiTaskLoss off = LOSS.withWeight("y", 0);
    ValueAndGrad<Tensor> v = off.apply(Tensor.of(new double[][] {{1, 2, 3}}), Tensor.of(new double[][] {{0, 0, 1}}));
    assertEquals(2.5, v.value());
    assertEquals(Tensor.of(new double[][] {{1, 2, 0}}), v.grad());
  }

  @Test
  void targetsFromLabels() {
    MultiTaskLoss digits = MultiTaskLoss.of(Task.classes("digit", 3, 1), Task.binary("big", 0.3));
    Tensor t = digits.targets(Tensor.vector(2, 0), Tensor.vector(1, 0));
    assertEquals(Tensor.of(new double[][] {{0, 0, 1, 1}, {1, 0, 0, 0}}), t);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> digits.targets(Tensor.vector(3, 0), Tensor.vector(1, 0)));
    assertEquals("task 'digit' needs class indices in 0..2, got 3.0 at row 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> digits.targets(Tensor.vector(1, 0)));
    assertThrows(IllegalArgumentException.class, () -> digits.targets(Tensor.vector(1, 0), Tensor.vector(1, 0, 1)));
  }

  @Test
  void shapesAndNamesAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LOSS.apply(Tensor.zeros(1, 4), Tensor.zeros(1, 4)));
    assertEquals("MultiTaskLoss expects a prediction whose last axis holds the tasks' x 2 + y 1 = 3 columns,"
        + " got (1, 4)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LOSS.apply(Tensor.zeros(1, 3), Tensor.zeros(2, 3)));
    assertThrows(IllegalArgumentException.class, () -> MultiTaskLoss.of(Task.binary("a", 1), Task.binary("a", 1)));
    assertThrows(IllegalArgumentException.class, MultiTaskLoss::of);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> LOSS.task("z"));
    assertTrue(missing.getMessage().contains("no task 'z'"), missing.getMessage());
  }

  @Test
  void tasksValidateTheirParts() {
    assertEquals("task 'a' needs a finite weight >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> Task.binary("a", -1)).getMessage());
    assertEquals("task 'a' needs a width >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new Task("a", 0, SquaredError.mean(), 1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Task.binary("", 1));
    assertThrows(IllegalArgumentException.class, () -> Task.binary("a", Double.NaN));
  }
}
