package purenet.layer.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.tensors;
import static purenet.testkit.TensorArbitraries.values;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.regularize.RegularizeArbitraries;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Weight noise: w' = w + ε on the weights only, the backward is the inner layer's at w', and the
 * layer to use next keeps the clean weights.
 */
class WeightNoiseProperties {

  @Provide
  Arbitrary<Dense> denses() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 6);
    return Combinators.combine(dim, dim).flatAs((in, out) -> Combinators.combine(
        RegularizeArbitraries.tensors(Shape.of(in, out), -2, 2),
        RegularizeArbitraries.tensors(Shape.of(out), -1, 1)).as(Dense::of));
  }

  @Provide
  Arbitrary<Double> sigmas() {
    return Arbitraries.doubles().between(0.01, 1).ofScale(3);
  }

  @Property(tries = 200)
  void perturbsTheWeightsButNotTheBias(@ForAll("denses") Dense dense, @ForAll("sigmas") double sigma, @ForAll long seed) {
    WeightNoise layer = WeightNoise.of(dense, sigma);
    Mode mode = Mode.train(Key.of(seed));
    int in = dense.inputs();
    // Rows of the identity read out the perturbed weight plus bias; zeros read out the bias.
    Tensor noisyPlusBias = layer.forward(Tensor.eye(in), mode).output();
    assertEquals(dense.bias().get().mul(1.0).add(Tensor.zeros(1, dense.units())),
        layer.forward(Tensor.zeros(1, in), mode).output(), "the bias is not perturbed");
    Tensor noisy = noisyPlusBias.sub(dense.bias().get());
    assertNotEquals(dense.weight(), noisy);
    assertEquals(noisyPlusBias, layer.forward(Tensor.eye(in), Mode.train(Key.of(seed))).output(), "same key, same noise");
  }

  @Property(tries = 200)
  void backwardIsTheInnerBackwardAtThePerturbedWeights(@ForAll("denses") Dense dense, @ForAll("sigmas") double sigma,
      @ForAll long seed) {
    WeightNoise layer = WeightNoise.of(dense, sigma);
    Mode mode = Mode.train(Key.of(seed));
    Tensor noisy = layer.forward(Tensor.eye(dense.inputs()), mode).output().sub(dense.bias().get());
    Tensor x = Tensor.of(Key.of(seed).foldIn(3).normal(2 * dense.inputs()), 2, dense.inputs());
    Tensor g = Tensor.of(Key.of(seed).foldIn(4).normal(2 * dense.units()), 2, dense.units());
    Forward f = layer.forward(x, mode);
    Forward reference = Dense.of(noisy, dense.bias().get()).forward(x, Mode.eval());
    // Both sides compute the same products; the perturbed weight was recovered through one add and
    // one subtract of the bias, hence 1e-12.
    assertTrue(f.output().allClose(reference.output(), 1e-12, 1e-12));
    Grads a = f.backward().apply(g);
    Grads b = reference.backward().apply(g);
    assertTrue(a.input().allClose(b.input(), 1e-12, 1e-12));
    assertTrue(a.params().allClose(b.params(), 1e-12, 1e-12));
    assertEquals(dense.params(), f.next().params(), "the next layer keeps the clean weights");
  }

  @Property(tries = 200)
  void evaluationAndZeroNoiseAreTheInnerLayer(@ForAll("denses") Dense dense, @ForAll("sigmas") double sigma,
      @ForAll long seed) {
    Tensor x = Tensor.of(Key.of(seed).normal(3 * dense.inputs()), 3, dense.inputs());
    assertEquals(dense.apply(x), WeightNoise.of(dense, sigma).forward(x, Mode.eval()).output());
    assertEquals(dense.forward(x, Mode.train(Key.of(seed))).output(),
        WeightNoise.of(dense, 0).forward(x, Mode.train(Key.of(seed))).output());
  }

  @Property(tries = 200)
  void noiseHasMeanZeroAndStandardDeviationSigma(@ForAll("sigmas") double sigma, @ForAll long seed) {
    int in = 80;
    int out = 100;
    Dense dense = new Dense(Tensor.zeros(in, out), io.vavr.control.Option.none());
    double[] e = WeightNoise.of(dense, sigma).forward(Tensor.eye(in), Mode.train(Key.of(seed))).output().toArray();
    int n = e.length;
    double mean = 0;
    double sq = 0;
    for (double v : e) {
      mean += v;
      sq += v * v;
    }
    mean /= n;
    double sd = Math.sqrt(sq / n - mean * mean);
    assertEquals(0.0, mean, 6 * sigma / Math.sqrt(n));
    assertEquals(sigma, sd, 6 * sigma / Math.sqrt(2.0 * n));
  }

  /** Weight noise around a dense layer passes the layer contract in every mode, σ in [0, 1]. */
  @Group
  class WeightNoiseContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      Arbitrary<Integer> dim = Arbitraries.integers().between(1, 6);
      return Combinators.combine(dim, dim, dim, values(0, 1), modes())
          .flatAs((batch, in, out, sigma, mode) -> Combinators.combine(
              tensors(Shape.of(in, out), -1, 1), tensors(Shape.of(out), -1, 1), tensors(Shape.of(batch, in), -2, 2))
              .as((w, b, x) -> new LayerCase(WeightNoise.of(Dense.of(w, b), sigma), x, mode)));
    }
  }
}
