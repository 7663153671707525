package purenet.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke test of the build-against-build benchmark (no timing is asserted). */
class BuildsTest {
  private static final String THIS_BUILD = "target/classes" + File.pathSeparator + "target/test-classes";

  @Test
  void comparesTwoCopiesOfThisBuildRoundByRound() {
    List<Builds.Result> results = Builds.compare("mlp-infer-b1", 4, 0.02, List.of(THIS_BUILD, THIS_BUILD));
    assertEquals(2, results.size());
    assertEquals(1.0, results.get(0).ratio(), "the first build against itself");
    assertTrue(results.get(1).median() > 0 && results.get(1).ratio() > 0, results.get(1).toString());
    assertTrue(results.get(1).ratioLow() <= results.get(1).ratio()
        && results.get(1).ratio() <= results.get(1).ratioHigh(), results.get(1).toString());
  }

  @Test
  void namesAMissingBuild() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Builds.compare("mlp-infer-b1", 4, 0.02, List.of("no/such/classes")));
    assertTrue(e.getMessage().contains("no/such/classes does not exist"), e.getMessage());
  }
}
