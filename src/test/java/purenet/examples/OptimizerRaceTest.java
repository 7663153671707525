package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.random.Key;

/** Smoke tests of {@link OptimizerRace} on tiny data. */
class OptimizerRaceTest {

  private static final Mnist TINY = SyntheticDigits.standard().mnist(Key.of(1), 96, 48).flat();
  private static final OptimizerRace.Config CONFIG = new OptimizerRace.Config(8, 3, 16, Key.of(2));

  @Test
  void everyOptimizerRunsItsLaneAndEvaluates() {
    Vector<OptimizerRace.Entrant> entrants = OptimizerRace.entrants(3 * 6);
    OptimizerRace.Result result = OptimizerRace.run(TINY.train(), TINY.test(), 10, entrants, CONFIG);
    assertEquals(entrants.map(OptimizerRace.Entrant::name), result.lanes().map(OptimizerRace.Lane::name));
    for (OptimizerRace.Lane lane : result.lanes()) {
      assertEquals(3, lane.history().size(), lane.name());
      assertEquals(48, lane.test().examples(), lane.name());
      assertTrue(Double.isFinite(lane.test().loss()), lane.name());
      double[] train = lane.history().trainLoss();
      // The chance-level loss of 10 classes is ln 10 ≈ 2.30; each optimizer must not diverge from it.
      assertTrue(train[2] < 2 * Math.log(10), lane.name() + " " + train[2]);
    }
    // Adam learns the synthetic digits' first classes within three short epochs.
    double[] adam = result.lanes().find(l -> l.name().equals("adam")).get().history().trainLoss();
    assertTrue(adam[2] < adam[0], "adam " + adam[0] + " → " + adam[2]);
  }

  @Test
  void runIsDeterministic() {
    Vector<OptimizerRace.Entrant> two = OptimizerRace.entrants(18).take(2);
    assertEquals(OptimizerRace.run(TINY.train(), TINY.test(), 10, two, CONFIG),
        OptimizerRace.run(TINY.train(), TINY.test(), 10, two, CONFIG));
  }

  @Test
  void mainPrintsATableAndWritesBothCharts(@TempDir Path dir) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      OptimizerRace.main(new String[] {"64", "32", "2", dir.toString()});
    } finally {
      System.setOut(original);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    for (OptimizerRace.Entrant e : OptimizerRace.entrants(8)) {
      assertTrue(printed.lines().anyMatch(line -> line.startsWith(e.name() + " ")), e.name() + " missing in\n" + printed);
    }
    assertTrue(Files.size(dir.resolve("optimizer-race-train-loss.png")) > 1000);
    assertTrue(Files.size(dir.resolve("optimizer-race-test-loss.png")) > 1000);
  }
}
