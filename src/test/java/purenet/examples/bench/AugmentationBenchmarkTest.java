package purenet.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class AugmentationBenchmarkTest {

  @Test
  void timesEveryAugmentationOnce() {
    Vector<AugmentationBenchmark.Timing> timings = AugmentationBenchmark.run(2, 1);
    assertEquals(7, timings.size());
    assertEquals(timings.size(), timings.map(AugmentationBenchmark.Timing::name).distinct().size());
    for (AugmentationBenchmark.Timing t : timings) {
      assertEquals(2, t.batch(), t.toString());
      assertTrue(t.millis() >= 0 && t.toString().startsWith(t.name()), t.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> AugmentationBenchmark.run(0, 1));
  }
}
