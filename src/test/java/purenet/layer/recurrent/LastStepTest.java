package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import purenet.layer.Forward;
import purenet.layer.Mode;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class LastStepTest {

  @Test
  void keepsTheLastStepAndRoutesTheGradientThere() {
    Tensor x = Tensor.arange(2 * 3 * 2).reshape(2, 3, 2);   // x[b, t, f] = 6b + 2t + f
    Forward f = new LastStep().forward(x, Mode.eval());
    assertEquals(Tensor.of(new double[][] {{4, 5}, {10, 11}}), f.output());
    Tensor dx = f.backward().apply(Tensor.of(new double[][] {{1, 2}, {3, 4}})).input();
    assertEquals(Tensor.of(new double[] {0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 3, 4}, 2, 3, 2), dx);
  }

  @Test
  void singleStepSequences() {
    Tensor x = Tensor.arange(4).reshape(2, 1, 2);
    Forward f = new LastStep().forward(x, Mode.eval());
    assertEquals(x.reshape(2, 2), f.output());
    assertEquals(x, f.backward().apply(x.reshape(2, 2)).input());
  }

  @Test
  void rejectsNonSequences() {
    assertEquals("LastStep expects input (batch, time, features) with time >= 1, got (2, 3)",
        assertThrows(IllegalArgumentException.class, () -> new LastStep().apply(Tensor.zeros(2, 3))).getMessage());
    assertFalse(new LastStep().check(Shape.of(2, 0, 3)).fits());
    assertEquals(Shape.of(1_000_000, 7), new LastStep().check(Shape.of(1_000_000, 1_000_000, 7)).output());
  }
}
