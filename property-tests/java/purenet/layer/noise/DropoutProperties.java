package purenet.layer.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.TensorArbitraries.awayFromZero;
import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.shapes;
import static purenet.TensorArbitraries.tensors;
import static purenet.TensorArbitraries.values;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.layer.Forward;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.regularize.RegularizeArbitraries;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Inverted and classic dropout: evaluation, masks and their reuse by backward, kept values, and
 * the statistics of the mask. Statistical bounds are 6 standard deviations, so a correct layer
 * fails a try with probability about 2e-9.
 */
class DropoutProperties {

  @Provide
  Arbitrary<Tensor> inputs() {
    // Away from 0, so that an output of 0 means "dropped".
    return RegularizeArbitraries.shapes(3).flatMap(s -> RegularizeArbitraries.awayFromZero(s, 0.1, 3));
  }

  @Provide
  Arbitrary<Double> keeps() {
    return Arbitraries.doubles().between(0.1, 1).ofScale(3);
  }

  @Property(tries = 200)
  void evaluationIsTheIdentity(@ForAll("inputs") Tensor x, @ForAll("keeps") double p, @ForAll long seed) {
    Forward f = Dropout.keep(p).forward(x, Mode.eval());
    assertEquals(x, f.output());
    Tensor g = x.map(v -> v * 0.5 - 1);
    assertEquals(g, f.backward().apply(g).input());
    assertEquals(Tree.empty(), f.backward().apply(g).params());
  }

  @Property(tries = 200)
  void sameKeySameMaskAndOtherKeysOtherMasks(@ForAll("inputs") Tensor x, @ForAll("keeps") double p, @ForAll long seed) {
    Mode mode = Mode.train(Key.of(seed));
    assertEquals(Dropout.keep(p).forward(x, mode).output(), Dropout.keep(p).forward(x, Mode.train(Key.of(seed))).output());
    Tensor big = Tensor.ones(64, 64);
    if (p < 1) {
      assertNotEquals(Dropout.keep(p).forward(big, mode).output(),
          Dropout.keep(p).forward(big, Mode.train(Key.of(seed).foldIn(1))).output());
    }
  }

  @Property(tries = 200)
  void keptEntriesEqualXOverPAndDroppedAreZero(@ForAll("inputs") Tensor x, @ForAll("keeps") double p, @ForAll long seed) {
    double[] y = Dropout.keep(p).forward(x, Mode.train(Key.of(seed))).output().toArray();
    double[] in = x.toArray();
    for (int i = 0; i < in.length; i++) {
      assertTrue(y[i] == 0.0 || y[i] == in[i] / p, "y = " + y[i] + " for x = " + in[i]);
    }
  }

  /**
   * A non-finite input element propagates also where the mask drops it, as PyTorch's x·m/p does:
   * NaN·0 = NaN and ±∞·0 = NaN, so a dropped NaN or ±∞ gives NaN, never a silent 0 — for inverted,
   * classic and alpha dropout alike. Every other element is what it is without the poison.
   */
  @Property(tries = 200)
  void aDroppedNonFiniteElementIsNaNAsInPyTorch(@ForAll("inputs") Tensor x, @ForAll("keeps") double p,
      @ForAll long seed) {
    Key key = Key.of(seed);
    int k = key.uniformInt(x.size());
    double poison = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[
        key.foldIn(1).uniformInt(3)];
    double[] data = x.toArray();
    data[k] = poison;
    Tensor poisoned = Tensor.of(data, x.shape());
    Mode mode = Mode.train(key.foldIn(2));
    for (purenet.layer.Layer layer : new purenet.layer.Layer[] {Dropout.keep(p), ClassicDropout.keep(p),
        AlphaDropout.keep(p)}) {
      Tensor clean = layer.forward(x, mode).output();
      Tensor y = layer.forward(poisoned, mode).output();
      for (int i = 0; i < x.size(); i++) {
        if (i == k) {
          assertTrue(!Double.isFinite(y.at(i)), layer + " turned " + poison + " into " + y.at(i));
        } else {
          assertEquals(clean.at(i), y.at(i), 0.0, layer + " at " + i);
        }
      }
    }
  }

  @Property(tries = 200)
  void backwardUsesTheForwardsMask(@ForAll("inputs") Tensor x, @ForAll("keeps") double p, @ForAll long seed) {
    Forward f = Dropout.keep(p).forward(x, Mode.train(Key.of(seed)));
    Tensor g = Tensor.of(Key.of(seed).foldIn(7).normal(x.size()), x.shape());
    // Another pass with another key in between must not change this pass's backward.
    Dropout.keep(p).forward(x, Mode.train(Key.of(seed).foldIn(9))).backward().apply(g);
    double[] dx = f.backward().apply(g).input().toArray();
    double[] y = f.output().toArray();
    double[] gs = g.toArray();
    for (int i = 0; i < y.length; i++) {
      assertEquals(y[i] != 0 ? gs[i] / p : 0.0, dx[i]);
    }
  }

  @Property(tries = 200)
  void expectedOutputIsTheInput(@ForAll("inputs") Tensor x, @ForAll("keeps") double p, @ForAll long seed) {
    int samples = 400;
    Tensor sum = Tensor.zeros(x.shape());
    Dropout d = Dropout.keep(p);
    for (int k = 0; k < samples; k++) {
      sum = sum.add(d.forward(x, Mode.train(Key.of(seed).foldIn(k))).output());
    }
    double[] mean = sum.mul(1.0 / samples).toArray();
    double[] in = x.toArray();
    for (int i = 0; i < in.length; i++) {
      // Each output is x/p·Bernoulli(p): standard deviation |x|·√((1-p)/p) per sample.
      double bound = 6 * Math.abs(in[i]) * Math.sqrt((1 - p) / (p * samples)) + 1e-12 * Math.abs(in[i]);
      assertEquals(in[i], mean[i], bound);
    }
  }

