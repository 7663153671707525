package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.loss.BinaryCrossEntropy;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.loss.SquaredError;
import purenet.tensor.Tensor;

class AccuracyTest {
  private static final Tensor SCORES = Tensor.of(new double[][] {{2, 1, 0}, {0, 0, 5}, {1, 1, 0}, {-1, 3, 2}});

  @Test
  void categoricalComparesTheArgmaxWithIndicesOrOneHotRows() {
    // Argmax rows: 0, 2, 0 (first of a tie), 1.
    assertEquals(0.75, Accuracy.categorical(SCORES, Tensor.vector(0, 2, 1, 1)), 0.0);
    Tensor oneHot = Tensor.of(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 1, 0}});
    assertEquals(0.75, Accuracy.categorical(SCORES, oneHot), 0.0);
  }

  @Test
  void scoresAtEveryPositionCountEachPosition() {
    // (2, 2, 3): the four rows of SCORES as two sequences of two steps.
    Tensor sequences = SCORES.reshape(2, 2, 3);
    assertEquals(0.75, Accuracy.categorical(sequences, Tensor.of(new double[] {0, 2, 1, 1}, 2, 2)), 0.0);
    assertEquals(Accuracy.categorical(SCORES, SCORES), Accuracy.categorical(sequences, sequences), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Accuracy.categorical(sequences, Tensor.vector(0, 2, 1, 1)));
  }

  @Test
  void binaryReadsPositiveLogitsAsTheOneClass() {
    assertEquals(0.5, Accuracy.binary(Tensor.vector(3, -1, 0, 0.5), Tensor.vector(1, 1, 0, 0)), 0.0);
  }

  @Test
  void theLossPicksTheAccuracy() {
    Tensor labels = Tensor.vector(0, 2, 1, 1);
    assertEquals(0.75, Accuracy.forLoss(SoftmaxCrossEntropy.mean()).get().apply(SCORES, labels), 0.0);
    assertEquals(1.0, Accuracy.forLoss(BinaryCrossEntropy.mean()).get().apply(Tensor.vector(1), Tensor.vector(1)), 0.0);
    assertEquals(Option.none(), Accuracy.forLoss(SquaredError.mean()));
  }

  @Test
  void mismatchedLabelsNameBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Accuracy.categorical(SCORES, Tensor.zeros(3)));
    assertTrue(e.getMessage().contains("(4, 3)") && e.getMessage().contains("(3)"), e.getMessage());
  }
}
