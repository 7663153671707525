package purenet.data.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.data.Dataset;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Laws every augmentation obeys: the shape and the labels are kept, the key determines the bits,
 * different keys give different images, image i depends only on itself and {@code key.foldIn(i)},
 * and input of the wrong rank fails naming the augmentation and the shape.
 */
class AugmentationProperties {

  @Provide
  Arbitrary<Augmentation> augmentations() {
    return ImageArbitraries.augmentations();
  }

  @Provide
  Arbitrary<Tensor> batches() {
    return ImageArbitraries.batches();
  }

  @Property(tries = 200)
  void keepsTheShapeAndTheLabels(@ForAll("augmentations") Augmentation a, @ForAll("batches") Tensor x,
      @ForAll long seed) {
    Tensor labels = Tensor.arange(x.dim(0));
    Dataset out = a.apply(new Dataset(x, labels), Key.of(seed));
    assertEquals(x.shape(), out.features().shape());
    assertSame(labels, out.labels());
    assertTrue(out.features().isFinite(), a.toString());
  }

  @Property(tries = 200)
  void theSameKeyGivesTheSameBitsAndTheInputIsUntouched(@ForAll("augmentations") Augmentation a,
      @ForAll("batches") Tensor x, @ForAll long seed) {
    Tensor copy = Tensor.of(x.toArray(), x.shape());
    assertEquals(a.apply(x, Key.of(seed)), a.apply(x, Key.of(seed)));
    assertEquals(copy, x);
  }

  /**
   * Batches of 32 random 4..8-pixel-square images: the chance that two keys transform all of them
   * alike is below 2⁻³² even for a single random flip.
   */
  @Property(tries = 200)
  void differentKeysGiveDifferentImages(@ForAll("augmentations") Augmentation a, @ForAll long seed,
      @ForAll @IntRange(min = 4, max = 8) int side) {
    Tensor x = ImageArbitraries.batch(32, 1, side, side, seed);
    assertNotEquals(a.apply(x, Key.of(seed)), a.apply(x, Key.of(seed + 1)), a.toString());
  }

  /** Image i draws from key.foldIn(i) only: a prefix of the batch is augmented as the whole batch's prefix. */
  @Property(tries = 200)
  void imageIDependsOnlyOnItselfAndTheKeyFoldedWithI(@ForAll("augmentations") Augmentation a,
      @ForAll("batches") Tensor x, @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int m) {
    int prefix = Math.min(m, x.dim(0));
    assertEquals(a.apply(x, Key.of(seed)).slice(0, prefix), a.apply(x.slice(0, prefix), Key.of(seed)));
  }

  @Property(tries = 200)
  void andThenUsesTheTwoHalvesOfASplitKey(@ForAll("augmentations") Augmentation a,
      @ForAll("augmentations") Augmentation b, @ForAll("batches") Tensor x, @ForAll long seed) {
    Key[] k = Key.of(seed).split(2);
    assertEquals(b.apply(a.apply(x, k[0]), k[1]), a.andThen(b).apply(x, Key.of(seed)));
  }

  @Property(tries = 200)
  void theIdentityIsExact(@ForAll("batches") Tensor x, @ForAll long seed) {
    assertSame(x, Augmentation.identity().apply(x, Key.of(seed)));
    assertEquals(x, Augmentation.identity().andThen(Augmentation.identity()).apply(x, Key.of(seed)));
  }

  @Provide
  Arbitrary<Shape> wrongRanks() {
    return Arbitraries.of(1, 2, 3, 5).flatMap(rank ->
        Arbitraries.integers().between(1, 4).list().ofSize(rank).map(d -> Shape.of(d.stream()
            .mapToInt(Integer::intValue).toArray())));
  }

  @Property(tries = 200)
  void aWrongRankFailsNamingTheAugmentationAndTheShape(@ForAll("augmentations") Augmentation a,
      @ForAll("wrongRanks") Shape shape) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> a.apply(Tensor.zeros(shape), Key.of(1)));
    String name = a instanceof Composed ? "Composed" : a.getClass().getSimpleName();
    assertTrue(e.getMessage().startsWith(name) && e.getMessage().endsWith("got " + shape), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Augmentation.identity().apply(Tensor.zeros(shape), Key.of(1)));
  }
}
