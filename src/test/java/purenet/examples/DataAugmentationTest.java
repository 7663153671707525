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

class DataAugmentationTest {

  @Test
  void everyVariantRunsAndIsReportedAndPictured(@TempDir Path dir) {
    DataAugmentation.Config config = DataAugmentation.Config.smoke();
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 100, 50);
    Dataset train = data.train().take(config.trainSize());
    Dataset validation = data.train().slice(config.trainSize(), config.trainSize() + config.validationSize());
    assertEquals(4, train.features().rank(), "images stay (n, 1, 28, 28)");
    Vector<DataAugmentation.Row> rows = DataAugmentation.run(train, validation, data.test(), config);
    assertEquals(Vector.of("none", "affine", "crop", "elastic", "noise", "blur", "changed-pixels", "affine+elastic"),
        rows.map(DataAugmentation.Row::variant));
    for (DataAugmentation.Row r : rows) {
      assertTrue(r.trainAccuracy() >= 0 && r.trainAccuracy() <= 1, r.toString());
      assertTrue(r.validationAccuracy() >= 0 && r.validationAccuracy() <= 1, r.toString());
      assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, r.toString());
      assertEquals(config.repeats(), r.runs().size(), r.variant());
      assertEquals(config.epochs(), r.runs().head().history().size(), r.variant());
      assertTrue(r.testAccuracySd() >= 0, r.toString());
    }
    assertEquals(0, rows.head().wins(rows.head()), "no run beats itself");
    assertTrue(rows.tail().exists(r -> !r.runs().equals(rows.head().runs())), "augmentation changes training");
    Vector<String> table = DataAugmentation.table(rows);
    assertEquals(rows.size() + 1, table.size());
    assertTrue(table.head().startsWith("variant"));
    DataAugmentation.samples(DataAugmentation.variants(), train, 8, Key.of(4), dir);
    DataAugmentation.plot(rows, dir);
    for (String name : rows.map(DataAugmentation.Row::variant).append("validation-accuracy").append("samples")) {
      assertTrue(Files.isRegularFile(dir.resolve(name + ".png")), name);
    }
    assertEquals(rows, DataAugmentation.run(train, validation, data.test(), config), "the same inputs, the same rows");
  }
}
