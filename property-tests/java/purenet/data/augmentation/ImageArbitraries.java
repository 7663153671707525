package purenet.data.augmentation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.random.Key;
import purenet.tensor.Tensor;

/** Generators of image batches and of augmentations with valid, non-trivial hyperparameters. */
final class ImageArbitraries {
  private ImageArbitraries() {}

  /** A batch (n, c, h, w) of values uniform in [0, 1) drawn from a seed (never −0.0). */
  static Tensor batch(int n, int c, int h, int w, long seed) {
    return Tensor.of(Key.of(seed).uniform(n * c * h * w), n, c, h, w);
  }

  /** Batches of 1..4 images with 1..3 channels of 1..10 × 1..10 pixels. */
  static Arbitrary<Tensor> batches() {
    return batches(1, 4, 1, 10);
  }

  /** Batches of minN..maxN images with 1..3 channels of minSide..10 × minSide..10 pixels. */
  static Arbitrary<Tensor> batches(int minN, int maxN, int minSide, int maxSide) {
    return Combinators.combine(Arbitraries.integers().between(minN, maxN), Arbitraries.integers().between(1, 3),
        Arbitraries.integers().between(minSide, maxSide), Arbitraries.integers().between(minSide, maxSide),
        Arbitraries.longs()).as(ImageArbitraries::batch);
  }

  /** Every augmentation of the package with random, valid hyperparameters that do change images. */
  static Arbitrary<Augmentation> augmentations() {
    Arbitrary<Double> fill = Arbitraries.doubles().between(-1, 1);
    Arbitrary<Augmentation> affine = Combinators.combine(Arbitraries.doubles().between(5, 180),
        Arbitraries.doubles().between(0, 0.5), Arbitraries.doubles().between(0.5, 1), Arbitraries.doubles()
            .between(1, 2), fill).as((d, t, lo, hi, f) -> new RandomAffine(d, t, lo, hi, f));
    Arbitrary<Augmentation> flip = Arbitraries.of(new RandomFlip(true, false), new RandomFlip(false, true),
        new RandomFlip(true, true));
    Arbitrary<Augmentation> crop = Combinators.combine(Arbitraries.integers().between(1, 4), fill)
        .as(RandomCrop::new);
    Arbitrary<Augmentation> noise = Arbitraries.doubles().between(0.01, 3).map(PixelNoise::of);
    Arbitrary<Augmentation> clipped = Arbitraries.doubles().between(0.01, 3).map(s -> PixelNoise.clipped(s, 0, 1));
    Arbitrary<Augmentation> blur = Combinators.combine(Arbitraries.doubles().between(0.3, 0.9),
        Arbitraries.doubles().between(1.1, 3)).as(GaussianBlur::new);
    Arbitrary<Augmentation> changed = Combinators.combine(Arbitraries.doubles().between(0.2, 1),
        Arbitraries.doubles().between(-2, 0), Arbitraries.doubles().between(1, 3)).as(ChangedPixels::new);
    Arbitrary<Augmentation> elastic = Combinators.combine(Arbitraries.doubles().between(0.5, 10),
        Arbitraries.doubles().between(0, 4), fill).as(ElasticDeformation::new);
    Arbitrary<Augmentation> single = Arbitraries.oneOf(affine, flip, crop, noise, clipped, blur, changed, elastic);
    Arbitrary<Augmentation> composed = Combinators.combine(single, single).as(Augmentation::andThen);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, single), net.jqwik.api.Tuple.of(1, composed));
  }
}
