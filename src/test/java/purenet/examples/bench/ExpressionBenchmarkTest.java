package purenet.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** Smoke test of the expression benchmark on small sizes: it compares all three and they agree (no timing is asserted). */
class ExpressionBenchmarkTest {

  @Test
  void comparesTheReexpressedLayersAndACellStepAndTheyAgree() {
    Vector<ExpressionBenchmark.Comparison> cs = ExpressionBenchmark.run(16, 1);
    assertEquals(4, cs.size());
    for (ExpressionBenchmark.Comparison c : cs) {
      assertTrue(c.maxAbsolute() <= 1e-12 && c.maxRelative() <= 1e-9, c.toString());
      assertTrue(c.handBest() > 0 && c.handBest() <= c.handMillis() && c.exprBest() <= c.exprMillis(), c.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> ExpressionBenchmark.run(0, 1));
  }
}
