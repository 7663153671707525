package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.examples.BatchNormLandscape.Config;
import purenet.examples.BatchNormLandscape.Curve;
import purenet.examples.BatchNormLandscape.Landscape;
import purenet.examples.BatchNormLandscape.Result;
import purenet.examples.BatchNormLandscape.Variant;
import purenet.random.Key;

/** Smoke test of the example on a tiny synthetic data set: shapes of the result, purity, plots. */
class BatchNormLandscapeTest {

  private static final Config TINY = new Config(8, 2, 16, 6, 0.1, 3, 0.5, 3, Vector.of(0.5, 1.0), Key.of(1));

  private static Result tinyRun() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(2), 128, 32).flat();
    return BatchNormLandscape.run(data.train(), data.test(), TINY);
  }

  @Test
  void everyVariantIsTrainedAndMeasured() {
    Result r = tinyRun();
    assertEquals(Vector.of(Variant.values()), r.curves().map(Curve::variant));
    for (Curve c : r.curves()) {
      assertEquals(Vector.of(3, 6), c.evalSteps());
      assertTrue(c.accuracy().forAll(a -> a >= 0 && a <= 1), c.toString());
      assertEquals(Vector.of(0, 3), c.landscape().map(Landscape::step));
      assertTrue(c.landscape().forAll(l -> Double.isFinite(l.lossRange()) && l.lossRange() >= 0
          && Double.isFinite(l.gradientChange()) && l.gradientChange() > 0 && Double.isFinite(l.smoothness())), c.toString());
      assertTrue(c.stepsToTarget().forAll(s -> c.evalSteps().contains(s)
          && c.accuracy().get(c.evalSteps().indexOf(s)) >= TINY.targetAccuracy()));
    }
    assertEquals(5, r.lines().size());
  }

  @Test
  void runIsPure() {
    assertEquals(tinyRun(), tinyRun());
  }

  @Test
  void plotsAreWritten(@TempDir Path dir) throws Exception {
    BatchNormLandscape.plot(tinyRun(), dir);
    for (String name : new String[] {"accuracy.png", "loss-range.png", "gradient-change.png", "smoothness.png"}) {
      assertTrue(Files.size(dir.resolve(name)) > 1000, name);
    }
  }

  @Test
  void theNetworkOfEachVariantHasItsNormalization() {
    for (Variant v : Variant.values()) {
      String names = BatchNormLandscape.network(v, 4, 8, 2, 3, Key.of(0)).layers().map(l -> l.name()).mkString(",");
      String expected = switch (v) {
        case PLAIN -> "Dense,Relu,Dense,Relu,Dense";
        case BATCH_NORM -> "Dense,BatchNorm,Relu,Dense,BatchNorm,Relu,Dense";
        case LAYER_NORM -> "Dense,LayerNorm,Relu,Dense,LayerNorm,Relu,Dense";
        case GROUP_NORM -> "Dense,GroupNorm,Relu,Dense,GroupNorm,Relu,Dense";
      };
      assertEquals(expected, names);
    }
  }
}
