package purenet.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Smoke test of the per-processor steadiness probe (no timing is asserted). */
class ProcessorNoiseTest {
  @Test
  void givesOneRateForEachSliceAndRunsTheStepInEach() {
    AtomicInteger steps = new AtomicInteger();
    Runnable step = Workload.named("gemm-256").factory().get();
    double[] rates = ProcessorNoise.rates(() -> {
      step.run();
      steps.incrementAndGet();
    }, 3, 0.01, 0.01);
    assertEquals(3, rates.length);
    for (double rate : rates) {
      assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate);
    }
    assertTrue(steps.get() >= 4, "one warm-up step and at least one per slice, ran " + steps.get());
  }
}
