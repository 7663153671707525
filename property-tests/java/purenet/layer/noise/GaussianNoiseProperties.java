package purenet.layer.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.shapes;
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
import net.jqwik.api.constraints.DoubleRange;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Mode;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.Penalty;
import purenet.regularize.RegularizeArbitraries;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Gaussian input noise: evaluation is the identity, the noise has the stated moments, and on a
 * linear model with squared error it equals L2 with λ = σ² in expectation (Chang Xu, Sydney lecture
 * "Regularizations for Deep Models", 2020), value and gradient.
 */
class GaussianNoiseProperties {

  @Provide
  Arbitrary<Tensor> inputs() {
    return RegularizeArbitraries.shapes(3).flatMap(s -> RegularizeArbitraries.tensors(s, -3, 3));
  }

  @Provide
  Arbitrary<Double> sigmas() {
    return Arbitraries.doubles().between(0.05, 2).ofScale(3);
  }

  @Property(tries = 200)
  void evaluationIsTheIdentityAndBackwardAlwaysIs(@ForAll("inputs") Tensor x, @ForAll("sigmas") double sigma,
      @ForAll long seed) {
    GaussianNoise n = new GaussianNoise(sigma);
    assertEquals(x, n.forward(x, Mode.eval()).output());
    Forward train = n.forward(x, Mode.train(Key.of(seed)));
    assertEquals(x, train.backward().apply(x).input());
    assertEquals(train.output(), n.forward(x, Mode.train(Key.of(seed))).output(), "same key, same noise");
  }

  @Property(tries = 200)
  void noiseHasMeanZeroAndStandardDeviationSigma(@ForAll("sigmas") double sigma, @ForAll long seed) {
    int n = 10_000;
    Tensor x = Tensor.full(1.5, 100, 100);
    double[] e = new GaussianNoise(sigma).forward(x, Mode.train(Key.of(seed))).output().sub(x).toArray();
    double mean = 0;
    double sq = 0;
    for (double v : e) {
      mean += v;
      sq += v * v;
    }
    mean /= n;
    double sd = Math.sqrt(sq / n - mean * mean);
    // Standard errors σ/√n for the mean and σ/√(2n) for the standard deviation of a normal sample.
    assertEquals(0.0, mean, 6 * sigma / Math.sqrt(n));
    assertEquals(sigma, sd, 6 * sigma / Math.sqrt(2.0 * n));
  }

  /** A linear model w: a (d, 1) Dense without bias, an input (1, d) and a target. */
  record Linear(Tensor w, Tensor x, double target) {}

  @Provide
  Arbitrary<Linear> linearModels() {
    return Arbitraries.integers().between(1, 5).flatMap(d -> Combinators.combine(
        RegularizeArbitraries.tensors(Shape.of(d, 1), -2, 2),
        RegularizeArbitraries.tensors(Shape.of(1, d), -2, 2),
        Arbitraries.doubles().between(-3, 3).ofScale(3)).as(Linear::new));
  }

  /**
   * E_ε[½(wᵀ(x + ε) - t)²] = ½(wᵀx - t)² + σ²/2·‖w‖² and E_ε[∂/∂w] = (wᵀx - t)x + σ²w: input noise
   * is L2(σ²). Monte Carlo over K = 2000 noisy copies of x in one batch; the library's backward
   * with upstream (ŷ - t)/K gives the mean gradient. Bound: 6 sample standard errors.
   */
  @Property(tries = 200)
  void inputNoiseOnALinearModelIsL2InExpectation(@ForAll("linearModels") Linear m,
      @ForAll @DoubleRange(min = 0.05, max = 1) double sigma, @ForAll long seed) {
    int samples = 2000;
    int d = m.w().dim(0);
    GaussianNoise noise = new GaussianNoise(sigma);
    Dense linear = new Dense(m.w(), Option.none());
    Tensor batch = Tensor.zeros(samples, d).add(m.x());
    Mode mode = Mode.train(Key.of(seed));
    Forward f = Sequential.of(noise, linear).forward(batch, mode);
    // The noisy inputs of that pass (Sequential runs child 0 in mode.child(0)), for the spread.
    Forward noisy = noise.forward(batch, mode.child(0));
    Tensor residual = f.output().add(-m.target());
    double[] r = residual.toArray();
    double[] losses = new double[samples];
    for (int k = 0; k < samples; k++) {
      losses[k] = 0.5 * r[k] * r[k];
    }
    double dataResidual = m.x().matmul(m.w()).item() - m.target();
    Penalty l2 = new L2(sigma * sigma).apply(m.w());
    assertWithinStandardErrors(0.5 * dataResidual * dataResidual + l2.value(), losses, "loss");
    double[] meanGrad = f.backward().apply(residual.mul(1.0 / samples)).params().tensor("1/weight").toArray();
    double[] expected = m.x().transpose().mul(dataResidual).add(l2.gradient()).toArray();
    double[] inputs = noisy.output().toArray();
    for (int j = 0; j < d; j++) {
      double[] perSample = new double[samples];
      for (int k = 0; k < samples; k++) {
        perSample[k] = r[k] * inputs[k * d + j];
      }
      assertWithinStandardErrors(expected[j], meanGrad[j], perSample, "gradient " + j);
    }
  }

  private static void assertWithinStandardErrors(double expected, double[] samples, String what) {
    double mean = 0;
    for (double v : samples) {
      mean += v;
    }
    assertWithinStandardErrors(expected, mean / samples.length, samples, what);
  }

  /** |estimate - expected| within 6 standard errors of the mean of {@code samples}. */
  private static void assertWithinStandardErrors(double expected, double estimate, double[] samples, String what) {
    double mean = 0;
    for (double v : samples) {
      mean += v;
    }
    mean /= samples.length;
    double var = 0;
    for (double v : samples) {
      var += (v - mean) * (v - mean);
    }
    var /= samples.length - 1;
    double bound = 6 * Math.sqrt(var / samples.length) + 1e-9 * (1 + Math.abs(expected));
    assertTrue(Math.abs(estimate - expected) <= bound,
        () -> what + ": Monte Carlo mean " + estimate + " vs " + expected + " ± " + bound);
  }

  @Property(tries = 200)
  void negativeSigmaFailsNamingTheValue(@ForAll @DoubleRange(min = -5, max = -0.01) double sigma) {
    assertTrue(DropoutProperties.message(() -> new GaussianNoise(sigma)).contains(String.valueOf(sigma)));
  }

  /** Gaussian noise passes the layer contract in every mode, σ in [0, 2]. */
  @Group
  class GaussianNoiseContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(shapes(1, 3), values(0, 2), modes())
          .flatAs((s, sigma, mode) -> tensors(s, -2, 2).map(x -> new LayerCase(new GaussianNoise(sigma), x, mode)));
    }
  }
}
