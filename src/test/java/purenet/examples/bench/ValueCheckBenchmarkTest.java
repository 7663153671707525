package purenet.examples.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark runs both settings and reports positive rates (no timing is asserted). */
class ValueCheckBenchmarkTest {
  @Test
  void measuresBothSettings() {
    ValueCheckBenchmark.Rates r = ValueCheckBenchmark.measure(2, 1);
    assertTrue(r.checked() > 0 && r.unchecked() > 0, r.toString());
  }
}
