package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.HashMap;
import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Laws of the transform algebra: chains are associative with {@code Scale(1)} as identity, state
 * round-trips through {@code init}, and an update is a pure function of its arguments. Equalities
 * here are exact (bit for bit): both sides perform the same floating-point operations in the same
 * order.
 */
class TransformLaws {

  /**
   * A random tree (see {@link RandomTrees#trees()}) next to a {@code layer1/weight} and a
   * {@code bias} leaf, so that every selector of the transforms below selects some leaf and leaves
   * some other.
   */
  @Provide
  Arbitrary<Tree> trees() {
    return RandomTrees.trees().map(t -> RandomTrees.like(Tree.empty().with("net", t)
        .with("layer1", Tree.empty().with("weight", Tensor.zeros(2, 3))).with("bias", Tensor.zeros(3)), Key.of(t.hashCode())));
  }

  /** Every transform of the package with random valid hyperparameters, nested at most once. */
  @Provide
  Arbitrary<GradientTransform> transforms() {
    return Arbitraries.lazyOf(this::simple, this::simple, this::simple, () -> composite(simple()));
  }

  /** Every optimizer alias, plain, frozen or masked. */
  @Provide
  Arbitrary<GradientTransform> optimizers() {
    Arbitrary<GradientTransform> alias = Arbitraries.of(
        Optimizers.sgd(0.1), Optimizers.momentum(0.1, 0.9), Optimizers.nesterov(0.05, 0.8),
        Optimizers.adagrad(0.1), Optimizers.adadelta(), Optimizers.rmsprop(0.01), Optimizers.adam(0.01),
        Optimizers.amsgrad(0.01), Optimizers.adamw(0.01, 0.1),
        Optimizers.adam(Schedule.cosine(0.01, 20).withWarmup(3), 0.9, 0.99, 1e-8),
        Optimizers.momentum(Schedule.exponential(0.1, 0.5, 4), 0.9));
    return Combinators.combine(alias, Arbitraries.integers().between(0, 2)).as((opt, wrap) -> switch (wrap) {
      case 0 -> opt;
      case 1 -> Optimizers.freeze(opt, Selector.under("bias"));
      default -> GradientTransform.chain(Optimizers.masked(new AddDecayedWeights(0.1), Selector.weights()), opt);
    });
  }

