package purenet.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Initializer samples follow their target distribution: a one-sample Kolmogorov-Smirnov test
 * (Commons Math) at p &gt; 0.001 on 100,000 samples from a fixed key, and the sample variance within
 * 2% of the formula for random fans, gains and modes.
 *
 * <p>Why a fixed key: with fresh keys a correct sampler would still fail a p &gt; 0.001 test one
 * run in a thousand; fixed keys make the verdict reproducible, and the properties then range over
 * the formulas (fans, gains, modes, shapes) on top of those samples. Each test draws from its own
 * key, so the tests are independent evidence. The 2% bound is about 4.5
 * standard errors of a normal sample variance at n = 100,000 (√(2/n) = 0.45%).
 */
class InitializerProperties {

  private static final int N = 100_000;
  private static final Key KEY = Key.of(20240601);
  private static final Shape SHAPE = Shape.of(N);
  private static final double P_MIN = 0.001;

  // ---------------------------------------------------------------- Kolmogorov-Smirnov

  @Example
  void uniformIsUniform() {
    ks(new Uniform(-0.3, 0.7).initialize(KEY.foldIn(1), SHAPE), new UniformRealDistribution(noRng(), -0.3, 0.7));
  }

  @Example
  void normalIsNormal() {
    ks(new Normal(0.5, 2.0).initialize(KEY.foldIn(2), SHAPE), new NormalDistribution(noRng(), 0.5, 2.0));
  }

  @Example
  void truncatedNormalIsTheConditionedNormal() {
    Tensor x = new TruncatedNormal(1.0, 1.5, 2.0).initialize(KEY.foldIn(3), SHAPE);
    assertTrue(x.min() >= 1.0 - 3.0 && x.max() <= 1.0 + 3.0, "outside mean ± 2σ: " + x.min() + ", " + x.max());
    ks(truncatedToUniform(x.add(-1.0).mul(1 / 1.5), 2.0), new UniformRealDistribution(noRng(), 0, 1));
  }

  @Example
  void glorotUniformIsUniformOnItsBound() {
    double a = Math.sqrt(6.0 / (300 + 200));
    ks(Glorot.uniform().initialize(KEY.foldIn(4), SHAPE, 300, 200), new UniformRealDistribution(noRng(), -a, a));
  }

  @Example
  void glorotNormalIsNormal() {
    double std = Gain.tanh() * Math.sqrt(2.0 / (300 + 200));
    ks(Glorot.normal(Gain.tanh()).initialize(KEY.foldIn(5), SHAPE, 300, 200), new NormalDistribution(noRng(), 0, std));
  }

  @Example
  void heUniformIsUniformOnItsBound() {
    double a = Math.sqrt(2) * Math.sqrt(3.0 / 150);
    ks(He.uniform().initialize(KEY.foldIn(6), SHAPE, 150, 40), new UniformRealDistribution(noRng(), -a, a));
  }

  @Example
  void heNormalFanOutIsNormal() {
    double gain = Gain.leakyRelu(0.2);
    double std = gain / Math.sqrt(40);
    ks(He.normal(FanMode.OUT, gain).initialize(KEY.foldIn(7), SHAPE, 150, 40), new NormalDistribution(noRng(), 0, std));
  }

  @Example
  void heTruncatedNormalIsTheConditionedNormal() {
    double std = Math.sqrt(2.0 / 150) / Sampling.TRUNCATED_STD_AT_2;
    Tensor x = new He(Distribution.TRUNCATED_NORMAL, FanMode.IN, Gain.relu()).initialize(KEY.foldIn(8), SHAPE, 150, 40);
    ks(truncatedToUniform(x.mul(1 / std), 2.0), new UniformRealDistribution(noRng(), 0, 1));
  }

  /** Independently of the CDF inversion: two-sample test against rejection-sampled normals. */
  @Example
  void truncatedNormalMatchesRejectionSampling() {
    double[] z = Key.of(99).normal(2 * N);
    double[] kept = java.util.Arrays.stream(z).filter(x -> Math.abs(x) <= 2).toArray();
    double[] x = TruncatedNormal.of(1.0).initialize(KEY.foldIn(100), SHAPE).toArray();
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(x, kept);
    assertTrue(p > P_MIN, "two-sample Kolmogorov-Smirnov p = " + p);
  }

