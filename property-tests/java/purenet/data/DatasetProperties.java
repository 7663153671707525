package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Laws of {@link Dataset}'s keyed reordering: shuffling permutes examples without breaking a
 * feature row from its label, batching loses and repeats nothing, splitting partitions.
 */
class DatasetProperties {

  /**
   * Data sets of 0..40 examples with 1..4 features, small integer values (so duplicate rows occur
   * and the multiset comparison is exercised) and small integer labels.
   */
  @Provide
  Arbitrary<Dataset> datasets() {
    return Arbitraries.integers().between(0, 40).flatMap(n -> Arbitraries.integers().between(1, 4).flatMap(
        w -> Arbitraries.integers().between(-2, 2).list().ofSize(n * (w + 1)).map(values -> build(n, w, values))));
  }

  private static Dataset build(int n, int w, List<Integer> values) {
    Tensor features = Tensor.generate(Shape.of(n, w), i -> values.get(i));
    Tensor labels = Tensor.generate(Shape.of(n), i -> values.get(n * w + i));
    return new Dataset(features, labels);
  }

  /** Data sets of 0..60 examples whose label is their position: every example is distinct. */
  @Provide
  Arbitrary<Dataset> numbered() {
    return Arbitraries.integers().between(0, 60)
        .map(n -> new Dataset(Tensor.arange(n).reshape(n, 1).mul(10), Tensor.arange(n)));
  }

  @Property(tries = 200)
  void shuffleIsAPermutationOfTheExamples(@ForAll("datasets") Dataset d, @ForAll long seed) {
    Dataset shuffled = d.shuffle(Key.of(seed));
    assertEquals(d.size(), shuffled.size());
    assertEquals(d.features().shape(), shuffled.features().shape());
    assertEquals(sortedExamples(d), sortedExamples(shuffled));
  }

  @Property(tries = 200)
  void shuffleIsDeterminedByItsKey(@ForAll("datasets") Dataset d, @ForAll long seed) {
    assertEquals(d.shuffle(Key.of(seed)), d.shuffle(Key.of(seed)));
  }

  @Property(tries = 200)
  void batchesConcatenateBackToTheDataset(@ForAll("datasets") Dataset d, @ForAll @IntRange(min = 1, max = 50) int size) {
    Vector<Dataset> batches = d.batches(size);
    assertEquals((d.size() + size - 1) / size, batches.size());
    for (int i = 0; i < batches.size(); i++) {
      int expected = i < batches.size() - 1 ? size : d.size() - size * (batches.size() - 1);
      assertEquals(expected, batches.get(i).size(), "batch " + i);
    }
    if (d.size() > 0) {
      assertEquals(d, batches.reduce(Dataset::concat));
    }
  }

  @Property(tries = 200)
  void splitPartitionsTheExamples(@ForAll("numbered") Dataset d,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double fraction, @ForAll long seed) {
    Dataset.Split split = d.split(fraction, Key.of(seed));
    assertEquals((int) Math.floor(d.size() * fraction), split.validation().size());
    assertEquals(d.size(), split.train().size() + split.validation().size());
    double[] ids = new double[d.size()];
    System.arraycopy(split.train().labels().toArray(), 0, ids, 0, split.train().size());
    System.arraycopy(split.validation().labels().toArray(), 0, ids, split.train().size(), split.validation().size());
    Arrays.sort(ids);
    // every id 0..n-1 exactly once: together they cover all examples, and nothing is in both
    assertTrue(Arrays.equals(Tensor.arange(d.size()).toArray(), ids), Arrays.toString(ids));
    for (Dataset part : new Dataset[] {split.train(), split.validation()}) {
      assertEquals(part.labels().mul(10).reshape(part.size(), 1), part.features());
    }
  }

  /** Each example as its feature row followed by its label, sorted lexicographically. */
  private static List<List<Double>> sortedExamples(Dataset d) {
    int w = d.size() == 0 ? 0 : d.features().size() / d.size();
    Comparator<List<Double>> lexicographic = (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = Double.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
    return Vector.range(0, d.size())
        .map(i -> Vector.range(0, w).map(j -> d.features().at(i * w + j)).append(d.labels().at(i)).toJavaList())
        .sorted(lexicographic)
        .toJavaList();
  }
}
