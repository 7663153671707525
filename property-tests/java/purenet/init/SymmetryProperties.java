package purenet.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Identity;
import purenet.layer.Layer;
import purenet.layer.LeakyRelu;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.Sigmoid;
import purenet.layer.Tanh;
import purenet.net.Sequential;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.optim.Step;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The seed's argument against zero (or any constant) initialization, as properties: every hidden
 * unit computes the same output, receives the same gradient and gets the same update, so the
 * units never differentiate however long we train. With W = 0 the gradient to the layer below,
 * Wᵀ·∂L/∂y, vanishes outright.
 *
 * <p>Training here is a hand-written loop: Dense → activation → Dense, squared error
 * L = ½·mean over the batch of Σ(ŷ - y)², SGD, momentum or Adam.
 */
class SymmetryProperties {

  private static final int STEPS = 20;

  @Provide
  Arbitrary<Layer> activations() {
    return Arbitraries.of(new Tanh(), new Sigmoid(), new Relu(), new LeakyRelu(0.1), new Identity());
  }

  @Provide
  Arbitrary<GradientTransform> optimizers() {
    return Arbitraries.of(Optimizers.sgd(0.1), Optimizers.momentum(0.05, 0.9), Optimizers.adam(0.01));
  }

  /** The initial weight: zero most of the time, else any constant. */
  @Provide
  Arbitrary<Double> constants() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(-0.5, 0.5).ofScale(3)));
  }

  /** The initial hidden bias: zero, ReLU's small positive constant, or any constant. */
  @Provide
  Arbitrary<Double> biases() {
    return Arbitraries.oneOf(Arbitraries.of(0.0, 0.01), Arbitraries.doubles().between(-0.5, 0.5).ofScale(3));
  }

  @Property(tries = 200)
  void constantInitialisedHiddenUnitsStaySymmetric(@ForAll("activations") Layer activation,
      @ForAll("optimizers") GradientTransform optimizer, @ForAll("constants") double weight,
      @ForAll("biases") double bias, @ForAll @IntRange(min = 1, max = 5) int in,
      @ForAll @IntRange(min = 2, max = 6) int hidden, @ForAll @IntRange(min = 1, max = 3) int out,
      @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll long seed) {
    Layer net = Sequential.of(
        Dense.of(Tensor.full(weight, in, hidden), Tensor.full(bias, hidden)),
        activation,
        Dense.of(Tensor.full(weight, hidden, out), Tensor.zeros(out)));
    Tree trained = train(net, optimizer, in, out, batch, Key.of(seed));
    assertNotEquals(net.params(), trained, "training must move something");
    assertSymmetric(trained);
  }

  /** Seed 002: y_l = W·y_{l-1} + b, ∂L/∂y_{l-1} = Wᵀ·∂L/∂y_l, so W = 0 stops every gradient below. */
  @Property(tries = 200)
  void zeroWeightsPassNoGradientDown(@ForAll @IntRange(min = 1, max = 6) int in, @ForAll @IntRange(min = 1, max = 6) int units,
      @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll long seed) {
    Key key = Key.of(seed);
    Dense zero = Dense.of(in, units, Constant.zeros(), key);
    Tensor x = Tensor.of(key.foldIn(1).normal(batch * in), batch, in);
    Tensor g = Tensor.of(key.foldIn(2).normal(batch * units), batch, units);
    Grads grads = zero.forward(x, Mode.train(key)).backward().apply(g);
    assertEquals(Tensor.zeros(batch, in), grads.input());
  }

  /** The contrast that shows the property can fail: random weights break the symmetry. */
  @Example
  void randomInitialisationBreaksTheSymmetry() {
    Key key = Key.of(3);
    Layer net = Sequential.of(Dense.of(3, 4, He.normal(), key.foldIn(0)), new Tanh(),
        Dense.of(4, 2, He.normal(), key.foldIn(1)));
    Tree trained = train(net, Optimizers.sgd(0.1), 3, 2, 8, key);
    Tensor w1 = trained.tensor("0/weight");
    assertFalse(close(column(w1, 0), column(w1, 1), w1));
  }

  private static Tree train(Layer start, GradientTransform optimizer, int in, int out, int batch, Key key) {
    Tensor x = Tensor.of(key.foldIn(-1).normal(batch * in), batch, in);
    Tensor y = Tensor.of(key.foldIn(-2).normal(batch * out), batch, out);
    Layer net = start;
    Tree params = net.params();
    Tree state = optimizer.init(params);
    for (int t = 0; t < STEPS; t++) {
      Forward f = net.forward(x, Mode.train(key.foldIn(t)));
      // L = ½·(1/batch)·Σ(ŷ - y)², so ∂L/∂ŷ = (ŷ - y)/batch.
      Grads g = f.backward().apply(f.output().sub(y).mul(1.0 / batch));
      Step s = optimizer.update(g.params(), state, params);
      params = GradientTransform.applyUpdates(params, s.updates());
      state = s.state();
      net = f.next().withParams(params);
    }
    return params;
  }

  /**
   * Hidden unit j is column j of the first weight, element j of the first bias and row j of the
   * second weight: all units must be equal. Tolerance: relative 1e-12 of the tensor's largest
   * magnitude (in exact arithmetic they are identical; a blocked or vectorised matrix product may
   * sum different columns in different orders).
   */
  private static void assertSymmetric(Tree params) {
    Tensor w1 = params.tensor("0/weight");
    Tensor b1 = params.tensor("0/bias");
    Tensor w2 = params.tensor("2/weight");
    for (int j = 1; j < w1.dim(1); j++) {
      int unit = j;
      assertTrue(close(column(w1, 0), column(w1, j), w1), () -> "incoming weights of unit " + unit + " differ: " + w1);
      assertTrue(close(b1.slice(0, 1), b1.slice(j, j + 1), b1), () -> "bias of unit " + unit + " differs: " + b1);
      assertTrue(close(w2.index(0), w2.index(j), w2), () -> "outgoing weights of unit " + unit + " differ: " + w2);
    }
  }

  private static Tensor column(Tensor m, int j) {
    return m.transpose().index(j);
  }

  private static boolean close(Tensor a, Tensor b, Tensor whole) {
    double scale = Math.max(1.0, whole.abs().max());
    return a.shape().equals(b.shape()) && a.maxAbsDifference(b) <= 1e-12 * scale;
  }

}
