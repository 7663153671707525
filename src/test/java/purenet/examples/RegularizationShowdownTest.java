package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.random.Key;
import purenet.spark.LocalSpark;

class RegularizationShowdownTest {

  @Test
  void everyVariantRunsAndIsReportedAndPlotted(@TempDir Path dir) {
    RegularizationShowdown.Config config = RegularizationShowdown.Config.smoke();
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 100, 50).flat();
    Dataset train = data.train().take(config.trainSize());
    Dataset validation = data.train().slice(config.trainSize(), config.trainSize() + config.validationSize());
    Vector<RegularizationShowdown.Row> rows = RegularizationShowdown.run(train, validation, data.test(), config);
    assertEquals(Vector.of("none", "l2", "l1", "elastic-net", "dropout", "max-norm", "dropout+max-norm", "gaussian-noise",
        "early-stopping"),
        rows.map(RegularizationShowdown.Row::variant));
    for (RegularizationShowdown.Row r : rows) {
      assertTrue(r.trainAccuracy() >= 0 && r.trainAccuracy() <= 1, r.toString());
      assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, r.toString());
      assertTrue(r.weightNorm() > 0, r.toString());
      assertTrue(r.epochs() >= 1 && r.epochs() <= config.epochs(), r.toString());
      assertEquals(config.repeats(), r.runs().size(), r.variant());
      assertTrue(r.testAccuracySd() >= 0, r.toString());
      assertTrue(r.wins(rows.head()) >= 0 && r.wins(rows.head()) <= config.repeats(), r.toString());
    }
    assertEquals(0, rows.head().wins(rows.head()), "no run beats itself");
    Vector<String> table = RegularizationShowdown.table(rows);
    assertEquals(rows.size() + 1, table.size());
    assertTrue(table.head().startsWith("variant"));
    RegularizationShowdown.plot(rows, dir);
    for (String name : rows.map(RegularizationShowdown.Row::variant).append("validation-loss")) {
      assertTrue(Files.isRegularFile(dir.resolve(name + ".png")), name);
    }
    assertEquals(rows, RegularizationShowdown.run(train, validation, data.test(), config), "the same inputs, the same rows");
  }

  @Test
  void theSparkModeReproducesTheLocalTableBitForBit() {
    RegularizationShowdown.Config config = RegularizationShowdown.Config.smoke();
    Mnist data = SyntheticDigits.standard().mnist(Key.of(4), 100, 50).flat();
    Dataset train = data.train().take(config.trainSize());
    Dataset validation = data.train().slice(config.trainSize(), config.trainSize() + config.validationSize());
    Vector<RegularizationShowdown.Row> local = RegularizationShowdown.run(train, validation, data.test(), config);
    Vector<RegularizationShowdown.Row> spark =
        RegularizationShowdown.runOnSpark(LocalSpark.context(), train, validation, data.test(), config);
    assertEquals(local, spark, "every run, history included, is the same bits");
    assertEquals(RegularizationShowdown.table(local), RegularizationShowdown.table(spark));
  }
}
