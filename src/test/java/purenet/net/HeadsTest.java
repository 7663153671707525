package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Identity;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class HeadsTest {

  // trunk t(x) = x·I + 0 = x; heads a(h) = h·[1, 1]ᵀ (sum), b(h) = h·[[1, 0], [0, −1]] + [0, 1]
  private static final Dense TRUNK = Dense.of(Tensor.eye(2), Tensor.zeros(2));
  private static final Dense A = Dense.of(Tensor.of(new double[][] {{1}, {1}}), Tensor.zeros(1));
  private static final Dense B = Dense.of(Tensor.of(new double[][] {{1, 0}, {0, -1}}), Tensor.vector(0, 1));
  private static final Heads HEADS = Heads.of(TRUNK, "sum", A).and("flip", B);

  @Test
  void joinsTheHeadsOutputsInOrder() {
    Tensor y = HEADS.apply(Tensor.of(new double[][] {{2, 3}}));
    // sum: 5; flip: [2, −3 + 1]
    assertEquals(Tensor.of(new double[][] {{5, 2, -2}}), y);
    assertEquals(LinkedHashMap.of("sum", 1, "flip", 2), HEADS.widths(Shape.of(7, 2)));
  }

  @Test
  void theTrunkGetsTheSumOfTheHeadsGradients() {
    Forward f = HEADS.forward(Tensor.of(new double[][] {{2, 3}}), Mode.eval());
    Grads g = f.backward().apply(Tensor.of(new double[][] {{1, 1, 1}}));
    // from sum: [1, 1]; from flip: [1, 1]·[[1, 0], [0, −1]]ᵀ = [1, −1]; total [2, 0]; trunk is I
    assertEquals(Tensor.of(new double[][] {{2, 0}}), g.input());
    assertEquals(Tensor.of(new double[][] {{4, 0}, {6, 0}}), g.params().tensor("trunk/weight"));
    assertEquals(Vector.of("trunk/weight", "trunk/bias", "sum/weight", "sum/bias", "flip/weight", "flip/bias"),
        g.params().paths());
  }

  @Test
  void badNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Heads.of(TRUNK, "trunk", A));
    assertThrows(IllegalArgumentException.class, () -> Heads.of(TRUNK, "a/b", A));
    assertThrows(IllegalArgumentException.class, () -> Heads.of(TRUNK, "", A));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HEADS.and("sum", A));
    assertTrue(e.getMessage().contains("already has a head named 'sum'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Heads(TRUNK, LinkedHashMap.empty()));
  }

  @Test
  void checkNamesEveryProblem() {
    Heads bad = Heads.of(TRUNK, "sum", A).and("wide", Dense.of(3, 1, Key.of(0)));
    ShapeCheck c = bad.check(Shape.of(4, 2));
    assertEquals(Vector.of("head wide (Dense): Dense expects input (batch, 3), got (4, 2)"), c.problems());
    ShapeCheck trunkProblem = HEADS.check(Shape.of(4, 5));
    assertTrue(trunkProblem.problems().head().startsWith("trunk (Dense): Dense expects input (batch, 2)"),
        trunkProblem.problems().toString());
    Heads ranks = Heads.of(new Identity(), "image", new Identity()).and("flat", new Flatten());
    ShapeCheck joined = ranks.check(Shape.of(2, 3, 4));
    assertTrue(joined.problems().head().startsWith("Heads needs head outputs that agree except in the last axis"),
        joined.problems().toString());
    assertThrows(IllegalArgumentException.class, () -> ranks.apply(Tensor.zeros(2, 3, 4)));
  }

  @Test
  void summaryListsTheTrunkAndTheHeads() {
    Heads h = Heads.of(Sequential.of(TRUNK, new Relu()), "sum", A).and("flip", B);
    Summary s = Summary.of(h, Shape.of(1, 2));
    assertEquals(Vector.of("trunk", "trunk/0", "trunk/1", "sum", "flip"), s.rows().map(Summary.Row::path));
    assertEquals(Shape.of(1, 3), s.output());
  }

  @Test
  void eachPartRunsInItsOwnMode() {
    Heads probes = Heads.of(Probe.fresh(), "a", Probe.fresh()).and("b", Probe.fresh());
    Forward f = probes.forward(Tensor.zeros(1, 1), Mode.train(Key.of(3)));
    Tensor y = f.output();
    // three independent noise draws: trunk's (child 0) plus head a's (child 1), plus head b's (child 2)
    double trunk = Key.of(3).foldIn(0).uniform(1)[0];
    assertEquals(trunk + Key.of(3).foldIn(1).uniform(1)[0], y.get(0, 0));
    assertEquals(trunk + Key.of(3).foldIn(2).uniform(1)[0], y.get(0, 1));
    assertEquals(3 * Probe.PENALTY, f.penalty());
    assertEquals(Tensor.scalar(1), f.next().state().tensor("b/calls"));
    assertEquals(Tensor.scalar(1), f.next().state().tensor("trunk/calls"));
  }
}