  /** A sampler that is off (here: a normal where a uniform is expected) is rejected. */
  @Example
  void theTestRejectsTheWrongDistribution() {
    double a = Math.sqrt(3.0);
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
        new UniformRealDistribution(noRng(), -a, a), new Normal(0, 1).initialize(KEY.foldIn(9), SHAPE).toArray());
    assertTrue(p < 1e-10, "p = " + p);
  }

  // ---------------------------------------------------------------- variance

  @Provide
  Arbitrary<Double> gains() {
    return Arbitraries.doubles().between(0.1, 3).ofScale(4);
  }

  @Provide
  Arbitrary<Integer> fans() {
    return Arbitraries.integers().between(1, 4096);
  }

  @Property(tries = 200)
  void heVarianceIsGainSquaredOverFan(@ForAll Distribution distribution, @ForAll FanMode mode,
      @ForAll("gains") double gain, @ForAll("fans") int fanIn, @ForAll("fans") int fanOut,
      @ForAll @IntRange(min = 317, max = 330) int rows, @ForAll @IntRange(min = 317, max = 330) int cols) {
    He he = new He(distribution, mode, gain);
    double expected = gain * gain / mode.of(fanIn, fanOut);
    assertEquals(expected, he.variance(fanIn, fanOut), 1e-15 * expected);
    moments(he.initialize(KEY, Shape.of(rows, cols), fanIn, fanOut), 0.0, expected);
  }

  @Property(tries = 200)
  void glorotVarianceIsTwoGainSquaredOverFanSum(@ForAll Distribution distribution, @ForAll("gains") double gain,
      @ForAll("fans") int fanIn, @ForAll("fans") int fanOut,
      @ForAll @IntRange(min = 317, max = 330) int rows, @ForAll @IntRange(min = 317, max = 330) int cols) {
    Glorot glorot = new Glorot(distribution, gain);
    double expected = gain * gain * 2.0 / (fanIn + fanOut);
    assertEquals(expected, glorot.variance(fanIn, fanOut), 1e-15 * expected);
    moments(glorot.initialize(KEY, Shape.of(rows, cols), fanIn, fanOut), 0.0, expected);
  }

  @Property(tries = 200)
  void uniformNormalAndTruncatedVariances(@ForAll("gains") double scale, @ForAll("gains") double center,
      @ForAll @IntRange(min = 100_000, max = 110_000) int n) {
    Shape shape = Shape.of(n);
    moments(new Uniform(center - scale, center + scale).initialize(KEY, shape), center, scale * scale / 3);
    moments(new Normal(center, scale).initialize(KEY, shape), center, scale * scale);
    TruncatedNormal t = new TruncatedNormal(center, scale, 2.0);
    // Standard deviation of N(0, 1) truncated to [-2, 2]: Keras' constant 0.87962566103423978.
    assertEquals(0.87962566103423978 * 0.87962566103423978, t.variance() / (scale * scale), 1e-14);
    moments(t.initialize(KEY, shape), center, t.variance());
  }

  /** Same key, same tensor; another key, another tensor. */
  @Property(tries = 200)
  void sameKeySameSamples(@ForAll long seed, @ForAll Distribution distribution, @ForAll("gains") double gain) {
    Initializer init = new He(distribution, FanMode.AVERAGE, gain);
    Shape shape = Shape.of(7, 5);
    assertEquals(init.initialize(Key.of(seed), shape), init.initialize(Key.of(seed), shape));
    assertTrue(!init.initialize(Key.of(seed), shape).equals(init.initialize(Key.of(seed).foldIn(1), shape)));
  }

  // ---------------------------------------------------------------- helpers

  /** Mean within 5 standard errors of {@code mean}; variance within 2% of {@code variance}. */
  private static void moments(Tensor x, double mean, double variance) {
    double[] d = x.toArray();
    double m = x.mean();
    double ss = 0;
    for (double di : d) {
      ss += (di - m) * (di - m);
    }
    double v = ss / (d.length - 1);
    double se = Math.sqrt(variance / x.size());
    assertTrue(Math.abs(m - mean) <= 5 * se, "mean " + m + ", expected " + mean + " ± " + 5 * se);
    assertTrue(Math.abs(v / variance - 1) <= 0.02, "variance " + v + ", expected " + variance + " within 2%");
  }

  private static void ks(Tensor samples, RealDistribution target) {
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(target, samples.toArray());
    assertTrue(p > P_MIN, "Kolmogorov-Smirnov p = " + p + " against " + target.getClass().getSimpleName());
  }

  /** The probability integral transform of N(0, 1) truncated to [-b, b]: uniform on [0, 1) if right. */
  private static Tensor truncatedToUniform(Tensor z, double b) {
    NormalDistribution phi = new NormalDistribution(noRng(), 0, 1);
    double lo = phi.cumulativeProbability(-b);
    double mass = phi.cumulativeProbability(b) - lo;
    return z.map(x -> (phi.cumulativeProbability(x) - lo) / mass);
  }

  /** The distributions here only evaluate CDFs; they never draw, so they get no generator. */
  private static RandomGenerator noRng() {
    return null;
  }
}
