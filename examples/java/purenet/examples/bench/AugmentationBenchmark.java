package purenet.examples.bench;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.Locale;
import purenet.data.augmentation.Augmentation;
import purenet.data.augmentation.ChangedPixels;
import purenet.data.augmentation.ElasticDeformation;
import purenet.data.augmentation.GaussianBlur;
import purenet.data.augmentation.PixelNoise;
import purenet.data.augmentation.RandomAffine;
import purenet.data.augmentation.RandomCrop;
import purenet.data.augmentation.RandomFlip;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Throughput of every augmentation of {@code purenet.data.augmentation} at the strengths of the
 * {@code DataAugmentation} example, on batches of MNIST-sized images (B, 1, 28, 28): the median
 * wall-clock time of one batch over {@code iterations} timed repetitions after as many warm-up
 * ones, as milliseconds per batch and images per second. Augmentations run on the calling thread.
 * For scale: the {@code DataAugmentation} network trains at a few thousand images per second, so an
 * augmentation well above that adds little to an epoch.
 *
 * <p>Measured here (batch 32, one core of the 2-core machine, medians of 50):
 * <pre>
 * RandomAffine ±15°, ±0.1, ×[0.9, 1.1]     0.554 ms/batch       57759 images/s
 * RandomFlip horizontal                    0.144 ms/batch      222711 images/s
 * RandomCrop pad 2                         0.141 ms/batch      227371 images/s
 * ElasticDeformation α 34, σ 4             2.917 ms/batch       10971 images/s
 * PixelNoise σ 0.5                         0.550 ms/batch       58146 images/s
 * GaussianBlur σ ≤ 1                       0.364 ms/batch       87999 images/s
 * ChangedPixels 0.2                        0.235 ms/batch      136391 images/s
 * </pre>
 * The elastic deformation is the slowest: it smooths two displacement fields per image with a
 * Gaussian of radius 12 (25 taps per pass).
 *
 * <pre>
 *   mvn -q -o test-compile exec:exec -Dexample=bench.AugmentationBenchmark [-Dexample.args="32 50"]
 * </pre>
 */
public final class AugmentationBenchmark {
  private AugmentationBenchmark() {}

  /**
   * One timed augmentation.
   *
   * @param name   what was timed
   * @param millis median wall-clock milliseconds of one batch
   * @param batch  images per batch
   */
  public record Timing(String name, double millis, int batch) {

    /** Images per second. */
    public double imagesPerSecond() {
      return batch / (millis / 1e3);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-37s %8.3f ms/batch  %10.0f images/s", name, millis, imagesPerSecond());
    }
  }

  private record Named(String name, Augmentation augmentation) {}

  private static final Vector<Named> AUGMENTATIONS = Vector.of(
      new Named("RandomAffine ±15°, ±0.1, ×[0.9, 1.1]", RandomAffine.of(15, 0.1, 0.1)),
      new Named("RandomFlip horizontal", RandomFlip.horizontally()),
      new Named("RandomCrop pad 2", RandomCrop.of(2)),
      new Named("ElasticDeformation α 34, σ 4", ElasticDeformation.of(34, 4)),
      new Named("PixelNoise σ 0.5", PixelNoise.of(0.5)),
      new Named("GaussianBlur σ ≤ 1", new GaussianBlur(0, 1)),
      new Named("ChangedPixels 0.2", ChangedPixels.of(0.2)));

  /** Runs the benchmark: batch size and number of timed repetitions (default 32 and 50). */
  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    System.out.println("augmentations of a batch of " + batch + " images (1, 28, 28), median of " + iterations
        + " after " + iterations + " warm-up runs");
    run(batch, iterations).forEach(System.out::println);
  }

  /** Times every augmentation on the same batch; repetition i uses key i. */
  public static Vector<Timing> run(int batch, int iterations) {
    if (batch < 1 || iterations < 1) {
      throw new IllegalArgumentException("batch and iterations must be >= 1, got " + batch + " and " + iterations);
    }
    Tensor images = Tensor.of(Key.of(2024).uniform(batch * 28 * 28), batch, 1, 28, 28);
    return AUGMENTATIONS.map(a -> time(a, images, iterations));
  }

  private static Timing time(Named a, Tensor images, int iterations) {
    double checksum = 0;
    for (int i = 0; i < iterations; i++) {
      checksum += a.augmentation().apply(images, Key.of(i)).at(0);
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      checksum += a.augmentation().apply(images, Key.of(iterations + i)).at(0);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    if (!Double.isFinite(checksum)) {
      throw new IllegalStateException("non-finite output of " + a.name());
    }
    Arrays.sort(millis);
    return new Timing(a.name(), millis[iterations / 2], images.dim(0));
  }
}
