package purenet.layer.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.shapes;
import static purenet.testkit.TensorArbitraries.tensors;
import static purenet.testkit.TensorArbitraries.values;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.layer.Forward;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.layer.Mode;
import purenet.layer.Selu;
import purenet.random.Key;
import purenet.regularize.RegularizeArbitraries;
import purenet.tensor.Tensor;

/**
 * Alpha dropout keeps the zero mean and unit variance of SELU activations; its dropped entries go
 * to a'α'+b, kept ones to a·x+b, and the backward reuses the mask.
 */
class AlphaDropoutProperties {

  @Provide
  Arbitrary<Double> keeps() {
    return Arbitraries.doubles().between(0.5, 0.99).ofScale(3);
  }

  @Provide
  Arbitrary<Tensor> inputs() {
    return RegularizeArbitraries.shapes(3).flatMap(s -> RegularizeArbitraries.tensors(s, -3, 3));
  }

  /**
   * x = SELU(z) with z ~ N(0, 1) has mean 0 and variance 1 (SELU's fixed point); alpha dropout's
   * output keeps both. Bounds: 6 standard errors, estimated from the sample's own second and fourth
   * moments (n = 20,000), plus the SELU constants' rounding.
   */
  @Property(tries = 200)
  void preservesMeanZeroAndVarianceOneOfSeluNormalInputs(@ForAll("keeps") double p, @ForAll long seed) {
    int n = 20_000;
    Selu selu = new Selu();
    Tensor x = Tensor.of(Key.of(seed).normal(n), n).map(selu::value);
    double[] y = AlphaDropout.keep(p).forward(x, Mode.train(Key.of(seed).foldIn(1))).output().toArray();
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double m2 = 0;
    double m4 = 0;
    for (double v : y) {
      double d = (v - mean) * (v - mean);
      m2 += d;
      m4 += d * d;
    }
    m2 /= n;
    m4 /= n;
    assertEquals(0.0, mean, 6 * Math.sqrt(m2 / n) + 1e-6, "mean");
    assertEquals(1.0, m2, 6 * Math.sqrt((m4 - m2 * m2) / n) + 1e-6, "variance");
  }

  @Property(tries = 200)
  void affineCorrectionGivesExactMomentsForStandardizedInputs(@ForAll("keeps") double p) {
    // For an input of mean 0 and variance 1, E[y] and Var[y] in closed form.
    AlphaDropout d = AlphaDropout.keep(p);
    double a = d.scale();
    double b = d.shift();
    double s = AlphaDropout.SATURATION;
    double mean = a * (1 - p) * s + b;
    double second = a * a * (p * 1 + (1 - p) * s * s) + 2 * a * b * (1 - p) * s + b * b;
    assertEquals(0.0, mean, 1e-12);
    assertEquals(1.0, second - mean * mean, 1e-12);
  }

  @Property(tries = 200)
  void keptAreAffineDroppedAreTheSaturationAndBackwardUsesTheMask(@ForAll("inputs") Tensor x,
      @ForAll("keeps") double p, @ForAll long seed) {
    AlphaDropout d = AlphaDropout.keep(p);
    double a = d.scale();
    double b = d.shift();
    Forward f = d.forward(x, Mode.train(Key.of(seed)));
    assertEquals(f.output(), d.forward(x, Mode.train(Key.of(seed))).output(), "same key, same mask");
    double[] y = f.output().toArray();
    double[] in = x.toArray();
    double[] dx = f.backward().apply(Tensor.full(1.0, x.shape())).input().toArray();
    double dropped = a * AlphaDropout.SATURATION + b;
    for (int i = 0; i < in.length; i++) {
      boolean kept = dx[i] != 0;
      assertEquals(kept ? a : 0.0, dx[i]);
      assertEquals(kept ? a * in[i] + b : dropped, y[i]);
    }
  }

  @Property(tries = 200)
  void evaluationIsTheIdentity(@ForAll("inputs") Tensor x, @ForAll("keeps") double p) {
    Forward f = AlphaDropout.keep(p).forward(x, Mode.eval());
    assertEquals(x, f.output());
    assertEquals(x, f.backward().apply(x).input());
  }

  @Property(tries = 200)
  void seluIsTheFixedPointOfStandardNormals(@ForAll long seed) {
    int n = 20_000;
    Selu selu = new Selu();
    double[] y = Tensor.of(Key.of(seed).normal(n), n).map(selu::value).toArray();
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    var /= n;
    // Standard errors 1/√n for the mean and √((κ-1)/n) ≤ √(3/n) for the variance (κ < 4 here).
    assertEquals(0.0, mean, 6 / Math.sqrt(n));
    assertEquals(1.0, var, 6 * Math.sqrt(3.0 / n));
    assertTrue(selu.value(-1e9) > -Selu.LAMBDA * Selu.ALPHA - 1e-12, "saturates at -λα");
  }

  /** Alpha dropout passes the layer contract in every mode, keep probability in [0.5, 1]. */
  @Group
  class AlphaDropoutContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(shapes(1, 3), values(0.5, 1), modes())
          .flatAs((s, p, mode) -> tensors(s, -2, 2).map(x -> new LayerCase(AlphaDropout.keep(p), x, mode)));
    }
  }
}
