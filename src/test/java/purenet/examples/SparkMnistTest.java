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
import purenet.spark.LocalSpark;

/** Smoke test of SparkMnist on generated digits and local[2]: three modes, one table line each. */
class SparkMnistTest {

  @Test
  void theThreeModesTrainAndReport() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(5), 256, 64);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Vector<SparkMnist.Outcome> outcomes = SparkMnist.run(LocalSpark.context(), data,
        new SparkMnist.Settings(12, 32, 4, 2, 1), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(Vector.of("single", "synchronous", "local-sgd 4"), outcomes.map(SparkMnist.Outcome::mode));
    for (SparkMnist.Outcome o : outcomes) {
      assertTrue(o.testAccuracy() >= 0 && o.testAccuracy() <= 1, o.line());
      assertEquals(12 * 32L, o.timing().examples(), o.mode());
      assertEquals(12, o.model().step(), o.mode());
    }
    // Synchronous training takes the single machine's steps: 1e-12 relative per leaf, per step.
    double d = SparkMnist.relativeDifference(outcomes.get(0).model(), outcomes.get(1).model());
    assertTrue(d <= 12 * 1e-12, "synchronous vs single: " + d);
    assertEquals(3, bytes.toString(StandardCharsets.UTF_8).lines().count());
  }
}
