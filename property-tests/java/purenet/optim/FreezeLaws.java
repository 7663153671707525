package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Frozen parameters never move: over 50 steps with momentum and weight decay on, every frozen
 * leaf keeps its exact bits (compared with {@link Tensor#equals}, which tells -0.0 from +0.0),
 * while every trainable leaf does move. (Through a whole training step, with penalties and
 * constraints too: {@code purenet.train.TrainStepProperties}.)
 *
 * <p>Cases: a random tree of 1 to 4 leaves plus a {@code head/weight} leaf, so there are 2 to 5
 * leaves, and a freeze mask constructed to hold at least one leaf still and leave at least one free.
 */
class FreezeLaws {

  private static final int STEPS = 50;

  /** A tree and a set of its paths to freeze: neither empty nor all of them. */
  record Case(Tree params, Set<String> frozen) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(RandomTrees.trees(), Arbitraries.integers().between(0, Integer.MAX_VALUE))
        .as((net, m) -> {
          Tree params = withNegativeZeros(Tree.empty().with("net", net)
              .with("head", Tree.empty().with("weight", Tensor.of(Key.of(m).normal(3), 3))));
          Vector<String> paths = params.paths();
          int mask = 1 + m % ((1 << paths.size()) - 2);   // 1 … 2^n − 2: some frozen, some free
          return new Case(params, HashSet.ofAll(paths.zipWithIndex().filter(p -> (mask >> p._2 & 1) == 1)
              .map(p -> p._1)));
        });
  }

  @Property(tries = 200)
  void frozenLeavesStayBitIdenticalUnderMomentumAndDecay(@ForAll("cases") Case c, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 0.5) double lambda) {
    Selector frozen = c.frozen()::contains;
    GradientTransform momentumWithDecay = GradientTransform.chain(
        TraceMomentum.of(0.9), new AddDecayedWeights(lambda), Optimizers.sgd(0.1), Optimizers.freeze(frozen));
    check(momentumWithDecay, c.params(), frozen, seed);
  }

  @Property(tries = 200)
  void frozenLeavesStayBitIdenticalUnderFrozenAdamw(@ForAll("cases") Case c, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 0.5) double lambda) {
    Selector frozen = c.frozen()::contains;
    check(Optimizers.freeze(Optimizers.adamw(0.01, lambda), frozen), c.params(), frozen, seed);
    check(Optimizers.freeze(Optimizers.nesterov(0.01, 0.9), frozen), c.params(), frozen, seed);
  }

  /** The chain reports what it freezes, so that the training step can keep constraints off it too. */
  @Property(tries = 100)
  void aChainReportsItsFrozenLeaves(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 2) int where) {
    Selector frozen = c.frozen()::contains;
    GradientTransform optimizer = switch (where) {
      case 0 -> Optimizers.freeze(Optimizers.adam(0.01), frozen);
      case 1 -> GradientTransform.chain(Optimizers.sgd(0.1), Optimizers.freeze(frozen));
      default -> GradientTransform.chain(Optimizers.masked(Optimizers.freeze(frozen), Selector.all()));
    };
    for (String path : c.params().paths()) {
      assertEquals(c.frozen().contains(path), optimizer.frozen().test(path), path);
    }
    assertEquals(Vector.empty(), c.params().paths().filter(Optimizers.adamw(0.01, 0.1).frozen()));
  }

  private static void check(GradientTransform optimizer, Tree params, Selector frozen, long seed) {
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

  /** Every leaf's first element set to -0.0, the value a +0.0 update would silently change. */
  private static Tree withNegativeZeros(Tree tree) {
    return tree.map(t -> {
      double[] d = t.toArray();
      d[0] = -0.0;
      return Tensor.of(d, t.shape());
    });
  }
}
