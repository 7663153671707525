package purenet.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import purenet.examples.bench.MatmulBenchmark.Case;
import purenet.examples.bench.MatmulBenchmark.Result;

/** Smoke test of the benchmark harness on tiny products (no timing is asserted). */
class MatmulBenchmarkTest {

  @Test
  void measuresEveryCaseOfEveryTransposeKind() {
    List<Case> cases = List.of(
        new Case("plain", 3, 5, 4, false, false),
        new Case("transA", 3, 5, 4, true, false),
        new Case("transB", 3, 5, 4, false, true));
    List<Result> results = MatmulBenchmark.measure(cases, 1, 3);
    assertEquals(cases, results.stream().map(Result::product).toList());
    for (Result r : results) {
      assertTrue(r.best() >= r.median(), r.toString());
    }
  }

  @Test
  void reportsTheBackpropProductsOfADenseLayer() {
    List<Case> cases = MatmulBenchmark.cases();
    assertEquals(5, cases.size());
    for (Case c : cases.subList(2, 5)) {
      assertEquals(2.0 * 128 * 784 * 256, c.flops(), c.name());
    }
  }
}
