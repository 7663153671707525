package purenet.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.random.Key;
import purenet.tensor.Tensor;

/** A worked example of the decomposition, the key derivation, and input validation. */
class BiasVarianceTest {

  private static final Function<Key, Dataset> DATA =
      key -> new Dataset(Tensor.of(key.uniform(4), 4, 1), Tensor.of(key.foldIn(1).normal(4), 4, 1));
  private static final Learner MEAN = (train, key) -> x -> Tensor.full(train.labels().mean(), x.dim(0), 1);

  @Test
  void workedExample() {
    // y_1 = (1, 3), y_2 = (3, 5), h = (2, 2): ȳ = (2, 4); bias² = (0 + 4)/2 = 2;
    // variance = (1 + 1 + 1 + 1)/4 = 1; d_1 = (1 + 1)/2 = 1, d_2 = (1 + 9)/2 = 5, mean 3 = 2 + 1.
    Tensor predictions = Tensor.of(new double[] {1, 3, 3, 5}, 2, 2, 1);
    Decomposition d = Decomposition.of(predictions, Tensor.of(new double[] {2, 2}, 2, 1), 0.5);
    assertEquals(2.0, d.bias2());
    assertEquals(1.0, d.variance());
    assertEquals(0.5, d.noise());
    assertEquals(3.5, d.expectedError());
    assertEquals(Tensor.vector(1, 5), d.deviations());
    assertEquals(3.0, d.meanDeviation());
    assertEquals(Tensor.of(new double[] {2, 4}, 2, 1), d.meanPrediction());
  }

  @Test
  void dataSetLIsDrawnFromTheFirstHalfOfTheLthSplitKey() {
    Key key = Key.of(7);
    Vector<Fitted> fits = new BiasVariance(3).fit(DATA, MEAN, key);
    Key[] keys = key.split(3);
    for (int l = 0; l < 3; l++) {
      assertEquals(DATA.apply(keys[l].split(2)[0]), fits.get(l).data());
    }
    // The mean learner's training error is the targets' variance (1/n normalisation).
    Tensor t = fits.get(0).data().labels();
    assertEquals(t.add(-t.mean()).square().mean(), fits.get(0).trainError(), 1e-15);
  }

  @Test
  void predictionsAreStackedPerModel() {
    Vector<Fitted> fits = new BiasVariance(2).fit(DATA, MEAN, Key.of(1));
    Tensor y = BiasVariance.predictions(fits, Tensor.zeros(5, 1), 1);
    assertEquals(purenet.tensor.Shape.of(2, 5, 1), y.shape());
    assertEquals(fits.get(1).data().labels().mean(), y.get(1, 3, 0));
  }

  @Test
  void rejectsFewerThanTwoDataSets() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BiasVariance(1));
    assertTrue(e.getMessage().contains("got 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Decomposition.of(Tensor.zeros(1, 3, 1), Tensor.zeros(3, 1), 0));
    assertTrue(e.getMessage().contains("L = 1"), e.getMessage());
  }

  @Test
  void rejectsABadNoiseVariance() {
    BiasVariance bv = new BiasVariance(2);
    for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> bv.estimate(DATA, MEAN, Tensor.zeros(3, 1), Tensor.zeros(3, 1), bad, Key.of(0)));
      assertTrue(e.getMessage().contains("got " + bad), e.getMessage());
    }
  }

  @Test
  void rejectsMismatchedTestInputsAndTruth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BiasVariance(2).estimate(DATA, MEAN, Tensor.zeros(3, 1), Tensor.zeros(4, 1), 0, Key.of(0)));
    assertTrue(e.getMessage().contains("(3, 1)") && e.getMessage().contains("(4, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new BiasVariance(2).estimate(DATA, MEAN, Tensor.zeros(3), Tensor.zeros(3, 1), 0, Key.of(0)));
    assertTrue(e.getMessage().contains("(3)"), e.getMessage());
  }

  @Test
  void rejectsPredictionsOfTheWrongShape() {
    Learner wide = (train, key) -> x -> Tensor.zeros(x.dim(0), 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BiasVariance(2).estimate(DATA, wide, Tensor.zeros(3, 1), Tensor.zeros(3, 1), 0, Key.of(0)));
    assertTrue(e.getMessage().contains("data set 0") && e.getMessage().contains("(3, 2)"), e.getMessage());
    Learner short_ = (train, key) -> x -> Tensor.zeros(1, 1);
    e = assertThrows(IllegalArgumentException.class,
        () -> new BiasVariance(2).estimate(DATA, short_, Tensor.zeros(3, 1), Tensor.zeros(3, 1), 0, Key.of(0)));
    assertTrue(e.getMessage().contains("(1, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Decomposition.of(Tensor.zeros(2, 3, 2), Tensor.zeros(3, 1), 0));
    assertTrue(e.getMessage().contains("(L, 3, 1)") && e.getMessage().contains("(2, 3, 2)"), e.getMessage());
  }

  @Test
  void rejectsNonFinitePredictions() {
    Learner nan = (train, key) -> x -> Tensor.full(Double.NaN, x.dim(0), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BiasVariance(2).estimate(DATA, nan, Tensor.zeros(3, 1), Tensor.zeros(3, 1), 0, Key.of(0)));
    assertTrue(e.getMessage().contains("finite"), e.getMessage());
  }
}
