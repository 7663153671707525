package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.random.Key;

class NormalizerFreeTest {

  /** Twelve blocks of 32 units at η = 0.5 with momentum: the unclipped network overflows within a few steps. */
  private static final NormalizerFree.Config DIVERGING = new NormalizerFree.Config(200, 12, 32, 2, 20, 0.5, 1);

  @Test
  void clippingKeepsTrainingAliveWhereThePlainNetworkDiverges() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(5), 200, 100).flat();
    Vector<NormalizerFree.Row> rows = NormalizerFree.run(data.train(), data.test(), DIVERGING);
    assertEquals(NormalizerFree.variants(), rows.map(NormalizerFree.Row::variant));
    NormalizerFree.Row plain = rows.head();
    assertTrue(plain.divergedAt().isDefined() && plain.testAccuracy().isEmpty(), plain.toString());
    for (NormalizerFree.Row r : rows.filter(r -> r.variant().contains("clip"))) {
      assertTrue(r.divergedAt().isEmpty(), r.toString());
      assertEquals(DIVERGING.epochs(), r.trainLoss().size(), r.toString());
      assertTrue(r.trainLoss().forAll(Double::isFinite), r.toString());
    }
    Vector<String> table = NormalizerFree.table(rows);
    assertEquals(rows.size() + 1, table.size());
    assertTrue(table.get(1).contains("diverged at step " + plain.divergedAt().get()), table.get(1));
    assertEquals(rows, NormalizerFree.run(data.train(), data.test(), DIVERGING), "the same inputs, the same rows");
  }

  @Test
  void aConfigThatWouldTrainNothingIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new NormalizerFree.Config(0, 4, 16, 2, 20, 0.1, 1));
    assertThrows(IllegalArgumentException.class, () -> new NormalizerFree.Config(10, 4, 16, 2, 20, 0, 1));
  }
}
