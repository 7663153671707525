package purenet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

  private static History.Epoch epoch(int e, double loss, Option<Double> validation) {
    return new History.Epoch(e, 10L * e, loss, 0.5, Option.of(0.1 * e), validation, validation.map(v -> 0.2 * e));
  }

  @Test
  void curvesListEveryEpochInOrder() {
    History h = History.empty().append(epoch(1, 3, Option.of(4.0))).append(epoch(2, 2, Option.of(3.5)));
    assertEquals(2, h.size());
    assertArrayEquals(new double[] {3, 2}, h.trainLoss());
    assertArrayEquals(new double[] {4, 3.5}, h.validationLoss());
    assertEquals(List.of("train", "validation"), List.copyOf(h.lossCurves().keySet()));
    assertArrayEquals(new double[] {0.2, 0.4}, h.accuracyCurves().get("validation"));
    assertEquals(2.5, h.last().get().trainTotal());
  }

  @Test
  void aMissingSeriesIsExplained() {
    History h = History.empty().append(epoch(1, 3, Option.none()));
    IllegalStateException e = assertThrows(IllegalStateException.class, h::validationLoss);
    assertTrue(e.getMessage().contains("epoch 1 has no validation loss"), e.getMessage());
    assertEquals(List.of("train"), List.copyOf(h.lossCurves().keySet()));
  }
}
