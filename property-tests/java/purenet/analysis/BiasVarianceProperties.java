package purenet.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.testkit.TensorArbitraries;
import purenet.data.Dataset;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * The bias-variance decomposition against its definition: the identity
 * mean_l mean_x (y_l − h)² = bias² + variance for arbitrary prediction sets, the formulas against a
 * plain loop, the exact, the constant and the noisy learner, and determinism under a key.
 */
class BiasVarianceProperties {

  /** L predictions (L, m, k) and true values (m, k), every value in [-10, 10]. */
  record Case(Tensor predictions, Tensor truth) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> models = Arbitraries.integers().between(2, 12);
    Arbitrary<Integer> points = Arbitraries.integers().between(1, 20);
    Arbitrary<Integer> outputs = Arbitraries.integers().between(1, 3);
    return Combinators.combine(models, points, outputs).flatAs((l, m, k) -> Combinators.combine(
        TensorArbitraries.tensors(Shape.of(l, m, k), -10, 10), TensorArbitraries.tensors(Shape.of(m, k), -10, 10))
        .as(Case::new));
  }

  /** The magnitude every term is computed at: rounding errors scale with mean y² + mean h². */
  private static double magnitude(Case c) {
    return c.predictions().square().mean() + c.truth().square().mean() + Double.MIN_NORMAL;
  }

  @Property(tries = 200)
  void meanDeviationIsBiasSquaredPlusVariance(@ForAll("cases") Case c) {
    Decomposition d = Decomposition.of(c.predictions(), c.truth(), 0.0);
    // Exact in real arithmetic; 1e-12 relative to the magnitude of the squares allows rounding only.
    assertEquals(d.meanDeviation(), d.bias2() + d.variance(), 1e-12 * magnitude(c), d.toString());
  }

  @Property(tries = 200)
  void termsMatchTheirDefinitions(@ForAll("cases") Case c, @ForAll @DoubleRange(min = 0, max = 4) double sigma2) {
    Decomposition d = Decomposition.of(c.predictions(), c.truth(), sigma2);
    int models = c.predictions().dim(0);
    int m = c.truth().dim(0);
    int k = c.truth().dim(1);
    double bias2 = 0;
    double variance = 0;
    double[] deviations = new double[models];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        double mean = 0;
        for (int l = 0; l < models; l++) {
          mean += c.predictions().get(l, i, j) / models;
        }
        double h = c.truth().get(i, j);
        bias2 += (mean - h) * (mean - h) / (m * k);
        for (int l = 0; l < models; l++) {
          double y = c.predictions().get(l, i, j);
          variance += (y - mean) * (y - mean) / (models * m * k);
          deviations[l] += (y - h) * (y - h) / (m * k);
        }
      }
    }
    // Two summation orders of the same sums: 1e-12 relative to the magnitude of the squares.
    double tol = 1e-12 * magnitude(c);
    assertEquals(bias2, d.bias2(), tol);
    assertEquals(variance, d.variance(), tol);
    assertTrue(Tensor.vector(deviations).allClose(d.deviations(), 0, tol), d.deviations() + " vs loop");
    assertEquals(sigma2, d.noise());
    assertEquals(d.bias2() + d.variance() + sigma2, d.expectedError());
    assertEquals(models, d.models());
  }

  /** A smooth true function of k outputs: h_j(x) = a·sin(Σ_i x_i + j). */
  private static Tensor truth(Tensor x, int k, double a) {
    Tensor s = x.sum(1);
    return Tensor.generate(Shape.of(x.dim(0), k), i -> a * Math.sin(s.at(i / k) + i % k));
  }

  /** Data sets of n points x ~ U(0,1)^d with noisy targets of the true function. */
  private static Function<Key, Dataset> noisyData(int n, int d, int k, double a) {
    return key -> {
      Key[] two = key.split(2);
      Tensor x = Tensor.of(two[0].uniform(n * d), n, d);
      return new Dataset(x, truth(x, k, a).add(Tensor.of(two[1].normal(n * k), n, k).mul(0.3)));
    };
  }

  private static Tensor inputs(Key key, int m, int d) {
    return Tensor.of(key.uniform(m * d), m, d);
  }

  @Property(tries = 200)
  void aLearnerThatReturnsTheTruthHasNoBiasAndNoVariance(@ForAll @IntRange(min = 2, max = 10) int models,
      @ForAll @IntRange(min = 1, max = 30) int m, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @DoubleRange(min = 0.1, max = 10) double a,
      @ForAll @DoubleRange(min = 0, max = 2) double sigma2, @ForAll("keys") Key key) {
    Tensor x = inputs(key.foldIn(1), m, d);
    Tensor h = truth(x, k, a);
    Learner exact = (train, k2) -> z -> truth(z, k, a);
    Decomposition r = new BiasVariance(models).estimate(noisyData(5, d, k, a), exact, x, h, sigma2, key);
    // ȳ = (Σ_l h)/L differs from h by rounding only, so its square is ~1e-32 h²; 1e-20 h² bounds it.
    double zero = 1e-20 * (h.square().mean() + Double.MIN_NORMAL);
    assertTrue(r.bias2() <= zero && r.variance() <= zero, r.toString());
    assertEquals(sigma2, r.expectedError(), zero);
  }

  @Property(tries = 200)
  void aConstantLearnerHasNoVarianceAndTheBiasOfTheConstant(@ForAll @IntRange(min = 2, max = 10) int models,
      @ForAll @IntRange(min = 1, max = 30) int m, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @DoubleRange(min = -5, max = 5) double c,
      @ForAll @DoubleRange(min = 0.1, max = 3) double a, @ForAll("keys") Key key) {
    Tensor x = inputs(key.foldIn(1), m, d);
    Tensor h = truth(x, k, a);
    Learner constant = (train, k2) -> z -> Tensor.full(c, z.dim(0), k);
    Decomposition r = new BiasVariance(models).estimate(noisyData(5, d, k, a), constant, x, h, 0.09, key);
    double scale = c * c + h.square().mean() + Double.MIN_NORMAL;
    // Variance: rounding of ȳ only (~1e-32 c²); bias²: 1e-12 relative to the magnitude of the squares.
    assertTrue(r.variance() <= 1e-20 * scale, r.toString());
    assertEquals(h.map(v -> (c - v) * (c - v)).mean(), r.bias2(), 1e-12 * scale);
  }

  @Property(tries = 200)
  void independentNoiseOfVarianceS2GivesVarianceS2TimesLMinus1OverL(
      @ForAll @IntRange(min = 2, max = 20) int models, @ForAll @IntRange(min = 50, max = 200) int m,
      @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @DoubleRange(min = 0.01, max = 10) double s,
      @ForAll("keys") Key key) {
    Tensor x = inputs(key.foldIn(1), m, 2);
    Tensor h = truth(x, k, 1);
    Learner noisy = (train, noiseKey) -> z -> truth(z, k, 1).add(Tensor.of(noiseKey.normal(z.dim(0) * k), z.dim(0), k).mul(s));
    Decomposition r = new BiasVariance(models).estimate(noisyData(5, 2, k, 1), noisy, x, h, 0, key);
    // variance = s²/(L·M)·χ²_{M(L−1)} over the M = m·k entries: mean s²(L−1)/L, standard deviation
    // s²·√(2M(L−1))/(L·M). Six standard deviations (M(L−1) ≥ 50 degrees of freedom) fail about once
    // in a million tries.
    double n = (double) m * k;
    double expected = s * s * (models - 1) / models;
    double sd = s * s * Math.sqrt(2 * n * (models - 1)) / (models * n);
    assertEquals(expected, r.variance(), 6 * sd, r.toString());
    // bias² = mean of (noise averaged over L)², expectation s²/L, standard deviation s²√2/(L√M).
    assertEquals(s * s / models, r.bias2(), 6 * s * s * Math.sqrt(2 / n) / models, r.toString());
  }

  @Property(tries = 200)
  void theSameKeyGivesTheSameDecomposition(@ForAll @IntRange(min = 2, max = 8) int models,
      @ForAll @IntRange(min = 1, max = 10) int m, @ForAll("keys") Key key) {
    Tensor x = inputs(key.foldIn(1), m, 1);
    Tensor h = truth(x, 1, 1);
    // Depends on the data (its mean target) and on the training key (a random offset).
    Learner learner = (train, k2) -> {
      double offset = train.labels().mean() + 0.1 * k2.normal(1)[0];
      return z -> truth(z, 1, 1).add(offset);
    };
    BiasVariance bv = new BiasVariance(models);
    Decomposition first = bv.estimate(noisyData(4, 1, 1, 1), learner, x, h, 0.09, key);
    Decomposition second = bv.estimate(noisyData(4, 1, 1, 1), learner, x, h, 0.09, key);
    assertEquals(first, second);
    assertTrue(first.variance() > 0, "the learner's predictions vary with the data and key: " + first);
  }

  @Provide
  Arbitrary<Key> keys() {
    return TensorArbitraries.keys();
  }
}