  private Arbitrary<GradientTransform> simple() {
    Arbitrary<Double> unit = Arbitraries.doubles().between(0, 0.99).ofScale(4);
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-2, 2).ofScale(3).map(Scale::new),
        Combinators.combine(unit, Arbitraries.of(true, false)).as(TraceMomentum::new),
        unit.map(l -> new AddDecayedWeights(l)),
        Arbitraries.just(ScaleByAdagrad.defaults()),
        unit.map(g -> new ScaleByRms(g, 1e-8)),
        unit.map(r -> new ScaleByAdadelta(r, 1e-6)),
        unit.map(b -> new ScaleByAdam(b, 0.999, 1e-8)),
        unit.map(b -> new ScaleByAmsgrad(b, 0.99, 1e-8)),
        Arbitraries.just(new ScaleByLearningRate(Schedule.stepDecay(0.5, 0.5, 2))),
        Arbitraries.just(new ScaleBySchedule(Schedule.cosine(1.0, 4))),
        Arbitraries.just(new Freeze(Selector.under("layer1"))));
  }

  private Arbitrary<GradientTransform> composite(Arbitrary<GradientTransform> inner) {
    return Arbitraries.oneOf(
        inner.map(t -> new Masked(t, Selector.weights())),
        inner.list().ofMinSize(0).ofMaxSize(3).map(ts -> new Chain(Vector.ofAll(ts))));
  }

  @Property(tries = 200)
  void chainIsAssociative(@ForAll("transforms") GradientTransform a, @ForAll("transforms") GradientTransform b,
      @ForAll("transforms") GradientTransform c, @ForAll("trees") Tree params, @ForAll long seed) {
    GradientTransform left = Chain.of(Chain.of(a, b), c);
    GradientTransform right = Chain.of(a, Chain.of(b, c));
    GradientTransform flat = Chain.of(a, b, c);
    Vector<Tree> expected = trajectory(flat, params, seed, 5);
    assertEquals(expected, trajectory(left, params, seed, 5));
    assertEquals(expected, trajectory(right, params, seed, 5));
  }

  @Property(tries = 200)
  void scaleOneIsTheIdentity(@ForAll("transforms") GradientTransform t, @ForAll("trees") Tree params, @ForAll long seed) {
    Vector<Tree> expected = trajectory(t, params, seed, 5);
    assertEquals(expected, trajectory(Chain.of(new Scale(1), t), params, seed, 5));
    assertEquals(expected, trajectory(Chain.of(t, new Scale(1)), params, seed, 5));
    assertEquals(expected, trajectory(Chain.of(t), params, seed, 5));
  }

  @Property(tries = 200)
  void emptyChainPassesGradientsThrough(@ForAll("trees") Tree params, @ForAll long seed) {
    Tree grads = RandomTrees.like(params, Key.of(seed));
    GradientTransform none = Chain.of();
    assertEquals(grads, none.update(grads, none.init(params), params).updates());
  }

  /**
   * After any number of steps the state has the structure {@code init(params)} gives (same paths,
   * same shapes), and a state rebuilt from its saved leaves into that template continues exactly
   * like the original: nothing about an optimizer lives outside its state tree.
   */
  @Property(tries = 200)
  void stateRoundTripsThroughInit(@ForAll("optimizers") GradientTransform optimizer, @ForAll("trees") Tree params,
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int steps) {
    Tree p = params;
    Tree state = optimizer.init(p);
    for (int t = 0; t < steps; t++) {
      Step s = optimizer.update(RandomTrees.like(p, Key.of(seed).foldIn(t)), state, p);
      p = GradientTransform.applyUpdates(p, s.updates());
      state = s.state();
    }
    Tree template = optimizer.init(p);
    assertTrue(template.sameStructure(state), () -> "init gives " + template.describe());
    HashMap<String, Tensor> saved = HashMap.ofEntries(state.flatten());
    Tree restored = template.mapWithPath((path, t) -> saved.get(path).get());
    assertEquals(state, restored);
    Tree grads = RandomTrees.like(p, Key.of(seed).foldIn(-1));
    assertEquals(optimizer.update(grads, state, p), optimizer.update(grads, restored, p));
  }

  /** Same arguments, same result: update neither keeps nor mutates anything. */
  @Property(tries = 200)
  void updateIsPure(@ForAll("optimizers") GradientTransform optimizer, @ForAll("trees") Tree params, @ForAll long seed) {
    Tree grads = RandomTrees.like(params, Key.of(seed));
    Tree state = optimizer.init(params);
    Step first = optimizer.update(grads, state, params);
    optimizer.update(RandomTrees.like(params, Key.of(seed + 1)), first.state(), params);
    assertEquals(first, optimizer.update(grads, state, params));
    assertEquals(optimizer.init(params), state);
    assertTrue(first.updates().sameStructure(params));
  }

  /**
   * A step applied in one go ({@link GradientTransform#applyTo}, which plain SGD fuses into one
   * pass) equals the update added to the parameters, bit for bit, with the same state, step after
   * step, for every transform and optimizer.
   */
  @Property(tries = 200)
  void applyingAStepEqualsAddingItsUpdates(@ForAll("transformsAndOptimizers") GradientTransform t,
      @ForAll("trees") Tree params, @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int steps) {
    Tree p = params;
    Tree state = t.init(p);
    for (int i = 0; i < steps; i++) {
      Tree grads = RandomTrees.like(p, Key.of(seed).foldIn(i), 0.1);
      Step step = t.update(grads, state, p);
      Applied applied = t.applyTo(grads, state, p);
      Tree expected = GradientTransform.applyUpdates(p, step.updates());
      assertEquals(expected, applied.params(), "parameters after step " + i);
      assertEquals(step.state(), applied.state(), "state after step " + i);
      p = expected;
      state = step.state();
    }
  }

  @Provide
  Arbitrary<GradientTransform> transformsAndOptimizers() {
    return Arbitraries.oneOf(transforms(), optimizers());
  }

  /** The parameters after each of {@code steps} steps with seeded gradients. */
  static Vector<Tree> trajectory(GradientTransform t, Tree params, long seed, int steps) {
    Tree p = params;
    Tree state = t.init(p);
    Vector<Tree> out = Vector.empty();
    for (int i = 0; i < steps; i++) {
      Step s = t.update(RandomTrees.like(p, Key.of(seed).foldIn(i), 0.1), state, p);
      p = GradientTransform.applyUpdates(p, s.updates());
      state = s.state();
      out = out.append(p);
    }
    return out;
  }
}
