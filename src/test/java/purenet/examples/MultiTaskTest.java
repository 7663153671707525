package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.random.Key;
import purenet.tensor.Shape;

class MultiTaskTest {

  @Test
  void smallRunPrintsEveryMethodsAccuracies() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 600, 200);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Vector<MultiTask.Row> rows = MultiTask.run(data, new MultiTask.Settings(500, 100, 3, 32, 1e-3, 0.3, 0.01, 1, 1),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(Vector.of(MultiTask.DIGIT_ONLY, MultiTask.BIG_ONLY, MultiTask.HARD, MultiTask.AUX_STOPPED,
        MultiTask.SOFT), rows.map(MultiTask.Row::method));
    assertTrue(rows.get(1).digit().isEmpty());
    assertTrue(rows.forAll(r -> r.big().size() == 1));
    // chance is 0.1 for the digit; 48 Adam steps on 500 generated digits reach 0.885, so 0.3 leaves a wide margin
    assertTrue(rows.get(2).meanDigit().get() > 0.3, rows.toString());
    // patience 2 cannot stop the auxiliary task before epoch 3, the last: both runs train identically
    assertEquals(rows.get(2).digit(), rows.get(3).digit());
    assertEquals(rows.get(2).big(), rows.get(3).big());
    assertTrue(text.contains("digit acc") && text.contains(MultiTask.HARD), text);
  }

  @Test
  void theModelOutputsTheDigitLogitsThenTheBigLogit() {
    assertEquals(Shape.of(4, 11), MultiTask.model(Key.of(0)).check(Shape.of(4, 784)).output());
    assertEquals(11, MultiTask.loss(0.3).width());
  }
}
