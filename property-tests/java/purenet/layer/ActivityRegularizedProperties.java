package purenet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.TensorArbitraries.modes;

import io.vavr.Tuple2;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.regularize.ElasticNet;
import purenet.regularize.L1;
import purenet.regularize.L2;
import purenet.regularize.Penalty;
import purenet.regularize.RegularizeArbitraries;
import purenet.regularize.Regularizer;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Activation penalties: the output is the inner layer's, the pass's penalty is R(output) on top of
 * the inner penalty, and backward(g) = inner.backward(g + ∇R(y)) — affine in g, so these laws
 * replace the linearity law of the layer contract.
 */
class ActivityRegularizedProperties {

  /** A Dense + Tanh inner layer, an input, a smooth regularizer (L2) or L1/elastic net. */
  record Case(Layer inner, Tensor x, Regularizer r) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 5);
    Arbitrary<Double> lambda = RegularizeArbitraries.lambdas();
    Arbitrary<Regularizer> regularizers = Arbitraries.oneOf(lambda.map(L2::new), lambda.map(L1::new),
        Combinators.combine(lambda, lambda).as(ElasticNet::new));
    return Combinators.combine(dim, dim, dim).flatAs((batch, in, out) -> Combinators.combine(
        RegularizeArbitraries.tensors(Shape.of(in, out), -1, 1),
        RegularizeArbitraries.tensors(Shape.of(out), -1, 1),
        RegularizeArbitraries.tensors(Shape.of(batch, in), -2, 2),
        regularizers).as((w, b, x, r) -> new Case(Sequential.of(Dense.of(w, b), new Tanh()), x, r)));
  }

  @Property(tries = 200)
  void outputIsTheInnersAndPenaltyIsROfIt(@ForAll("cases") Case c, @ForAll long seed) {
    Mode mode = Mode.train(Key.of(seed));
    Forward inner = c.inner().forward(c.x(), mode);
    Forward f = new ActivityRegularized(c.inner(), c.r()).forward(c.x(), mode);
    assertEquals(inner.output(), f.output());
    assertEquals(inner.penalty() + c.r().apply(inner.output()).value(), f.penalty());
    // Nested: penalties add up.
    Regularizer other = new L2(0.25);
    Forward nested = new ActivityRegularized(new ActivityRegularized(c.inner(), c.r()), other).forward(c.x(), mode);
    assertEquals(f.penalty() + other.apply(f.output()).value(), nested.penalty());
  }

  @Property(tries = 200)
  void backwardIsTheInnerBackwardOfTheShiftedGradient(@ForAll("cases") Case c, @ForAll long seed) {
    Mode mode = Mode.train(Key.of(seed));
    Forward inner = c.inner().forward(c.x(), mode);
    Forward f = new ActivityRegularized(c.inner(), c.r()).forward(c.x(), mode);
    Tensor g = Tensor.of(Key.of(seed).foldIn(1).normal(f.output().size()), f.output().shape());
    Penalty p = c.r().apply(inner.output());
    Grads expected = inner.backward().apply(g.add(p.gradient()));
    Grads actual = f.backward().apply(g);
    assertEquals(expected.input(), actual.input());
    assertEquals(expected.params(), actual.params());
    // B(0) is the gradient of the penalty alone: the affine part.
    assertEquals(inner.backward().apply(p.gradient()).input(), f.backward().apply(Tensor.zeros(g.shape())).input());
  }

  /**
   * The backward pass is the gradient of s = ⟨g, y⟩ + R(y) (the layer's whole contribution to the
   * objective) with respect to the input and every parameter, checked by central differences on
   * L2 (smooth). Tolerance 1e-6 relative to the gradient's magnitude plus 1e-7: step 1e-6 on
   * values of order 1 leaves rounding near 1e-10.
   */
  @Property(tries = 200)
  void backwardIsTheGradientOfOutputPlusPenalty(@ForAll("cases") Case c, @ForAll long seed) {
    Layer layer = new ActivityRegularized(c.inner(), new L2(0.7));
    Mode mode = Mode.train(Key.of(seed));
    Forward f = layer.forward(c.x(), mode);
    Tensor g = Tensor.of(Key.of(seed).foldIn(1).normal(f.output().size()), f.output().shape());
    Grads analytic = f.backward().apply(g);
    Tensor dx = RegularizeArbitraries.finiteDifferences(x -> objective(layer.forward(x, mode), g), c.x(), 1e-6);
    assertTrue(analytic.input().allClose(dx, 1e-6, 1e-7), () -> analytic.input() + " vs " + dx);
    for (Tuple2<String, Tensor> leaf : layer.params().flatten()) {
      Tensor numeric = RegularizeArbitraries.finiteDifferences(
          w -> objective(layer.withParams(layer.params().mapWhere(leaf._1::equals, t -> w)).forward(c.x(), mode), g),
          leaf._2, 1e-6);
      Tensor a = analytic.params().tensor(leaf._1);
      assertTrue(a.allClose(numeric, 1e-6, 1e-7), () -> leaf._1 + ": " + a + " vs " + numeric);
    }
  }

  private static double objective(Forward f, Tensor g) {
    return g.dot(f.output()) + f.penalty();
  }

  @Property(tries = 200)
  void paramsStateAndShapesAreTheInnersAndRoundTrip(@ForAll("cases") Case c) {
    ActivityRegularized layer = new ActivityRegularized(c.inner(), c.r());
    assertEquals(c.inner().params(), layer.params());
    assertEquals(layer, layer.withParams(layer.params()));
    assertEquals(layer, layer.withState(layer.state()));
    Tree shifted = layer.params().map(t -> t.add(0.5));
    assertEquals(shifted, layer.withParams(shifted).params());
    assertEquals(c.inner().check(c.x().shape()), layer.check(c.x().shape()).children().get("inner").get());
    assertEquals(c.inner().check(c.x().shape()).output(), layer.check(c.x().shape()).output());
  }

  @Property(tries = 200)
  void sequentialAddsTheActivationPenaltyToItsOwn(@ForAll("cases") Case c, @ForAll long seed) {
    Sequential net = Sequential.of(new ActivityRegularized(c.inner(), c.r()), new Relu());
    Forward f = net.forward(c.x(), Mode.train(Key.of(seed)));
    assertEquals(c.r().apply(c.inner().apply(c.x())).value(), f.penalty());
  }

  /**
   * The activation-penalty wrapper passes the whole layer contract in every mode, including law
   * (e) in its affine form: B(0) is the gradient of the penalty. With the smooth L2 penalty only:
   * L1's kink at y = 0 is within a finite-difference step of generated outputs such as tanh(1e-6).
   */
  @Group
  class ActivityRegularizedContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(cases(), RegularizeArbitraries.lambdas(), modes())
          .as((c, lambda, mode) -> new LayerCase(new ActivityRegularized(c.inner(), new L2(lambda)), c.x(), mode));
    }
  }
}
