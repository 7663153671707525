package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Frozen parameters never move: over 50 steps with momentum and weight decay on, every frozen
 * leaf keeps its exact bits (compared with {@link Tensor#equals}, which tells -0.0 from +0.0),
 * while every trainable leaf does move.
 */
class FreezeLaws {

  private static final int STEPS = 50;

  @Provide
  Arbitrary<Tree> trees() {
    return RandomTrees.trees();
  }

  /** The leaf indices to freeze, as a bit mask over the (at most four) leaves. */
  @Provide
  Arbitrary<Integer> masks() {
    return Arbitraries.integers().between(0, 15);
  }

  @Property(tries = 200)
  void frozenLeavesStayBitIdenticalUnderMomentumAndDecay(@ForAll("trees") Tree start, @ForAll("masks") int mask,
      @ForAll long seed, @ForAll @DoubleRange(min = 0.01, max = 0.5) double lambda) {
    Tree params = withNegativeZeros(start);
    Predicate<String> frozen = frozenPaths(params, mask)::contains;
    GradientTransform momentumWithDecay = GradientTransform.chain(
        TraceMomentum.of(0.9), new AddDecayedWeights(lambda), Optimizers.sgd(0.1), Optimizers.freeze(frozen));
    check(momentumWithDecay, params, frozen, seed);
  }

  @Property(tries = 200)
  void frozenLeavesStayBitIdenticalUnderFrozenAdamw(@ForAll("trees") Tree start, @ForAll("masks") int mask,
      @ForAll long seed, @ForAll @DoubleRange(min = 0.01, max = 0.5) double lambda) {
    Tree params = withNegativeZeros(start);
    Predicate<String> frozen = frozenPaths(params, mask)::contains;
    check(Optimizers.freeze(Optimizers.adamw(0.01, lambda), frozen), params, frozen, seed);
    check(Optimizers.freeze(Optimizers.nesterov(0.01, 0.9), frozen), params, frozen, seed);
  }

  private static void check(GradientTransform optimizer, Tree params, Predicate<String> frozen, long seed) {
    Tree p = params;
    Tree state = optimizer.init(p);
    for (int t = 0; t < STEPS; t++) {
      // Gradients without exact zeros, so every trainable element moves.
      Step s = optimizer.update(RandomTrees.like(p, Key.of(seed).foldIn(t)), state, p);
      p = GradientTransform.applyUpdates(p, s.updates());
      state = s.state();
    }
    for (String path : params.paths()) {
      if (frozen.test(path)) {
        assertEquals(params.tensor(path), p.tensor(path), path + " is frozen");
      } else {
        assertNotEquals(params.tensor(path), p.tensor(path), path + " is trainable");
      }
    }
  }

  private static Set<String> frozenPaths(Tree params, int mask) {
    Vector<String> paths = params.paths();
    return HashSet.ofAll(paths.zipWithIndex().filter(p -> (mask >> p._2 & 1) == 1).map(p -> p._1));
  }

  /** Every leaf's first element set to -0.0, the value a +0.0 update would silently change. */
  private static Tree withNegativeZeros(Tree tree) {
    return tree.map(t -> {
      double[] d = t.toArray();
      d[0] = -0.0;
      return Tensor.of(d, t.shape());
    });
  }
}
