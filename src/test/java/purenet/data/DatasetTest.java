package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class DatasetTest {

  /** n examples whose features (n, 2) are (i, 10 i) and whose label is i: every row names itself. */
  private static Dataset numbered(int n) {
    return new Dataset(Tensor.generate(Shape.of(n, 2), j -> (j % 2 == 0 ? 1 : 10) * (j / 2)), Tensor.arange(n));
  }

  @Test
  void featuresAndLabelsMustHaveTheSameNumberOfExamples() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
    assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(4)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.scalar(1), Tensor.zeros(1)));
  }

  @Test
  void shuffleIsDeterminedByTheKeyAndKeepsPairs() {
    Dataset d = numbered(50);
    Dataset a = d.shuffle(Key.of(1));
    assertEquals(a, d.shuffle(Key.of(1)));
    assertNotEquals(a.labels(), d.shuffle(Key.of(2)).labels());
    assertNotEquals(d.labels(), a.labels());
    for (int i = 0; i < 50; i++) {
      assertEquals(a.labels().at(i), a.features().get(i, 0), 0.0);
      assertEquals(10 * a.labels().at(i), a.features().get(i, 1), 0.0);
    }
  }

  @Test
  void batchesCoverEveryExampleExactlyOnce() {
    Dataset d = numbered(10).shuffle(Key.of(3));
    Vector<Dataset> batches = d.batches(3);
    assertEquals(Vector.of(3, 3, 3, 1), batches.map(Dataset::size));
    double[] seen = batches.flatMap(b -> Vector.ofAll(b.labels().toArray())).toJavaStream()
        .mapToDouble(Double::doubleValue).sorted().toArray();
    assertEquals(Arrays.toString(Tensor.arange(10).toArray()), Arrays.toString(seen));
    assertEquals(d, batches.reduce(Dataset::concat));
  }

  @Test
  void splitSizesFollowTheFraction() {
    Dataset d = numbered(10);
    Dataset.Split s = d.split(0.25, Key.of(4));
    assertEquals(2, s.validation().size());
    assertEquals(8, s.train().size());
    assertEquals(0, d.split(0, Key.of(4)).validation().size());
    assertEquals(s, d.split(0.25, Key.of(4)));
    double[] all = s.train().concat(s.validation()).labels().toArray();
    Arrays.sort(all);
    assertEquals(Arrays.toString(Tensor.arange(10).toArray()), Arrays.toString(all));
  }

  @Test
  void badArgumentsAreNamed() {
    Dataset d = numbered(4);
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> d.batches(0));
    assertTrue(batch.getMessage().contains("batch size must be > 0, got 0"), batch.getMessage());
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> d.split(1.0, Key.of(0)));
    assertTrue(split.getMessage().contains("[0, 1), got 1.0"), split.getMessage());
  }

  @Test
  void selectSliceAndTake() {
    Dataset d = numbered(5);
    assertEquals(Tensor.vector(4, 1), d.select(new int[] {4, 1}).labels());
    assertEquals(Tensor.vector(1, 2), d.slice(1, 3).labels());
    assertEquals(5, d.take(100).size());
    assertEquals(2, d.take(2).size());
  }

  @Test
  void flatTurnsImagesIntoRows() {
    Dataset images = new Dataset(Tensor.arange(24).reshape(3, 2, 2, 2), Tensor.arange(3));
    Dataset flat = images.flat();
    assertEquals(Shape.of(3, 8), flat.features().shape());
    assertEquals(Tensor.arange(24).reshape(3, 8), flat.features());
    assertEquals(images.labels(), flat.labels());
  }

  @Test
  void oneHotLabels() {
    Dataset d = new Dataset(Tensor.zeros(3, 1), Tensor.vector(2, 0, 1));
    assertEquals(Tensor.of(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}), d.oneHot(3).labels());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> d.oneHot(2));
    assertTrue(range.getMessage().contains("label 2.0 of example 0") && range.getMessage().contains("0..1"),
        range.getMessage());
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(Tensor.zeros(3, 1), Tensor.zeros(3, 2)).oneHot(2));
    assertTrue(rank.getMessage().contains("(3, 2)"), rank.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.oneHot(0));
  }
}
