package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class TransferLearningTest {

  @Test
  void smallRunPrintsTheTableAndBothFreezesAgree() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 1000, 300);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TransferLearning.Result r = TransferLearning.run(data, new TransferLearning.Settings(400, 1, 100, 3, 32, 1e-3, 3e-4, 1),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(5, r.rows().size());
    // the wrapper and the optimizer mask train the same head from the same start, bit for bit
    assertEquals(r.row(TransferLearning.FROZEN).testAccuracy(), r.row(TransferLearning.MASKED).testAccuracy());
    assertEquals(325, r.row(TransferLearning.FROZEN).trainable());
    assertEquals(784 * 64 + 64 + 325, r.row(TransferLearning.FROZEN_CONV).trainable());
    assertEquals(r.row(TransferLearning.SCRATCH).trainable(), r.row(TransferLearning.FINE_TUNED).trainable());
    // chance is 0.2; 13 Adam steps on 400 generated digits of 0-4 reach 0.82, so 0.4 leaves a wide margin
    assertTrue(r.sourceAccuracy() > 0.4, "pretrained accuracy " + r.sourceAccuracy());
    for (TransferLearning.Row row : r.rows()) {
      assertTrue(row.testAccuracy() >= 0 && row.testAccuracy() <= 1, row.toString());
    }
    assertTrue(text.contains("trainable") && text.contains(TransferLearning.FROZEN_CONV), text);
  }

  @Test
  void digitsSelectsAndRelabels() {
    Dataset d = new Dataset(Tensor.arange(4).reshape(4, 1), Tensor.vector(7, 2, 5, 9));
    Dataset high = TransferLearning.digits(d, v -> v >= 5, 5);
    assertEquals(Tensor.vector(2, 0, 4), high.labels());
    assertEquals(Tensor.of(new double[] {0, 2, 3}, 3, 1), high.features());
  }

  @Test
  void theCutsGiveTheFeaturesTheHeadsExpect() {
    var model = TransferLearning.model(Key.of(0));
    assertEquals(Shape.of(2, 64), model.take(TransferLearning.CUT).check(Shape.of(2, 1, 28, 28)).output());
    assertEquals(Shape.of(2, 16, 7, 7), model.take(TransferLearning.CONV_CUT).check(Shape.of(2, 1, 28, 28)).output());
    assertEquals(Shape.of(2, 5), TransferLearning.top(Key.of(1)).check(Shape.of(2, 16, 7, 7)).output());
  }
}