  @Property(tries = 200)
  void fractionKeptIsP(@ForAll("keeps") double p, @ForAll long seed) {
    int n = 10_000;
    double[] y = Dropout.keep(p).forward(Tensor.ones(100, 100), Mode.train(Key.of(seed))).output().toArray();
    int kept = 0;
    for (double v : y) {
      kept += v != 0 ? 1 : 0;
    }
    assertEquals(p, kept / (double) n, 6 * Math.sqrt(p * (1 - p) / n));
  }

  @Property(tries = 200)
  void stochasticInferenceDropsLikeTraining(@ForAll("inputs") Tensor x, @ForAll("keeps") double p, @ForAll long seed) {
    // Monte Carlo dropout: Mode.Sample draws the same mask from the same key.
    assertEquals(Dropout.keep(p).forward(x, Mode.train(Key.of(seed))).output(),
        Dropout.keep(p).forward(x, Mode.sample(Key.of(seed))).output());
  }

  @Property(tries = 200)
  void dropIsKeepOfTheComplement(@ForAll @DoubleRange(min = 0, max = 0.99) double q) {
    assertEquals(Dropout.keep(1 - q), Dropout.drop(q));
    assertEquals(ClassicDropout.keep(1 - q), ClassicDropout.drop(q));
    assertEquals(AlphaDropout.keep(1 - q), AlphaDropout.drop(q));
  }

  @Property(tries = 200)
  void probabilitiesOutsideTheRangeFailNamingTheValue(@ForAll @DoubleRange(min = 1, max = 5) double tooLarge,
      @ForAll @DoubleRange(min = -5, max = -0.01) double negative) {
    for (double q : new double[] {tooLarge, negative}) {
      String msg = message(() -> Dropout.drop(q));
      assertTrue(msg.contains("drop probability must be in [0, 1)") && msg.contains(String.valueOf(q)), msg);
      assertTrue(message(() -> ClassicDropout.drop(q)).contains(String.valueOf(q)));
      assertTrue(message(() -> AlphaDropout.drop(q)).contains(String.valueOf(q)));
    }
    assertTrue(message(() -> Dropout.keep(negative)).contains(String.valueOf(negative)));
    assertTrue(message(() -> Dropout.keep(0)).contains("keep probability must be in (0, 1]"));
    if (tooLarge > 1) {
      assertTrue(message(() -> Dropout.keep(tooLarge)).contains(String.valueOf(tooLarge)));
    }
  }

  // ---------------------------------------------------------------- classic dropout

  @Property(tries = 200)
  void classicDropoutScalesByPAtEvaluationAndMasksInTraining(@ForAll("inputs") Tensor x, @ForAll("keeps") double p,
      @ForAll long seed) {
    ClassicDropout d = ClassicDropout.keep(p);
    Forward eval = d.forward(x, Mode.eval());
    assertEquals(x.mul(p), eval.output());
    assertEquals(x.mul(p), eval.backward().apply(x).input(), "backward of y = p·x is p·g");
    Forward train = d.forward(x, Mode.train(Key.of(seed)));
    double[] y = train.output().toArray();
    double[] in = x.toArray();
    double[] dx = train.backward().apply(x).input().toArray();
    for (int i = 0; i < in.length; i++) {
      assertTrue(y[i] == 0.0 || y[i] == in[i], "training keeps x unscaled or drops it");
      assertEquals(y[i], dx[i], "backward with g = x reproduces the masked forward");
    }
  }

  @Property(tries = 200)
  void classicDropoutTrainingMeanIsTheEvaluationOutput(@ForAll("inputs") Tensor x, @ForAll("keeps") double p,
      @ForAll long seed) {
    int samples = 400;
    ClassicDropout d = ClassicDropout.keep(p);
    Tensor sum = Tensor.zeros(x.shape());
    for (int k = 0; k < samples; k++) {
      sum = sum.add(d.forward(x, Mode.train(Key.of(seed).foldIn(k))).output());
    }
    double[] mean = sum.mul(1.0 / samples).toArray();
    double[] eval = d.forward(x, Mode.eval()).output().toArray();
    double[] in = x.toArray();
    for (int i = 0; i < in.length; i++) {
      // x·Bernoulli(p) has standard deviation |x|·√(p(1-p)).
      assertEquals(eval[i], mean[i], 6 * Math.abs(in[i]) * Math.sqrt(p * (1 - p) / samples) + 1e-12 * Math.abs(in[i]));
    }
  }

  static String message(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an IllegalArgumentException");
  }

  // ---------------------------------------------------------------- the layer contract

  /** Inverted dropout passes the layer contract in every mode, keep probability in [0.1, 1]. */
  @Group
  class DropoutContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(shapes(1, 3), values(0.1, 1), modes())
          .flatAs((s, p, mode) -> tensors(s, -2, 2).map(x -> new LayerCase(Dropout.keep(p), x, mode)));
    }
  }

  /** Classic dropout passes the layer contract in every mode. */
  @Group
  class ClassicDropoutContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(shapes(1, 3), values(0.1, 1), modes())
          .flatAs((s, p, mode) -> tensors(s, -2, 2).map(x -> new LayerCase(ClassicDropout.keep(p), x, mode)));
    }
  }
}
