package purenet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** The trees a record layer derives from its components, and the rules' errors. */
class DerivedTreesTest {

  private static final Key KEY = Key.of(3);

  /** Every kind of component at once; the constructor rejects a negative scale. */
  record Everything(Tensor weight, Option<Tensor> bias, @State Tensor seen, Layer inner,
      Vector<Layer> stack, @Inline LinkedHashMap<String, Layer> heads, double scale, String label) implements Layer {
    Everything {
      if (scale < 0) {
        throw new IllegalArgumentException("scale must be >= 0, got " + scale);
      }
      if (weight.sum() < -1e6) {
        throw new IllegalArgumentException("weight too negative");
      }
    }

    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, params().zerosLike()), this);
    }
  }

  private static Everything everything(Option<Tensor> bias) {
    return new Everything(Tensor.ones(2, 3), bias, Tensor.scalar(0), Dense.of(3, 2, KEY),
        Vector.of(new Relu(), Dense.of(2, 2, KEY)), LinkedHashMap.of("a", Dense.of(2, 1, KEY)), 1.5, "x");
  }

  @Test
  void parametersFollowTheComponentsInOrder() {
    assertEquals(Vector.of("weight", "bias", "inner/weight", "inner/bias", "stack/1/weight", "stack/1/bias",
        "a/weight", "a/bias"), everything(Option.of(Tensor.zeros(3))).params().paths());
    assertEquals(Vector.of("weight", "inner/weight", "inner/bias", "stack/1/weight", "stack/1/bias",
        "a/weight", "a/bias"), everything(Option.none()).params().paths());
  }

  @Test
  void stateIsTheMarkedTensorsAndTheChildrensState() {
    assertEquals(Vector.of("seen"), everything(Option.none()).state().paths());
    Everything e = everything(Option.none());
    Everything next = (Everything) e.withState(Tree.empty().with("seen", Tensor.scalar(4)));
    assertEquals(Tensor.scalar(4), next.seen());
    assertEquals(e.params(), next.params());
  }

  @Test
  void childrenAreNamedAsInTheTrees() {
    assertEquals(Vector.of("inner", "stack/0", "stack/1", "a"),
        everything(Option.none()).children().keySet().toVector());
  }

  @Test
  void withParamsRebuildsEveryComponentThroughTheConstructor() {
    Everything e = everything(Option.of(Tensor.zeros(3)));
    Tree shifted = e.params().map(t -> t.add(1));
    Everything out = (Everything) e.withParams(shifted);
    assertEquals(shifted, out.params());
    assertEquals(Tensor.full(2, 2, 3), out.weight());
    assertTrue(out.stack().get(1) instanceof Dense);
    assertEquals(1.5, out.scale());
    assertEquals(e.seen(), out.seen());
    IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
        () -> e.withParams(e.params().map(t -> t.add(-1e7))));
    assertEquals("weight too negative", invalid.getMessage());
  }

  @Test
  void theOwnTreeGivesTheSameLayer() {
    Everything e = everything(Option.of(Tensor.zeros(3)));
    assertSame(e, e.withParams(e.params()));
    assertSame(e, e.withState(e.state()));
  }

  @Test
  void aTreeOfAnotherStructureIsRejectedNamingBoth() {
    Everything e = everything(Option.none());
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> e.withParams(Tree.empty().with("weight", Tensor.ones(2, 3))));
    assertTrue(x.getMessage().startsWith("Everything.withParams expects [weight (2, 3), inner/weight"), x.getMessage());
  }

  /** A layer without components: empty trees, itself back. */
  record Plain() implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, Tree.empty()), this);
    }
  }

  @Test
  void aLayerWithoutTensorsHasEmptyTrees() {
    Plain p = new Plain();
    assertEquals(Tree.empty(), p.params());
    assertEquals(Tree.empty(), p.state());
    assertTrue(p.children().isEmpty());
    assertSame(p, p.withParams(Tree.empty()));
  }

  /** A java.util.List of layers is rebuilt as an unmodifiable list. */
  record Listed(@Inline List<Layer> layers) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, params().zerosLike()), this);
    }
  }

  @Test
  void aJavaListOfLayersIsAnInlineSubtree() {
    Listed l = new Listed(List.of(Dense.of(2, 2, KEY), new Relu()));
    assertEquals(Vector.of("0/weight", "0/bias"), l.params().paths());
    Listed out = (Listed) l.withParams(l.params().map(t -> t.add(1)));
    assertEquals(l.params().map(t -> t.add(1)), out.params());
    assertThrows(UnsupportedOperationException.class, () -> out.layers().add(new Relu()));
  }

  record WithArray(Tensor weight, double[] scales) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, Tree.empty()), this);
    }
  }

  record WithCounter(Tensor weight, AtomicInteger calls) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, Tree.empty()), this);
    }
  }

  record Hidden(Tensor value) {
  }

  record WithHiddenTensor(Hidden hidden) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, Tree.empty()), this);
    }
  }

  record InlineTensor(@Inline Tensor weight) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, Tree.empty()), this);
    }
  }

  @Test
  void anUnclassifiableComponentFailsAtTheFirstCallNamingTheClassAndTheComponent() {
    IllegalStateException array = assertThrows(IllegalStateException.class,
        () -> new WithArray(Tensor.ones(1), new double[] {1}).params());
    assertTrue(array.getMessage().contains("DerivedTreesTest$WithArray") && array.getMessage().contains("'scales'")
        && array.getMessage().contains("array"), array.getMessage());
    IllegalStateException counter = assertThrows(IllegalStateException.class,
        () -> new WithCounter(Tensor.ones(1), new AtomicInteger()).children());
    assertTrue(counter.getMessage().contains("WithCounter") && counter.getMessage().contains("'calls'")
        && counter.getMessage().contains("mutable"), counter.getMessage());
    IllegalStateException hidden = assertThrows(IllegalStateException.class,
        () -> new WithHiddenTensor(new Hidden(Tensor.ones(1))).params());
    assertTrue(hidden.getMessage().contains("WithHiddenTensor") && hidden.getMessage().contains("'hidden'")
        && hidden.getMessage().contains("'value'"), hidden.getMessage());
    IllegalStateException inline = assertThrows(IllegalStateException.class,
        () -> new InlineTensor(Tensor.ones(1)).state());
    assertTrue(inline.getMessage().contains("InlineTensor") && inline.getMessage().contains("@Inline"),
        inline.getMessage());
  }

  record Clash(Tensor weight, @Inline Layer inner) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return new Forward(input, g -> new Grads(g, Tree.empty()), this);
    }
  }

  @Test
  void twoComponentsClaimingOneNameAreReported() {
    IllegalStateException x = assertThrows(IllegalStateException.class,
        () -> new Clash(Tensor.ones(1), Dense.of(1, 1, KEY)).params());
    assertTrue(x.getMessage().contains("Clash") && x.getMessage().contains("'inner'")
        && x.getMessage().contains("'weight'"), x.getMessage());
  }
}
