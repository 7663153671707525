package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Identity;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.ShapeCheck;
import purenet.layer.Sigmoid;
import purenet.layer.Tanh;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class ParallelTest {

  @Test
  void sumAddsTheBranchOutputsAndTheirInputGradients() {
    Dense d = Dense.of(Tensor.of(new double[][] {{1, 2}, {3, 4}}), Tensor.vector(0, 0));
    Parallel p = Parallel.sum(d, new Identity());
    Tensor x = Tensor.of(new double[][] {{1, 2}});
    Forward f = p.forward(x, Mode.eval());
    // x·W = [1 + 6, 2 + 8] = [7, 10]; plus x
    assertEquals(Tensor.of(new double[][] {{8, 12}}), f.output());
    Grads g = f.backward().apply(Tensor.of(new double[][] {{1, 1}}));
    // g·Wᵀ = [3, 7] from the Dense branch, g = [1, 1] from the identity
    assertEquals(Tensor.of(new double[][] {{4, 8}}), g.input());
    assertEquals(Tensor.of(new double[][] {{1, 1}, {2, 2}}), g.params().tensor("0/weight"));
    assertEquals(Tensor.vector(1, 1), g.params().tensor("0/bias"));
    assertEquals(Vector.of("0/weight", "0/bias"), g.params().paths());
  }

  @Test
  void concatJoinsTheLastAxisAndSplitsTheGradient() {
    Dense d = Dense.of(Tensor.of(new double[][] {{1}, {2}}), Tensor.vector(0));
    Parallel p = Parallel.concat(d, new Identity());
    Tensor x = Tensor.of(new double[][] {{1, 2}});
    Forward f = p.forward(x, Mode.eval());
    assertEquals(Tensor.of(new double[][] {{5, 1, 2}}), f.output());
    Grads g = f.backward().apply(Tensor.of(new double[][] {{1, 2, 3}}));
    // the Dense branch gets [1]: 1·Wᵀ = [1, 2]; the identity gets [2, 3]
    assertEquals(Tensor.of(new double[][] {{3, 5}}), g.input());
    assertEquals(Tensor.of(new double[][] {{1}, {2}}), g.params().tensor("0/weight"));
    assertEquals(Tensor.vector(1), g.params().tensor("0/bias"));
  }

  @Test
  void concatSplitsAlongTheLastAxisOfHigherRankOutputs() {
    Tensor x = Tensor.arange(12).reshape(2, 3, 2);
    Parallel p = Parallel.concat(new Identity(), new Tanh(), new Identity());
    Forward f = p.forward(x, Mode.eval());
    assertEquals(Shape.of(2, 3, 6), f.output().shape());
    assertEquals(x.get(1, 2, 1), f.output().get(1, 2, 5), 0.0);
    assertEquals(Math.tanh(x.get(1, 2, 0)), f.output().get(1, 2, 2), 0.0);
    // g = 1 everywhere except the middle block: ∂x = 1 + tanh' + 1
    Grads g = f.backward().apply(Tensor.ones(2, 3, 6));
    Tensor expected = x.map(v -> 2 + 1 - Math.tanh(v) * Math.tanh(v));
    assertTrue(expected.allClose(g.input(), 1e-15, 0), g.input().toString());
  }

  @Test
  void sumGradientsMatchFiniteDifferences() {
    Key[] k = Key.of(11).split(5);
    Layer deep = Sequential.of(Dense.of(3, 4, k[0]).withBias(0.1), new Tanh(), Dense.of(4, 2, k[1]).withBias(0.3));
    Parallel p = Parallel.sum(deep, Sequential.of(Dense.of(3, 2, k[2]).withBias(-0.1), new Sigmoid()));
    FiniteDifferences.check(p, FiniteDifferences.normal(new int[] {4, 3}, k[3]), k[4]);
  }

  @Test
  void concatGradientsMatchFiniteDifferences() {
    Key[] k = Key.of(12).split(5);
    Parallel p = Parallel.concat(
        Sequential.of(Dense.of(3, 4, k[0]).withBias(0.2), new Tanh()),
        new Sigmoid(),
        Dense.of(3, 1, k[1]).withBias(0.5));
    FiniteDifferences.check(p, FiniteDifferences.normal(new int[] {4, 3}, k[3]), k[4]);
  }

  @Test
  void paramsAreNestedByBranchIndex() {
    Parallel p = Parallel.concat(Dense.of(2, 3, Key.of(1)), new Relu(), Sequential.of(new Tanh(), Dense.of(2, 2, Key.of(2))));
    assertEquals(Vector.of("0/weight", "0/bias", "2/1/weight", "2/1/bias"), p.params().paths());
    assertEquals(Vector.of("0", "1", "2"), p.children().keySet().toVector());
    assertSame(p.branches().get(2), p.children().get("2").get());
  }

  @Test
  void withParamsOfItsOwnParamsIsTheSameLayer() {
    Parallel p = Parallel.concat(Dense.of(2, 3, Key.of(1)), new Relu(), Sequential.of(new Tanh(), Dense.of(2, 2, Key.of(2))));
    assertEquals(p, p.withParams(p.params()));
    Tree changed = p.params().scale(3);
    assertEquals(changed.flatten(), p.withParams(changed).params().flatten());
    Parallel plain = Parallel.sum(new Tanh(), new Relu());
    assertEquals(plain, plain.withParams(plain.params()));
    assertThrows(IllegalArgumentException.class, () -> p.withParams(Tree.empty()));
  }

  @Test
  void sumOfUnequalShapesFailsNamingBoth() {
    Parallel p = Parallel.sum(Dense.of(3, 4, Key.of(1)), Dense.of(3, 5, Key.of(2)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.apply(Tensor.zeros(2, 3)));
    assertNamesBoth(e.getMessage(), "(2, 4)", "(2, 5)");
    ShapeCheck c = p.check(Shape.of(2, 3));
    assertEquals(1, c.problems().size());
    assertNamesBoth(c.problems().head(), "(2, 4)", "(2, 5)");
    assertTrue(c.problems().head().contains("branch 0 (Dense)") && c.problems().head().contains("branch 1 (Dense)"),
        c.problems().head());
  }

  @Test
  void concatOfMismatchedOtherAxesFailsNamingBoth() {
    Parallel p = Parallel.concat(new Identity(), new Flatten());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.apply(Tensor.zeros(2, 3, 2)));
    assertNamesBoth(e.getMessage(), "(2, 3, 2)", "(2, 6)");
    ShapeCheck c = p.check(Shape.of(2, 3, 2));
    assertEquals(1, c.problems().size());
    assertNamesBoth(c.problems().head(), "(2, 3, 2)", "(2, 6)");
  }

  @Test
  void concatOfScalarsIsAProblem() {
    ShapeCheck c = Parallel.concat(new Identity(), new Identity()).check(Shape.scalar());
    assertEquals(2, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().head().contains("scalar ()"), c.problems().head());
  }

  @Test
  void checkComputesTheMergedShapeAndKeepsEveryBranchProblem() {
    Parallel p = Parallel.concat(Dense.of(3, 4, Key.of(1)), Dense.of(5, 2, Key.of(2)), new Identity());
    ShapeCheck c = p.check(Shape.of(8, 3));
    assertEquals(Shape.of(8, 9), c.output());
    assertEquals(1, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().head().startsWith("branch 1 (Dense): Dense expects input (batch, 5), got (8, 3)"),
        c.problems().head());
    assertEquals(Shape.of(8, 2), c.children().get("1").get().output());
    assertEquals(Shape.of(8, 4), Parallel.sum(Dense.of(3, 4, Key.of(1)), Dense.of(3, 4, Key.of(3))).check(Shape.of(8, 3)).output());
  }

  @Test
  void branchesRunInTheirOwnChildModes() {
    Tensor x = Tensor.zeros(2, 2);
    Mode mode = Mode.train(Key.of(5));
    Forward f = Parallel.sum(Probe.fresh(), Probe.fresh()).forward(x, mode);
    Tensor expected = Probe.fresh().forward(x, mode.child(0)).output()
        .add(Probe.fresh().forward(x, mode.child(1)).output());
    assertEquals(expected, f.output());
    assertEquals(2 * Probe.PENALTY, f.penalty());
    assertEquals(Vector.of(Tensor.scalar(1), Tensor.scalar(1)), f.next().state().leaves());
    assertEquals(Vector.of("0/calls", "1/calls"), f.next().state().paths());
  }

  @Test
  void stateRoundTripsAndEvaluationKeepsTheSameLayer() {
    Parallel p = Parallel.sum(Probe.fresh(), new Tanh());
    assertEquals(p, p.withState(p.state()));
    assertSame(p, p.forward(Tensor.zeros(1, 1), Mode.eval()).next());
    assertEquals(Vector.of(Tensor.scalar(4)), p.withState(p.state().map(t -> t.add(4))).state().leaves());
  }

  @Test
  void rejectsNoBranchesAndNoMerge() {
    assertThrows(IllegalArgumentException.class, () -> Parallel.sum());
    assertThrows(IllegalArgumentException.class, () -> new Parallel(Vector.of(new Tanh()), null));
  }

  private static void assertNamesBoth(String message, String a, String b) {
    assertTrue(message.contains(a) && message.contains(b), message);
  }
}
