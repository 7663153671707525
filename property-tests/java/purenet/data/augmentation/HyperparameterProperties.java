package purenet.data.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.function.Executable;

/** Invalid hyperparameters fail in the compact constructors with a message naming the bad value. */
class HyperparameterProperties {

  /** Values below 0: −10⁶ … −10⁻⁶, −∞ and NaN. */
  @Provide
  Arbitrary<Double> negative() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, -1e-6).ofScale(8),
        Arbitraries.of(Double.NEGATIVE_INFINITY, Double.NaN));
  }

  /** Values above 1: 1 + 10⁻⁶ … 10⁶, +∞ and NaN. */
  @Provide
  Arbitrary<Double> aboveOne() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(1 + 1e-6, 1e6).ofScale(8),
        Arbitraries.of(Double.POSITIVE_INFINITY, Double.NaN));
  }

  private static void fails(Executable construct, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' does not name " + f);
    }
  }

  @Property(tries = 200)
  void badAffineSettingsFail(@ForAll("negative") double bad, @ForAll("aboveOne") double big) {
    fails(() -> new RandomAffine(bad, 0, 1, 1, 0), "degrees", String.valueOf(bad));
    fails(() -> new RandomAffine(180 * big, 0, 1, 1, 0), "degrees", String.valueOf(180 * big));
    fails(() -> new RandomAffine(0, bad, 1, 1, 0), "translate", String.valueOf(bad));
    fails(() -> new RandomAffine(0, big, 1, 1, 0), "translate", String.valueOf(big));
    fails(() -> new RandomAffine(0, 0, bad, 1, 0), "scale", String.valueOf(bad));
    fails(() -> new RandomAffine(0, 0, 2 * big, big, 0), "scale", String.valueOf(2 * big));
    fails(() -> new RandomAffine(0, 0, 1, 1, bad * Double.POSITIVE_INFINITY), "fill");
  }

  @Property(tries = 200)
  void badCropFlipAndElasticSettingsFail(@ForAll("negative") double bad) {
    int padding = (int) Math.max(-1e6, Math.min(-1, Double.isNaN(bad) ? -1 : bad));
    fails(() -> new RandomCrop(padding, 0), "padding", String.valueOf(padding));
    fails(() -> new RandomCrop(1, Double.NaN), "fill", "NaN");
    fails(() -> new RandomFlip(false, false), "RandomFlip", "neither");
    fails(() -> new ElasticDeformation(bad, 4, 0), "alpha", String.valueOf(bad));
    fails(() -> new ElasticDeformation(34, bad, 0), "sigma", String.valueOf(bad));
    fails(() -> new ElasticDeformation(Double.POSITIVE_INFINITY, 4, 0), "alpha", "Infinity");
  }

  @Property(tries = 200)
  void badNoiseBlurAndChangedPixelSettingsFail(@ForAll("negative") double bad, @ForAll("aboveOne") double big) {
    fails(() -> PixelNoise.of(bad), "stddev", String.valueOf(bad));
    fails(() -> PixelNoise.clipped(0.1, big, 0), "min <= max", String.valueOf(big));
    fails(() -> new GaussianBlur(bad, 1), "sigma", String.valueOf(bad));
    fails(() -> new GaussianBlur(2 * big, big), "sigma", String.valueOf(2 * big));
    fails(() -> new ChangedPixels(bad, 0, 1), "fraction", String.valueOf(bad));
    fails(() -> new ChangedPixels(big, 0, 1), "fraction", String.valueOf(big));
    fails(() -> new ChangedPixels(0.1, big, 0), "lo <= hi", String.valueOf(big));
  }

  @Property(tries = 200)
  void validSettingsAreAccepted(@ForAll("aboveOne") double big) {
    double scale = Double.isFinite(big) ? big : 2;
    assertEquals(scale, new RandomAffine(180, 1, 1 / scale, scale, -1).maxScale());
    assertEquals(0, new RandomCrop(0, 0).padding());
    assertEquals(scale, new GaussianBlur(0, scale).maxSigma());
  }
}
