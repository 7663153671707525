package purenet.layer.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.TensorArbitraries.awayFromZero;
import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;
import static purenet.TensorArbitraries.values;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Identity;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Mode;
import purenet.layer.Tanh;
import purenet.random.Key;
import purenet.regularize.RegularizeArbitraries;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * DropConnect: its training pre-activations have exactly the mean pWv and variance
 * p(1-p)(W⊙W)(v⊙v) that stochastic inference's Gaussian uses (Chang Xu, Sydney lecture "Regularizations
 * for Deep Models", 2020); evaluation is the mean field f(pxW + b); stochastic inference averages f over
 * Gaussian samples.
 */
class DropConnectProperties {

  /** A dense layer with bias and an input batch it accepts. */
  record Case(Dense dense, Tensor x, double keep) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 5);
    return Combinators.combine(dim, dim, dim).flatAs((batch, in, out) -> Combinators.combine(
        RegularizeArbitraries.tensors(Shape.of(in, out), -2, 2),
        RegularizeArbitraries.tensors(Shape.of(out), -1, 1),
        RegularizeArbitraries.tensors(Shape.of(batch, in), -2, 2),
        Arbitraries.doubles().between(0.1, 1).ofScale(3))
        .as((w, b, x, p) -> new Case(Dense.of(w, b), x, p)));
  }

  private static Tensor preActivationMean(Case c) {
    return c.x().matmul(c.dense().weight()).mul(c.keep()).add(c.dense().bias().get());
  }

  private static Tensor preActivationVariance(Case c) {
    return c.x().square().matmul(c.dense().weight().square()).mul(c.keep() * (1 - c.keep()));
  }

  @Property(tries = 200)
  void evaluationIsTheMeanField(@ForAll("cases") Case c) {
    DropConnect layer = DropConnect.keep(c.keep(), c.dense(), new Tanh());
    Tensor expected = preActivationMean(c).map(Math::tanh);
    assertTrue(layer.forward(c.x(), Mode.eval()).output().allClose(expected, 1e-12, 1e-12));
  }

  /**
   * Over K = 200 training masks the pre-activation's sample mean and variance (about the known
   * mean) match pWv + b and p(1-p)(W⊙W)(v⊙v). Bounds: 6 standard errors, from the exact second
   * and fourth central moments of z = Σⱼ cⱼmⱼ + b, cⱼ = vⱼWⱼ, mⱼ ~ Bernoulli(p):
   * μ₄ = Σⱼ cⱼ⁴·p(1-p)(1 - 6p(1-p)) + 3σ⁴ (cumulants add), so Var(s²) = (μ₄ - σ⁴)/K.
   */
  @Property(tries = 200)
  void trainingMomentsAreThoseOfTheGaussianApproximation(@ForAll("cases") Case c, @ForAll long seed) {
    int samples = 200;
    double p = c.keep();
    DropConnect layer = DropConnect.keep(p, c.dense(), new Identity());
    int batch = c.x().dim(0);
    int in = c.dense().inputs();
    int out = c.dense().units();
    double[][] z = new double[samples][];
    for (int k = 0; k < samples; k++) {
      z[k] = layer.forward(c.x(), Mode.train(Key.of(seed).foldIn(k))).output().toArray();
    }
    double[] mean = preActivationMean(c).toArray();
    double[] var = preActivationVariance(c).toArray();
    double bernoulliKappa4 = p * (1 - p) * (1 - 6 * p * (1 - p));
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < out; o++) {
        int i = b * out + o;
        double kappa4 = 0;
        for (int j = 0; j < in; j++) {
          double cj = c.x().get(b, j) * c.dense().weight().get(j, o);
          kappa4 += cj * cj * cj * cj * bernoulliKappa4;
        }
        double mu4 = kappa4 + 3 * var[i] * var[i];
        double m = 0;
        double s2 = 0;
        for (int k = 0; k < samples; k++) {
          m += z[k][i];
          s2 += (z[k][i] - mean[i]) * (z[k][i] - mean[i]);
        }
        m /= samples;
        s2 /= samples;
        // Rounding of z and μ, of order 1e-15·(|μ| + 1), squared into s²: far below 1e-12.
        double rounding = 1e-12 * (1 + Math.abs(mean[i]));
        assertEquals(mean[i], m, 6 * Math.sqrt(var[i] / samples) + rounding, "mean of element " + i);
        assertEquals(var[i], s2, 6 * Math.sqrt(Math.max(mu4 - var[i] * var[i], 0) / samples) + rounding * rounding * 1e12,
            "variance of element " + i);
      }
    }
  }

  @Property(tries = 200)
  void stochasticInferenceAveragesGaussianSamples(@ForAll("cases") Case c, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 50) int samples) {
    DropConnect identity = new DropConnect(c.dense(), c.keep(), new Identity(), samples);
    Tensor mean = preActivationMean(c);
    Tensor sd = preActivationVariance(c).sqrt();
    // With the identity, the average of S samples μ + σ⊙εₛ is μ + σ⊙(mean of εₛ).
    Tensor average = Tensor.zeros(mean.shape());
    for (int s = 0; s < samples; s++) {
      average = average.add(Tensor.of(Key.of(seed).foldIn(s).normal(mean.size()), mean.shape()));
    }
    Tensor expected = mean.add(sd.mul(average.mul(1.0 / samples)));
    Forward f = identity.forward(c.x(), Mode.sample(Key.of(seed)));
    assertTrue(f.output().allClose(expected, 1e-10, 1e-10));
    assertEquals(f.output(), identity.forward(c.x(), Mode.sample(Key.of(seed))).output(), "same key, same samples");
    // And f is applied per sample before averaging: tanh of the samples, averaged.
    DropConnect tanh = new DropConnect(c.dense(), c.keep(), new Tanh(), samples);
    Tensor sum = Tensor.zeros(mean.shape());
    for (int s = 0; s < samples; s++) {
      Tensor eps = Tensor.of(Key.of(seed).foldIn(s).normal(mean.size()), mean.shape());
      sum = sum.add(mean.add(sd.mul(eps)).map(Math::tanh));
    }
    assertTrue(tanh.forward(c.x(), Mode.sample(Key.of(seed))).output().allClose(sum.mul(1.0 / samples), 1e-10, 1e-10));
  }

  @Property(tries = 200)
  void keepingEveryConnectionIsThePlainDenseLayerInEveryMode(@ForAll("cases") Case c, @ForAll long seed) {
    DropConnect layer = DropConnect.keep(1.0, c.dense(), new Tanh());
    Tensor plain = c.dense().apply(c.x()).map(Math::tanh);
    for (Mode mode : new Mode[] {Mode.eval(), Mode.train(Key.of(seed)), Mode.sample(Key.of(seed))}) {
      assertTrue(layer.forward(c.x(), mode).output().allClose(plain, 1e-12, 1e-12), mode.toString());
    }
  }

  @Property(tries = 200)
  void trainingBackwardUsesTheSameMaskedWeights(@ForAll("cases") Case c, @ForAll long seed) {
    // With the identity, y = x·(M⊙W) + b: the gradient of ⟨1, y⟩ w.r.t. W is (xᵀ·1)⊙M, and the
    // outputs for x = I (one row per input) reveal M⊙W itself.
    int in = c.dense().inputs();
    // Weights away from 0, so that a 0 in M⊙W means a dropped connection.
    Tensor w = c.dense().weight().map(v -> v >= 0 ? v + 0.5 : v - 0.5);
    DropConnect layer = DropConnect.keep(c.keep(), new Dense(w, Option.none()), new Identity());
    Mode mode = Mode.train(Key.of(seed));
    Tensor masked = layer.forward(Tensor.eye(in), mode).output();
    Forward f = layer.forward(c.x(), mode);
    assertTrue(f.output().allClose(c.x().matmul(masked), 1e-12, 1e-12));
    Tensor g = Tensor.full(1.0, f.output().shape());
    Tensor dw = f.backward().apply(g).params().tensor("weight");
    Tensor mask = masked.map(m -> m == 0 ? 0.0 : 1.0);
    assertTrue(dw.allClose(c.x().transposedMatmul(g).mul(mask), 1e-12, 1e-12));
    assertTrue(f.backward().apply(g).input().allClose(g.matmulTransposed(masked), 1e-12, 1e-12));
  }

  @Property(tries = 200)
  void badSettingsFailNamingTheValue(@ForAll("cases") Case c, @ForAll @IntRange(min = -5, max = 0) int samples) {
    assertTrue(DropoutProperties.message(() -> new DropConnect(c.dense(), 0.5, new Tanh(), samples))
        .contains(String.valueOf(samples)));
    assertTrue(DropoutProperties.message(() -> DropConnect.drop(1.0, c.dense(), new Tanh())).contains("1.0"));
    assertTrue(DropoutProperties.message(() -> DropConnect.keep(0.5, c.dense(), c.dense())).contains("no parameters"));
  }

  /**
   * DropConnect with tanh passes the layer contract in every mode: training (masked weights),
   * evaluation (mean field) and stochastic inference (1..4 Gaussian samples, differentiated through
   * the samples). Inputs and weights are bounded away from 0: the sampled estimate depends on
   * σ = √(p(1-p)·Σ x²w²), which has a cone-shaped kink where σ = 0.
   */
  @Group
  class DropConnectContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      Arbitrary<Integer> dim = Arbitraries.integers().between(1, 6);
      return Combinators.combine(dim, dim, dim, values(0.1, 1), Arbitraries.integers().between(1, 4), modes())
          .flatAs((batch, in, out, p, samples, mode) -> Combinators.combine(
              awayFromZero(Shape.of(in, out), 0.1, 1), tensors(Shape.of(out), -1, 1), awayFromZero(Shape.of(batch, in), 0.1, 2))
              .as((w, b, x) -> new LayerCase(new DropConnect(Dense.of(w, b), p, new Tanh(), samples), x, mode)));
    }
  }
}
