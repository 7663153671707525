package purenet.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Softmax;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Laws of the losses. Inputs are built from jqwik's sizes and a seed through {@link Key}, so every
 * generated case is valid (no filtering).
 */
class LossLaws {

  // ---------------------------------------------------------------- generators from a seed

  private static Tensor normal(Key key, double scale, int... shape) {
    double[] v = key.normal(Tensor.zeros(shape).size());
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return Tensor.of(v, shape);
  }

  private static Tensor classIndices(Key key, int b, int c) {
    double[] u = key.uniform(b);
    double[] idx = new double[b];
    for (int i = 0; i < b; i++) {
      idx[i] = Math.min(c - 1, Math.floor(u[i] * c));
    }
    return Tensor.of(idx, b);
  }

  private static Tensor probabilityRows(Key key, int b, int c) {
    return Softmax.of(normal(key, 2, b, c));
  }

  private static Tensor unitInterval(Key key, int... shape) {
    return Tensor.of(key.uniform(Tensor.zeros(shape).size()), shape);
  }

  // ---------------------------------------------------------------- finite differences

  /**
   * Central differences (f(x + h) − f(x − h))/2h with h = 1e-5·max(1, |xᵢ|), compared with the
   * analytic gradient. Tolerance: |fd − g| ≤ 1e-6·|g| + 1e-7·max(1, |f(x)|) — the truncation error is
   * O(h²) and the rounding error about ε·|f|/h ≈ 2e-11·|f|, both far below it.
   */
  private static void assertGradientMatches(Function<Tensor, ValueAndGrad<Tensor>> f, Tensor x) {
    ValueAndGrad<Tensor> at = f.apply(x);
    double[] base = x.toArray();
    double atol = 1e-7 * Math.max(1, Math.abs(at.value()));
    for (int i = 0; i < base.length; i++) {
      double h = 1e-5 * Math.max(1, Math.abs(base[i]));
      double[] plus = base.clone();
      double[] minus = base.clone();
      plus[i] += h;
      minus[i] -= h;
      double fd = (f.apply(Tensor.of(plus, x.shape())).value() - f.apply(Tensor.of(minus, x.shape())).value())
          / (plus[i] - minus[i]);
      double g = at.grad().at(i);
      assertTrue(Math.abs(fd - g) <= 1e-6 * Math.abs(g) + atol,
          "element " + i + ": analytic " + g + ", finite difference " + fd);
    }
  }

  // ---------------------------------------------------------------- gradients

  @Property(tries = 200)
  void squaredErrorGradientMatchesFiniteDifferences(
      @ForAll @IntRange(min = 1, max = 5) int b, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll long seed, @ForAll Reduction reduction, @ForAll @DoubleRange(min = 0.1, max = 3) double c) {
    Key[] keys = Key.of(seed).split(2);
    Tensor target = normal(keys[1], 3, b, k);
    SquaredError loss = new SquaredError(c, reduction);
    assertGradientMatches(p -> loss.apply(p, target), normal(keys[0], 3, b, k));
  }

  @Property(tries = 200)
  void softmaxCrossEntropyGradientMatchesFiniteDifferencesForIndices(
      @ForAll @IntRange(min = 1, max = 5) int b, @ForAll @IntRange(min = 1, max = 6) int c,
      @ForAll long seed, @ForAll Reduction reduction) {
    Key[] keys = Key.of(seed).split(2);
    Tensor y = classIndices(keys[1], b, c);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(reduction);
    assertGradientMatches(z -> loss.apply(z, y), normal(keys[0], 3, b, c));
  }

  @Property(tries = 200)
  void softmaxCrossEntropyGradientMatchesFiniteDifferencesForProbabilityRows(
      @ForAll @IntRange(min = 1, max = 5) int b, @ForAll @IntRange(min = 1, max = 6) int c,
      @ForAll long seed, @ForAll Reduction reduction) {
    Key[] keys = Key.of(seed).split(2);
    Tensor y = probabilityRows(keys[1], b, c);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(reduction);
    assertGradientMatches(z -> loss.apply(z, y), normal(keys[0], 3, b, c));
  }

