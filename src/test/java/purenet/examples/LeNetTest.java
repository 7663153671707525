package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.random.Key;
import purenet.tensor.Shape;

class LeNetTest {

  @Test
  void learnsGeneratedDigitsInOneShortEpoch() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 800, 200);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LeNet.Result result = LeNet.run(data, new LeNet.Settings(1, 16, 0.05, 0, 1),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(1, result.history().epochs().size());
    // Chance is 0.1; these 50 SGD steps on 800 generated digits reach 0.845, so 0.4 leaves a wide margin.
    assertTrue(result.testAccuracy() > 0.4, "test accuracy " + result.testAccuracy());
    assertTrue(text.contains("epoch") && text.contains("Conv2d") && text.contains("MaxPool2d"), text);
  }

  @Test
  void theModelMapsImagesToTenLogits() {
    assertEquals(Shape.of(5, 10), LeNet.model(Key.of(0)).check(Shape.of(5, 1, 28, 28)).output());
    assertTrue(LeNet.model(Key.of(0)).check(Shape.of(5, 1, 28, 28)).fits());
  }

  @Test
  void sameSeedSameResult() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 64, 32);
    LeNet.Settings settings = new LeNet.Settings(1, 32, 0.05, 0, 5);
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    assertEquals(LeNet.run(data, settings, quiet).history(), LeNet.run(data, settings, quiet).history());
  }
}
