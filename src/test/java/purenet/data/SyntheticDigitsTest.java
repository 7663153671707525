package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class SyntheticDigitsTest {
  private static final SyntheticDigits DIGITS = SyntheticDigits.standard();

  @Test
  void imagesAreMnistShapedWithPixelsInUnitRange() {
    Dataset d = DIGITS.generate(Key.of(1), 50);
    assertEquals(Shape.of(50, 1, 28, 28), d.features().shape());
    assertEquals(Shape.of(50), d.labels().shape());
    assertTrue(d.features().min() >= 0 && d.features().max() <= 1);
    assertEquals(1.0, d.features().max(), 0.0);
    for (int i = 0; i < d.size(); i++) {
      double label = d.labels().at(i);
      assertTrue(label == Math.rint(label) && label >= 0 && label <= 9, "label " + label);
    }
  }

  @Test
  void theSameKeyGivesTheSameDataAndAPrefixIsASmallerSet() {
    Dataset a = DIGITS.generate(Key.of(7), 40);
    assertEquals(a, DIGITS.generate(Key.of(7), 40));
    assertEquals(a.take(15), DIGITS.generate(Key.of(7), 15));
    assertNotEquals(a.features(), DIGITS.generate(Key.of(8), 40).features());
  }

  @Test
  void everyClassAppearsInRoughlyEqualShare() {
    Tensor labels = DIGITS.generate(Key.of(3), 2000).labels();
    for (int c = 0; c < 10; c++) {
      int k = c;
      double count = labels.map(v -> v == k ? 1 : 0).sum();
      // expected 200 each; 5 standard deviations (sqrt(2000 * 0.1 * 0.9) ≈ 13.4) either way
      assertTrue(Math.abs(count - 200) < 67, "class " + c + " appears " + count + " times");
    }
  }

  @Test
  void trainAndTestSetsComeFromIndependentKeys() {
    Mnist m = DIGITS.mnist(Key.of(5), 30, 20);
    assertEquals(30, m.train().size());
    assertEquals(20, m.test().size());
    assertNotEquals(m.train().take(20).features(), m.test().features());
  }

  @Test
  void classesAreLearnableByANearestClassMean() {
    // The weakest classifier that can learn anything: if it beats chance (10%) by far, a network can learn the set.
    Mnist m = DIGITS.mnist(Key.of(11), 2000, 500).flat();
    Tensor x = m.train().features();
    Tensor means = Tensor.zeros(10, 784);
    double[] counts = new double[10];
    for (int c = 0; c < 10; c++) {
      int k = c;
      Tensor mask = m.train().labels().map(v -> v == k ? 1 : 0).reshape(1, -1);
      counts[c] = mask.sum();
      Tensor mean = mask.matmul(x).mul(1 / counts[c]);
      means = means.add(Tensor.eye(10).slice(c, c + 1).transpose().matmul(mean));
    }
    Tensor xt = m.test().features();
    // squared distance up to a per-row constant: -2 x·mu + |mu|^2
    Tensor scores = xt.matmulTransposed(means).mul(-2).add(means.square().sum(1).reshape(1, 10));
    int correct = 0;
    for (int i = 0; i < xt.dim(0); i++) {
      double best = Double.POSITIVE_INFINITY;
      int arg = -1;
      for (int c = 0; c < 10; c++) {
        if (scores.get(i, c) < best) {
          best = scores.get(i, c);
          arg = c;
        }
      }
      correct += arg == (int) m.test().labels().at(i) ? 1 : 0;
    }
    double accuracy = correct / 500.0;
    assertTrue(accuracy > 0.8, "nearest-class-mean accuracy " + accuracy);
    assertTrue(accuracy < 1.0, "nearest-class-mean accuracy " + accuracy + ": the set should not be trivial");
  }

  @Test
  void oneImageOfAChosenDigit() {
    Tensor seven = DIGITS.image(7, Key.of(2));
    assertEquals(Shape.of(28, 28), seven.shape());
    assertEquals(seven, DIGITS.image(7, Key.of(2)));
    // a 7 has ink along its top bar and none in the bottom-left corner
    Tensor clean = new SyntheticDigits(0, 0, 0).image(7, Key.of(2));
    assertTrue(clean.slice(3, 7).sum() > 10, "top rows " + clean.slice(3, 7).sum());
    assertEquals(0.0, clean.slice(20, 28).reshape(8, 28).transpose().slice(0, 8).sum(), 0.0);
  }

  @Test
  void parametersOutOfRangeAreNamed() {
    IllegalArgumentException shift = assertThrows(IllegalArgumentException.class, () -> new SyntheticDigits(7, 0, 0));
    assertTrue(shift.getMessage().contains("shift must be in [0, 6]") && shift.getMessage().contains("7.0"));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticDigits(0, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticDigits(0, 0, Double.NaN));
    IllegalArgumentException digit = assertThrows(IllegalArgumentException.class, () -> DIGITS.image(10, Key.of(0)));
    assertTrue(digit.getMessage().contains("0..9") && digit.getMessage().contains("10"), digit.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DIGITS.generate(Key.of(0), -1));
  }
}