  /**
   * Logits (B, T, C) are B·T examples: value and gradient equal those of the (B·T, C) reshape,
   * bit for bit (the same arithmetic in the same order), for index and probability targets.
   */
  @Property(tries = 200)
  void softmaxCrossEntropyCountsEveryLeadingPositionAsAnExample(
      @ForAll @IntRange(min = 1, max = 4) int b, @ForAll @IntRange(min = 1, max = 4) int t,
      @ForAll @IntRange(min = 1, max = 6) int c, @ForAll long seed, @ForAll Reduction reduction) {
    Key[] keys = Key.of(seed).split(3);
    Tensor z = normal(keys[0], 3, b, t, c);
    Tensor indices = classIndices(keys[1], b * t, c);
    Tensor rows = probabilityRows(keys[2], b * t, c);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(reduction);
    ValueAndGrad<Tensor> flat = loss.apply(z.reshape(b * t, c), indices);
    ValueAndGrad<Tensor> positions = loss.apply(z, indices.reshape(b, t));
    assertEquals(flat.value(), positions.value(), 0.0);
    assertEquals(flat.grad().reshape(b, t, c), positions.grad());
    ValueAndGrad<Tensor> soft = loss.apply(z, rows.reshape(b, t, c));
    assertEquals(loss.apply(z.reshape(b * t, c), rows).value(), soft.value(), 0.0);
    assertGradientMatches(x -> loss.apply(x, indices.reshape(b, t)), z);
  }

  @Property(tries = 200)
  void binaryCrossEntropyGradientMatchesFiniteDifferences(
      @ForAll @IntRange(min = 1, max = 5) int b, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll long seed, @ForAll Reduction reduction) {
    Key[] keys = Key.of(seed).split(2);
    Tensor y = unitInterval(keys[1], b, k);
    BinaryCrossEntropy loss = new BinaryCrossEntropy(reduction);
    assertGradientMatches(z -> loss.apply(z, y), normal(keys[0], 4, b, k));
  }

  // ---------------------------------------------------------------- softmax cross-entropy

  @Property(tries = 200)
  void softmaxCrossEntropyIsMinusLogSoftmaxAtTheTarget(
      @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @IntRange(min = 1, max = 8) int c, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(2);
    // Logits up to ~±15, where the unfused −log softmax is still accurate.
    Tensor z = normal(keys[0], 5, b, c);
    Tensor y = classIndices(keys[1], b, c);
    Tensor p = Softmax.of(z);
    double expected = 0;
    for (int r = 0; r < b; r++) {
      expected -= Math.log(p.get(r, (int) y.at(r)));
    }
    // Relative 1e-12: both are a handful of correctly rounded operations.
    assertEquals(expected / b, SoftmaxCrossEntropy.mean().apply(z, y).value(), 1e-12 * Math.max(1, expected / b));
  }

  @Property(tries = 200)
  void softmaxCrossEntropyIsFiniteForHugeLogitsAndItsGradientRowsSumToZero(
      @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @IntRange(min = 1, max = 8) int c,
      @ForAll long seed, @ForAll @DoubleRange(min = 1, max = 1e4) double scale, @ForAll boolean indices) {
    Key[] keys = Key.of(seed).split(3);
    // Logits of magnitude up to ±1e4 (and a few beyond, from the normal tail).
    Tensor z = normal(keys[0], scale, b, c);
    Tensor y = indices ? classIndices(keys[1], b, c) : probabilityRows(keys[1], b, c);
    ValueAndGrad<Tensor> l = SoftmaxCrossEntropy.mean().apply(z, y);
    assertTrue(Double.isFinite(l.value()) && l.value() >= 0, "loss " + l.value());
    assertTrue(l.grad().isFinite(), l.grad().toString());
    Tensor rowSums = l.grad().sum(1);
    for (int r = 0; r < b; r++) {
      // Each row is (softmax − y)/B with both summing to 1: zero up to rounding of c terms ≤ 1.
      assertEquals(0, rowSums.at(r), 1e-14 * c, "row " + r);
    }
  }

