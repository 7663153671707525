package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.regularize.L1;
import purenet.regularize.L2;
import purenet.regularize.MaxNorm;
import purenet.regularize.NonNeg;
import purenet.regularize.Penalized;
import purenet.regularize.Penalties;
import purenet.regularize.RegularizeArbitraries;
import purenet.regularize.TreeConstraint;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Coupled penalty gradients, decoupled decay and projections as optimizer chains. With plain SGD
 * coupled and decoupled L2 give the same weights, the shrinkage rule w ← (1 − ηλ)·w − η·∂L/∂w; with a
 * stateful optimizer the decoupled decay never enters the optimizer's state.
 */
class WeightDecayLaws {

  /** A few roundings of numbers of order 1: 1e-12 relative and absolute. */
  private static final double TOL = 1e-12;

  @Provide
  Arbitrary<Tree> params() {
    return RegularizeArbitraries.networkParams();
  }

  @Provide
  Arbitrary<Double> rates() {
    return Arbitraries.doubles().between(0.001, 1).ofScale(4);
  }

  @Provide
  Arbitrary<Double> lambdas() {
    return RegularizeArbitraries.lambdas();
  }

  /** A gradient of the parameters' structure, from the parameters and a seed. */
  private static Tree gradient(Tree params, long seed) {
    int[] i = {0};
    return params.map(t -> Tensor.of(purenet.random.Key.of(seed).foldIn(i[0]++).normal(t.size()), t.shape()));
  }

  @Property(tries = 200)
  void withSgdCoupledAndDecoupledL2AreTheShrinkageRule(@ForAll("params") Tree w, @ForAll long seed,
      @ForAll("rates") double eta, @ForAll("lambdas") double lambda) {
    Tree g = gradient(w, seed);
    Penalties l2 = Penalized.weights(new L2(lambda));
    Tree coupled = step(Regularized.coupled(Optimizers.sgd(eta), l2), w, g);
    Tree decoupled = step(Regularized.decoupled(Optimizers.sgd(eta), l2, eta), w, g);
    // w ← (1 - ηλ)·w - η·g on weights; w ← w - η·g elsewhere (biases are not decayed).
    Tree shrinkage = w.mapWithPath((path, t) -> {
      Tensor grad = g.tensor(path);
      double decay = path.endsWith("/weight") ? 1 - eta * lambda : 1;
      return t.mul(decay).sub(grad.mul(eta));
    });
    assertTrue(coupled.allClose(decoupled, TOL, TOL), "coupled and decoupled agree with SGD");
    assertTrue(coupled.allClose(shrinkage, TOL, TOL), "and both are the shrinkage rule");
  }

  @Property(tries = 200)
  void withSgdCoupledAndDecoupledL1AreTheConstantShrinkage(@ForAll("params") Tree w, @ForAll long seed,
      @ForAll("rates") double eta, @ForAll("lambdas") double lambda) {
    Tree g = gradient(w, seed);
    Penalties l1 = Penalized.weights(new L1(lambda));
    Tree coupled = step(Regularized.coupled(Optimizers.sgd(eta), l1), w, g);
    Tree decoupled = step(Regularized.decoupled(Optimizers.sgd(eta), l1, eta), w, g);
    // Seed 000: w ← w - ηλ·sign(w) - η·g.
    Tree rule = w.mapWithPath((path, t) -> {
      Tensor shrink = path.endsWith("/weight") ? t.sign().mul(eta * lambda) : Tensor.zeros(t.shape());
      return t.sub(shrink).sub(g.tensor(path).mul(eta));
    });
    assertTrue(coupled.allClose(decoupled, TOL, TOL));
    assertTrue(coupled.allClose(rule, TOL, TOL));
  }

