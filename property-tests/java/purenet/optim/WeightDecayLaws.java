package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.regularize.L1;
import purenet.regularize.L2;
import purenet.regularize.Penalized;
import purenet.regularize.Penalties;
import purenet.regularize.RegularizeArbitraries;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * The coupled penalty (the training step adds ∂R/∂θ to the gradient before the optimizer) and
 * decoupled weight decay ({@link AddDecayedWeights} before the learning rate in the chain). With
 * plain SGD both give the same weights, the shrinkage rule w ← (1 − ηλ)·w − η·g; with a stateful
 * optimizer the decoupled decay never enters the optimizer's state; the decay's step size is the
 * learning rate (or schedule) of the chain.
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

  /** What the training step does with a penalty: g ← g + ∂R/∂θ, then the optimizer. */
  private static Tree coupled(GradientTransform opt, Penalties penalty, Tree w, Tree g) {
    return step(opt, w, g.add(penalty.apply(w).gradient()));
  }

  @Property(tries = 200)
  void withSgdCoupledAndDecoupledL2AreTheShrinkageRule(@ForAll("params") Tree w, @ForAll long seed,
      @ForAll("rates") double eta, @ForAll("lambdas") double lambda) {
    Tree g = gradient(w, seed);
    Tree coupled = coupled(Optimizers.sgd(eta), Penalized.weights(new L2(lambda)), w, g);
    Tree decoupled = step(GradientTransform.chain(new AddDecayedWeights(lambda, Selector.weights()),
        Optimizers.sgd(eta)), w, g);
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
  void withSgdCoupledL1IsTheConstantShrinkage(@ForAll("params") Tree w, @ForAll long seed,
      @ForAll("rates") double eta, @ForAll("lambdas") double lambda) {
    Tree g = gradient(w, seed);
    Tree coupled = coupled(Optimizers.sgd(eta), Penalized.weights(new L1(lambda)), w, g);
    // w ← w - ηλ·sign(w) - η·g on weights.
    Tree rule = w.mapWithPath((path, t) -> {
      Tensor shrink = path.endsWith("/weight") ? t.sign().mul(eta * lambda) : Tensor.zeros(t.shape());
      return t.sub(shrink).sub(g.tensor(path).mul(eta));
    });
    assertTrue(coupled.allClose(rule, TOL, TOL));
  }

  /**
   * A stateful optimizer (heavy-ball momentum, m ← 0.9m + g, u = −η·m) stands in for Adam: with
   * decoupled decay its state is exactly the state without any decay, since the decay is added
   * after it, and each update is −η·(m + λ·w) on the weights.
   */
  @Property(tries = 200)
  void decoupledDecayStaysOutOfTheOptimizerState(@ForAll("params") Tree w, @ForAll long seed,
      @ForAll("rates") double eta, @ForAll("lambdas") double lambda) {
    double l = lambda + 0.1;
    GradientTransform momentum = GradientTransform.chain(TraceMomentum.of(0.9), Optimizers.sgd(eta));
    GradientTransform decoupled = GradientTransform.chain(TraceMomentum.of(0.9),
        new AddDecayedWeights(l, Selector.weights()), Optimizers.sgd(eta));
    Tree plainState = momentum.init(w);
    Tree decoupledState = decoupled.init(w);
    Tree params = w;
    for (int t = 0; t < 3; t++) {
      Tree g = gradient(w, seed + t);
      Step plain = momentum.update(g, plainState, params);
      plainState = plain.state();
      Step d = decoupled.update(g, decoupledState, params);
      decoupledState = d.state();
      Tree p = params;
      Tree expected = plain.updates().mapWithPath((path, u) -> path.endsWith("/weight")
          ? u.addScaled(-eta * l, p.tensor(path)) : u);
      assertTrue(d.updates().allClose(expected, TOL, TOL));
      params = GradientTransform.applyUpdates(params, d.updates());
    }
    assertEquals(plainState.child("0"), decoupledState.child("0"), "the decay never reaches the moments");
  }

  /**
   * The decay's step size comes from the chain's learning rate, a schedule included: with zero
   * gradients Adam's direction is exactly 0, so one step of scheduled AdamW multiplies every leaf by
   * 1 − η(0)·λ (tolerance 1e-12).
   */
  @Property(tries = 200)
  void scheduledAdamwDecaysByTheScheduledRate(@ForAll("params") Tree w, @ForAll("rates") double eta,
      @ForAll("lambdas") double lambda) {
    GradientTransform adamw = Optimizers.adamw(Schedule.cosine(eta, 100), 0.9, 0.999, 1e-8, lambda);
    Tree next = step(adamw, w, w.zerosLike());
    assertTrue(next.allClose(w.scale(1 - eta * lambda), TOL, TOL));
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
