package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.ShapeCheck;
import purenet.layer.Tanh;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class ResidualTest {

  private static final Dense F = Dense.of(Tensor.of(new double[][] {{1, 2}, {3, 4}}), Tensor.vector(0.5, -0.5));

  @Test
  void forwardAddsTheInputToTheBranch() {
    // f([1, 1]) = [1 + 3 + 0.5, 2 + 4 - 0.5] = [4.5, 5.5]; y = x + f(x)
    Tensor y = Residual.of(F).apply(Tensor.of(new double[][] {{1, 1}}));
    assertEquals(Tensor.of(new double[][] {{5.5, 6.5}}), y);
  }

  @Test
  void backwardAddsTheOutputGradientToTheBranchGradient() {
    Tensor x = Tensor.of(new double[][] {{1, 1}});
    Grads grads = Residual.of(F).forward(x, Mode.eval()).backward().apply(Tensor.of(new double[][] {{1, 2}}));
    // g·Wᵀ = [1·1 + 2·2, 1·3 + 2·4] = [5, 11]; ∂x = g + g·Wᵀ
    assertEquals(Tensor.of(new double[][] {{6, 13}}), grads.input());
    assertEquals(Tensor.of(new double[][] {{1, 2}, {1, 2}}), grads.params().tensor("inner/weight"));
    assertEquals(Tensor.vector(1, 2), grads.params().tensor("inner/bias"));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Key[] k = Key.of(7).split(4);
    Layer inner = Sequential.of(Dense.of(3, 5, k[0]).withBias(0.1), new Tanh(), Dense.of(5, 3, k[1]).withBias(-0.2));
    FiniteDifferences.check(Residual.of(inner), FiniteDifferences.normal(new int[] {4, 3}, k[2]), k[3]);
  }

  @Test
  void paramsAreNestedUnderInner() {
    Residual r = Residual.of(Sequential.of(Dense.of(2, 2, Key.of(1)), new Relu()));
    assertEquals(Vector.of("inner/0/weight", "inner/0/bias"), r.params().paths());
    assertEquals(r.inner().params().flatten(), r.params().child("inner").flatten());
    assertEquals(Vector.of("inner"), r.children().keySet().toVector());
    assertSame(r.inner(), r.children().get("inner").get());
  }

  @Test
  void withParamsOfItsOwnParamsIsTheSameLayer() {
    Residual r = Residual.of(Sequential.of(Dense.of(2, 2, Key.of(1)), new Relu()));
    assertEquals(r, r.withParams(r.params()));
    Residual plain = Residual.of(new Tanh());
    assertEquals(plain, plain.withParams(plain.params()));
    assertEquals(plain, plain.withParams(Tree.empty()));
  }

  @Test
  void withParamsReplacesTheInnerParams() {
    Residual r = Residual.of(F);
    Tree doubled = r.params().scale(2);
    Layer changed = r.withParams(doubled);
    assertEquals(doubled.flatten(), changed.params().flatten());
    assertThrows(IllegalArgumentException.class, () -> r.withParams(F.params()));
  }

  @Test
  void aBranchThatChangesTheShapeFailsNamingBothShapes() {
    Residual r = Residual.of(Dense.of(3, 4, Key.of(2)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.apply(Tensor.zeros(2, 3)));
    assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2, 4)"), e.getMessage());
  }

  @Test
  void checkReportsTheBranchMismatchWithoutComputing() {
    ShapeCheck c = Residual.of(Dense.of(3, 4, Key.of(2))).check(Shape.of(2, 3));
    assertEquals(Shape.of(2, 3), c.output());
    assertEquals(1, c.problems().size());
    assertTrue(c.problems().head().contains("(2, 3)") && c.problems().head().contains("(2, 4)"), c.problems().head());
    assertEquals(Shape.of(2, 4), c.children().get("inner").get().output());
  }

  @Test
  void checkPrefixesTheBranchsOwnProblems() {
    // Dense(5 -> 3) rejects (2, 3) but would still output (2, 3): one problem, the branch's own
    ShapeCheck c = Residual.of(Dense.of(5, 3, Key.of(2))).check(Shape.of(2, 3));
    assertEquals(1, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().head().startsWith("inner (Dense): Dense expects input (batch, 5), got (2, 3)"),
        c.problems().head());
    assertTrue(Residual.of(new Tanh()).check(Shape.of(2, 3)).fits());
  }

  @Test
  void passesOnTheBranchsNextLayerPenaltyAndState() {
    Residual r = Residual.of(Probe.fresh());
    Forward f = r.forward(Tensor.zeros(2, 2), Mode.train(Key.of(3)));
    assertEquals(Probe.PENALTY, f.penalty());
    assertEquals(Tensor.scalar(1), f.next().state().tensor("inner/calls"));
    assertEquals(Vector.of("inner/calls"), r.state().paths());
    assertEquals(r, r.withState(r.state()));
    Forward eval = r.forward(Tensor.zeros(2, 2), Mode.eval());
    assertSame(r, eval.next());
    assertEquals(r.state().scale(5).flatten(), r.withState(r.state().scale(5)).state().flatten());
  }

  @Test
  void theBranchRunsInTheFirstChildMode() {
    Tensor x = Tensor.zeros(2, 2);
    Mode mode = Mode.train(Key.of(4));
    Tensor expected = x.add(Probe.fresh().forward(x, mode.child(0)).output());
    assertEquals(expected, Residual.of(Probe.fresh()).forward(x, mode).output());
    assertFalse(expected.equals(x.add(Probe.fresh().forward(x, mode).output())));
  }

  @Test
  void rejectsAMissingBranch() {
    assertThrows(IllegalArgumentException.class, () -> new Residual(null));
  }
}