  /**
   * A stateful optimizer (heavy-ball momentum, m ← 0.9m + g, u = -ηm) stands in for Adam: with
   * decoupled decay its state is exactly the state without any penalty, since the decay is added
   * after it; with the coupled form the penalty gradient is in the state.
   */
  @Property(tries = 200)
  void decoupledDecayStaysOutOfTheOptimizerState(@ForAll("params") Tree w, @ForAll long seed,
      @ForAll("rates") double eta, @ForAll("lambdas") double lambda) {
    GradientTransform momentum = new Momentum(eta);
    Penalties l2 = Penalized.weights(new L2(lambda + 0.1));
    GradientTransform decoupled = Regularized.decoupled(momentum, l2, eta);
    GradientTransform coupled = Regularized.coupled(momentum, l2);
    Tree plainState = momentum.init(w);
    Tree decoupledState = decoupled.init(w);
    Tree coupledState = coupled.init(w);
    Tree params = w;
    for (int t = 0; t < 3; t++) {
      Tree g = gradient(w, seed + t);
      Step plain = momentum.update(g, plainState, params);
      plainState = plain.state();
      Step d = decoupled.update(g, decoupledState, params);
      decoupledState = d.state();
      coupledState = coupled.update(g, coupledState, params).state();
      // The decoupled step is the optimizer's step minus η·∇R at the pre-update weights.
      Tree expected = plain.updates().sub(l2.apply(params).gradient().scale(eta));
      assertTrue(d.updates().allClose(expected, TOL, TOL));
      params = GradientTransform.applyUpdates(params, d.updates());
    }
    assertEquals(plainState, decoupledState.child("0"), "the decay never reaches the moments");
    if (l2.apply(w).value() > 0) {
      assertFalse(plainState.allClose(coupledState.child("1"), 1e-9, 0), "the coupled penalty does");
    }
  }

  /**
   * Adam followed by decoupled L2 on every leaf is the library's AdamW: both subtract η·λ·θ after
   * Adam's scaling (here over three steps, so the moments matter). Tolerance: the two chains add
   * the same terms in a different order, 1e-12.
   */
  @Property(tries = 200)
  void adamWithDecoupledL2IsAdamW(@ForAll("params") Tree w, @ForAll long seed, @ForAll("rates") double eta,
      @ForAll("lambdas") double lambda) {
    GradientTransform ours = Regularized.decoupled(Optimizers.adam(eta), Penalized.all(new L2(lambda)), eta);
    GradientTransform adamw = Optimizers.adamw(eta, lambda);
    Tree a = w;
    Tree b = w;
    Tree sa = ours.init(w);
    Tree sb = adamw.init(w);
    for (int t = 0; t < 3; t++) {
      Tree g = gradient(w, seed + t);
      Step x = ours.update(g, sa, a);
      Step y = adamw.update(g, sb, b);
      a = GradientTransform.applyUpdates(a, x.updates());
      b = GradientTransform.applyUpdates(b, y.updates());
      sa = x.state();
      sb = y.state();
    }
    assertTrue(a.allClose(b, TOL, TOL));
  }

  @Property(tries = 200)
  void projectionLandsOnTheProjectedParameters(@ForAll("params") Tree w, @ForAll long seed,
      @ForAll("rates") double eta) {
    Tree g = gradient(w, seed);
    TreeConstraint c = MaxNorm.of(0.5).onWeights().andThen(new NonNeg().where(p -> p.endsWith("bias")));
    Tree next = step(Regularized.constrained(Optimizers.sgd(eta), c), w, g);
    Tree plain = step(Optimizers.sgd(eta), w, g);
    // θ + (Π(θ + u) - θ) rounds once at the magnitude of θ (≤ 2 + η·|g|).
    assertTrue(next.allClose(c.apply(plain), 0, 1e-14 * 16), "θ + u = Π(θ + u) up to one rounding");
    assertTrue(next.tensor("0/bias").min() >= 0);
  }

  @Property(tries = 200)
  void noneIsNoPenalty(@ForAll("params") Tree w, @ForAll long seed, @ForAll("rates") double eta) {
    Tree g = gradient(w, seed);
    assertEquals(step(Optimizers.sgd(eta), w, g), step(Regularized.coupled(Optimizers.sgd(eta), Penalties.none()), w, g));
  }

  private static Tree step(GradientTransform opt, Tree params, Tree grads) {
    return GradientTransform.applyUpdates(params, opt.update(grads, opt.init(params), params).updates());
  }

  /** Heavy-ball momentum for the test: m ← 0.9m + g, u = -ηm. State {@code m}. */
  record Momentum(double eta) implements GradientTransform {
    @Override
    public Tree init(Tree params) {
      return params.zerosLike();
    }

    @Override
    public Step update(Tree grads, Tree state, Tree params) {
      Tree m = state.scale(0.9).add(grads);
      return new Step(m.scale(-eta), m);
    }
  }
}
