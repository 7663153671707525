package purenet.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import purenet.optim.AddDecayedWeights;
import purenet.optim.Freeze;
import purenet.optim.Masked;
import purenet.optim.Optimizers;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Selections are values, and a selection that matches nothing is an error: every penalty, mask,
 * freeze, decay and constraint whose selector matches no leaf of the tree it meets fails with a
 * message that lists the tree's paths, instead of silently doing nothing.
 */
class SelectionLaws {

  /**
   * Trees of 1 to 5 leaves at paths {@code n<i>/<name>} with names from weight, bias, gamma, w,
   * kernel; none lies under {@code absent}, so {@code Selector.under("absent")} selects nothing.
   */
  @Provide
  Arbitrary<Tree> trees() {
    return Arbitraries.of("weight", "bias", "gamma", "w", "kernel").list().ofMinSize(1).ofMaxSize(5).map(names -> {
      Vector<Tuple2<String, Tensor>> leaves = Vector.empty();
      for (int i = 0; i < names.size(); i++) {
        leaves = leaves.append(new Tuple2<>("n" + i + "/" + names.get(i), Tensor.full(-0.5 + i, 2, 2)));
      }
      return Tree.unflatten(leaves);
    });
  }

  /** Everything that takes a selector, applied to a tree with a selector that matches none of it. */
  private static List<Function<Tree, Object>> users(Selector none) {
    return List.of(
        t -> Penalized.where(none, new L2(0.1)).apply(t),
        t -> PerLayer.where(none).with("n0", new L1(0.1)).apply(t),
        t -> new NonNeg().where(none).apply(t),
        t -> new Masked(Optimizers.sgd(0.1), none).init(t),
        t -> new Freeze(none).init(t),
        t -> new AddDecayedWeights(0.1, none).init(t));
  }

  @Property(tries = 100)
  void aSelectionOfNothingFailsListingThePaths(@ForAll("trees") Tree tree) {
    for (Function<Tree, Object> use : users(Selector.under("absent"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> use.apply(tree));
      assertTrue(e.getMessage().contains("selects no leaf") && e.getMessage().contains("under(absent)"), e.getMessage());
      for (String path : tree.paths()) {
        assertTrue(e.getMessage().contains(path), () -> e.getMessage() + " lacks " + path);
      }
    }
  }

  /** The same selection that matches some leaf works (the failure is about matching nothing). */
  @Property(tries = 100)
  void aSelectionOfSomethingWorks(@ForAll("trees") Tree tree) {
    for (Function<Tree, Object> use : users(Selector.under("n0"))) {
      use.apply(tree);
    }
  }

  /** Equal configurations are equal values and print as what they select. */
  @Property(tries = 50)
  void selectorsAreValues(@ForAll("names") String a, @ForAll("names") String b) {
    Selector s = Selector.weights().and(Selector.under(a)).or(Selector.named(b).negate());
    assertEquals(s, Selector.weights().and(Selector.under(a)).or(Selector.named(b).negate()));
    assertEquals(s.hashCode(), Selector.weights().and(Selector.under(a)).or(Selector.named(b).negate()).hashCode());
    assertEquals("((weights and under(" + a + ")) or not(named(" + b + ")))", s.toString());
    assertEquals(Penalized.weights(new L2(0.5)), Penalized.weights(new L2(0.5)));
    assertEquals(MaxNorm.of(3).onWeights().andThen(new NonNeg().where(Selector.under(a))),
        MaxNorm.of(3).onWeights().andThen(new NonNeg().where(Selector.under(a))));
    assertEquals(Optimizers.freeze(Optimizers.adamw(0.01, 0.1), Selector.under(a)),
        Optimizers.freeze(Optimizers.adamw(0.01, 0.1), Selector.under(a)));
    assertNotEquals(Selector.under(a), Selector.under(a + "x"));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
  }

  /** The case of the issue: a leaf named {@code w} is not a weight by name, and L2 on "weights" says so. */
  @Test
  void weightsOnATreeWithoutWeightNamesFails() {
    Tree tree = Tree.empty().with("w", Tensor.ones(2)).with("b", Tensor.ones(2));
    assertEquals("Penalized[regularizer=L2[lambda=0.1], selected=weights] selects no leaf: weights matches none of"
        + " the tree's paths [w, b]", assertThrows(IllegalArgumentException.class,
            () -> Penalized.weights(new L2(0.1)).apply(tree)).getMessage());
    assertEquals("MaxNorm[maxValue=3.0, axes=Vector(0)] on weights", MaxNorm.of(3).onWeights().toString());
  }
}