  @Property(tries = 200)
  void softmaxCrossEntropyOfIndicesEqualsThatOfOneHotRows(
      @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @IntRange(min = 1, max = 8) int c, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(2);
    Tensor z = normal(keys[0], 3, b, c);
    Tensor y = classIndices(keys[1], b, c);
    Tensor oneHot = Tensor.generate(z.shape(), i -> y.at(i / c) == i % c ? 1 : 0);
    assertEquals(SoftmaxCrossEntropy.mean().apply(z, y), SoftmaxCrossEntropy.mean().apply(z, oneHot));
  }

  @Property(tries = 200)
  void meanReductionsAreTheSumDividedByTheirTermCount(
      @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @IntRange(min = 1, max = 8) int c, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(2);
    Tensor z = normal(keys[0], 3, b, c);
    Tensor y = classIndices(keys[1], b, c);
    Tensor soft = unitInterval(keys[1], b, c);
    // Softmax CE averages over the B examples; BCE and squared error over the B·C elements.
    assertEquals(SoftmaxCrossEntropy.sum().apply(z, y).value() / b,
        SoftmaxCrossEntropy.mean().apply(z, y).value(), 1e-14 * SoftmaxCrossEntropy.sum().apply(z, y).value());
    assertEquals(BinaryCrossEntropy.sum().apply(z, soft).value() / (b * c),
        BinaryCrossEntropy.mean().apply(z, soft).value(), 1e-14 * BinaryCrossEntropy.sum().apply(z, soft).value());
    assertEquals(SquaredError.sum().apply(z, soft).value() / (b * c),
        SquaredError.mean().apply(z, soft).value(), 1e-14 * SquaredError.sum().apply(z, soft).value());
  }

  // ---------------------------------------------------------------- binary cross-entropy

  @Property(tries = 200)
  void binaryCrossEntropyMatchesTheNaiveFormulaWhereThatIsFinite(
      @ForAll @IntRange(min = 1, max = 5) int b, @ForAll @IntRange(min = 1, max = 4) int k, @ForAll long seed) {
    Key[] keys = Key.of(seed).split(2);
    // |z| ≲ 20: σ(z) and 1 − σ(z) stay well away from 0, so the naive logs are finite and accurate.
    Tensor z = normal(keys[0], 5, b, k).clamp(-20, 20);
    Tensor y = unitInterval(keys[1], b, k);
    double naive = 0;
    for (int i = 0; i < z.size(); i++) {
      double s = 1 / (1 + Math.exp(-z.at(i)));
      naive -= y.at(i) * Math.log(s) + (1 - y.at(i)) * Math.log(1 - s);
    }
    // Relative 1e-6: log(1 − s) loses up to ~|z|·ε/(1 − s) ≈ e^20·1e-16 ≈ 5e-8 of relative accuracy.
    double fused = BinaryCrossEntropy.sum().apply(z, y).value();
    assertEquals(naive, fused, 1e-6 * Math.max(1, Math.abs(naive)));
  }

  @Property(tries = 200)
  void binaryCrossEntropyIsFiniteAndNonNegativeForHugeLogits(
      @ForAll @IntRange(min = 1, max = 5) int b, @ForAll long seed, @ForAll @DoubleRange(min = 1, max = 1e4) double scale) {
    Key[] keys = Key.of(seed).split(2);
    Tensor z = normal(keys[0], scale, b, 3);
    Tensor y = unitInterval(keys[1], b, 3);
    ValueAndGrad<Tensor> l = BinaryCrossEntropy.mean().apply(z, y);
    assertTrue(Double.isFinite(l.value()) && l.value() >= 0, "loss " + l.value());
    assertTrue(l.grad().isFinite(), l.grad().toString());
  }
}
