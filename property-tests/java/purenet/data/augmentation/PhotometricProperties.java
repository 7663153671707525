package purenet.data.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Laws of the photometric augmentations: blur is linear and keeps constants, changed pixels change
 * a binomial number of pixels and copy the rest exactly, noise has the stated mean and standard
 * deviation, and zero strength is the exact identity.
 */
class PhotometricProperties {

  @Provide
  Arbitrary<Tensor> batches() {
    return ImageArbitraries.batches();
  }

  @Property(tries = 200)
  void zeroStrengthIsTheExactIdentity(@ForAll("batches") Tensor x, @ForAll long seed,
      @ForAll @DoubleRange(min = -2, max = 2) double lo) {
    Key key = Key.of(seed);
    assertSame(x, PixelNoise.of(0).apply(x, key), "σ = 0");
    assertEquals(x, PixelNoise.clipped(0, 0, 1).apply(x, key), "σ = 0 clipped to a range holding the pixels");
    assertSame(x, GaussianBlur.of(0).apply(x, key), "σ = 0 blur");
    assertSame(x, new ChangedPixels(0, lo, lo + 1).apply(x, key), "fraction 0");
  }

  /** Normalised taps sum to 1 up to rounding: a constant stays within 1e-12 relative of itself. */
  @Property(tries = 200)
  void blurKeepsAConstantImageConstant(@ForAll @DoubleRange(min = -100, max = 100) double c, @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 3) double lo, @ForAll @DoubleRange(min = 0, max = 3) double extra,
      @ForAll @IntRange(min = 1, max = 12) int h, @ForAll @IntRange(min = 1, max = 12) int w) {
    Tensor x = Tensor.full(c, 2, 2, h, w);
    Tensor out = new GaussianBlur(lo, lo + extra).apply(x, Key.of(seed));
    assertTrue(out.allClose(x, 1e-12, 0), "constant " + c + " became " + out);
  }

  /**
   * With the same key (the same σ per image) blur(a·x + b·y) = a·blur(x) + b·blur(y), up to 1e-12
   * relative to (|a| + |b|), the magnitude of the images (pixels in [0, 1)).
   */
  @Property(tries = 200)
  void blurIsLinear(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 10) int h,
      @ForAll @IntRange(min = 1, max = 10) int w, @ForAll long seed, @ForAll @DoubleRange(min = -5, max = 5) double a,
      @ForAll @DoubleRange(min = -5, max = 5) double b, @ForAll @DoubleRange(min = 0, max = 3) double sigma) {
    Tensor x = ImageArbitraries.batch(n, 1, h, w, seed);
    Tensor y = ImageArbitraries.batch(n, 1, h, w, seed + 1);
    GaussianBlur blur = new GaussianBlur(0, sigma + 0.1);
    Key key = Key.of(seed);
    Tensor left = blur.apply(x.mul(a).add(y.mul(b)), key);
    Tensor right = blur.apply(x, key).mul(a).add(blur.apply(y, key).mul(b));
    assertTrue(left.maxAbsDifference(right) <= 1e-12 * (Math.abs(a) + Math.abs(b) + 1), left + " vs " + right);
  }

  /**
   * Pixels in [0, 1) and new values in [lo, hi] ⊂ [2, 5]: a changed pixel is recognisable. Every
   * pixel is either copied exactly or in [lo, hi], and the number changed is within 6 standard
   * deviations of the binomial mean N·p (plus 1 for the discreteness).
   */
  @Property(tries = 200)
  void changedPixelsChangeABinomialFractionAndCopyTheRest(@ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 2, max = 12) int side, @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction, @ForAll @DoubleRange(min = 2, max = 3) double lo,
      @ForAll @DoubleRange(min = 0, max = 2) double width) {
    Tensor x = ImageArbitraries.batch(n, 2, side, side, seed);
    Tensor out = new ChangedPixels(fraction, lo, lo + width).apply(x, Key.of(seed ^ 0x5DEECE66DL));
    int changed = 0;
    for (int j = 0; j < x.size(); j++) {
      double v = out.at(j);
      if (v != x.at(j)) {
        assertTrue(v >= lo && v <= lo + width, "pixel " + j + " = " + v + " is neither the original nor in range");
        changed++;
      }
    }
    double mean = x.size() * fraction;
    double sd = Math.sqrt(x.size() * fraction * (1 - fraction));
    assertTrue(Math.abs(changed - mean) <= 6 * sd + 1, changed + " changed of " + x.size() + ", expected " + mean);
  }

  /**
   * The noise ε = (out − x)/σ of 2·1·16·16 = 512 values: its mean within 6/√N of 0 and its sample
   * variance within 6·√(2/N) of 1 (the standard errors of a normal sample's mean and variance).
   */
  @Property(tries = 200)
  void noiseHasMeanZeroAndTheStatedStandardDeviation(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 100) double sigma) {
    Tensor x = ImageArbitraries.batch(2, 1, 16, 16, seed);
    Tensor eps = PixelNoise.of(sigma).apply(x, Key.of(seed + 7)).sub(x).mul(1 / sigma);
    int size = eps.size();
    double mean = eps.mean();
    double variance = eps.sub(Tensor.scalar(mean)).square().sum() / (size - 1);
    assertTrue(Math.abs(mean) <= 6 / Math.sqrt(size), "mean " + mean);
    assertTrue(Math.abs(variance - 1) <= 6 * Math.sqrt(2.0 / size), "variance " + variance);
  }

  @Property(tries = 200)
  void clippedNoiseStaysInTheRange(@ForAll("batches") Tensor x, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 5) double sigma) {
    Tensor out = PixelNoise.clipped(sigma, 0.25, 0.75).apply(x, Key.of(seed));
    assertTrue(out.min() >= 0.25 && out.max() <= 0.75, out.toString());
  }
}
