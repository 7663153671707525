package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.loss.SquaredError;
import purenet.random.Key;
import purenet.tensor.Tensor;

class EvaluateTest {
  private static final Dataset DATA = Blobs.of(103, Key.of(4));
  private static final Dense MODEL = Dense.of(2, 2, Key.of(8));

  @Test
  void batchedEvaluationEqualsOneBigBatch() {
    Evaluate whole = Evaluate.of(SoftmaxCrossEntropy.mean()).withBatchSize(1000);
    Evaluation expected = whole.apply(MODEL, DATA);
    Tensor out = MODEL.apply(DATA.features());
    assertEquals(SoftmaxCrossEntropy.mean().apply(out, DATA.labels()).value(), expected.loss(), 0.0);
    assertEquals(Accuracy.categorical(out, DATA.labels()), expected.accuracy().get(), 0.0);
    for (int batch : new int[] {1, 10, 50, 102}) {
      Evaluation e = whole.withBatchSize(batch).apply(MODEL, DATA);
      // Relative 1e-12: the batched sums regroup 103 terms of moderate size.
      assertEquals(expected.loss(), e.loss(), 1e-12 * expected.loss(), "batch " + batch);
      assertEquals(expected.accuracy().get(), e.accuracy().get(), 1e-12, "batch " + batch);
      assertEquals(103, e.examples());
    }
  }

  @Test
  void regressionHasNoAccuracy() {
    Dataset data = new Dataset(Tensor.ones(4, 2), Tensor.zeros(4, 2));
    Evaluation e = Evaluate.of(SquaredError.mean()).apply(MODEL, data);
    assertEquals(Option.none(), e.accuracy());
    assertEquals(SquaredError.mean().apply(MODEL.apply(Tensor.ones(4, 2)), Tensor.zeros(4, 2)).value(), e.loss(), 1e-15);
  }

  @Test
  void anEmptySetOrABadBatchSizeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Evaluate.of(SquaredError.mean()).apply(MODEL, DATA.take(0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Evaluate.of(SquaredError.mean()).withBatchSize(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
