package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** The time loop, carried state, truncation and resets of {@link Scan}, on an LSTM cell (two state tensors). */
class ScanTest {

  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static final Mode TRAIN = Mode.train(Key.of(1));

  /** A 4-feature, 3-unit LSTM with weights in [-0.8, 0.8]. */
  private static Scan layer() {
    return Scan.of(Sequence.lstm(Sequence.uniform(21, -0.8, 0.8, 4 + 3 + 1, 4 * 3)));
  }

  private static Tree state(long seed) {
    return Tree.empty().with("hidden", Sequence.uniform(seed, -0.9, 0.9, 2, 3))
        .with("cell", Sequence.uniform(seed + 1, -2, 2, 2, 3));
  }

  @Test
  void carriedStateContinuesTheSequence() {
    Tensor x = Sequence.uniform(6, -1, 1, 2, 6, 4);
    Forward whole = layer().carrying(2).forward(x, TRAIN);
    Forward first = layer().carrying(2).forward(Sequence.steps(x, 0, 3), TRAIN);
    Forward second = first.next().forward(Sequence.steps(x, 3, 6), TRAIN);
    Tensor joined = Sequence.join(first.output(), second.output());
    // The same arithmetic in the same order, up to the blocking of the matrix products.
    assertTrue(joined.allClose(whole.output(), 1e-12, 1e-14), () -> joined + " vs " + whole.output());
    assertTrue(second.next().state().tensor("cell").allClose(whole.next().state().tensor("cell"), 1e-12, 1e-14));
    assertTrue(second.next().state().tensor("hidden").allClose(whole.next().state().tensor("hidden"), 1e-12, 1e-14));
    assertEquals(Sequence.steps(whole.output(), 5, 6).reshape(2, 3), whole.next().state().tensor("hidden"));
  }

  @Test
  void truncationStopsTheGradientAtTheCallBoundary() {
    Tensor x = Sequence.uniform(7, -1, 1, 2, 6, 4);
    Tensor g = Sequence.uniform(8, -1, 1, 2, 3, 3);
    Layer second = layer().carrying(2).forward(Sequence.steps(x, 0, 3), TRAIN).next();
    Forward f2 = second.forward(Sequence.steps(x, 3, 6), TRAIN);
    Tensor truncated = Sequence.stacked(f2.backward().apply(g).params());
    // Truncated BPTT is the exact gradient with the carried (h₃, c₃) held constant ...
    GradientCheck.standard().layer(second, Sequence.steps(x, 3, 6), TRAIN, g).assertPasses(GRADIENT_TOLERANCE);
    // ... and not the full gradient of the same objective, which also flows through steps 1 … 3.
    Grads full = layer().forward(x, TRAIN).backward().apply(Sequence.join(Tensor.zeros(2, 3, 3), g));
    Tensor fullWeight = Sequence.stacked(full.params());
    assertTrue(truncated.maxAbsDifference(fullWeight) > 1e-3 * fullWeight.abs().max(),
        "the truncated gradient must leave out the first call's contribution");
    assertTrue(Sequence.steps(full.input(), 0, 3).abs().max() > 1e-3, "the full gradient reaches x₁ … x₃");
    assertEquals(Shape.of(2, 3, 4), f2.backward().apply(g).input().shape());
  }

  @Test
  void stateIsCarriedOnlyInTrainingUnlessAlways() {
    Scan training = layer().carrying(2).withState(state(9));
    Tensor x = Sequence.uniform(11, -1, 1, 2, 2, 4);
    Forward eval = training.forward(x, Mode.eval());
    assertSame(training, eval.next(), "evaluation must not change the state");
    assertEquals(layer().apply(x), eval.output(), "evaluation starts from zeros");
    assertSame(training, training.forward(x, Mode.sample(Key.of(1))).next());
    assertEquals(layer().apply(Sequence.uniform(10, -1, 1, 5, 2, 4)),
        training.apply(Sequence.uniform(10, -1, 1, 5, 2, 4)), "evaluation accepts any batch");
    Forward train = training.forward(x, TRAIN);
    assertFalse(train.output().equals(eval.output()), "training starts from the carried state");
    Forward always = layer().carrying(Carry.ALWAYS, 2).withState(state(9)).forward(x, Mode.eval());
    assertEquals(train.output(), always.output(), "ALWAYS starts from the carried state in evaluation too");
    assertEquals(train.next().state(), always.next().state());
  }

  @Test
  void statelessResetAndCarrying() {
    Forward f = layer().forward(Sequence.uniform(1, -1, 1, 2, 3, 4), TRAIN);
    assertTrue(f.next().state().paths().isEmpty());
    assertEquals(layer(), f.next());
    Scan next = (Scan) layer().carrying(2).forward(Sequence.uniform(1, -1, 1, 2, 3, 4), TRAIN).next();
    assertTrue(next.state().tensor("cell").abs().max() > 0 && next.hidden().abs().max() > 0);
    assertEquals(layer().carrying(2), next.reset());
    assertEquals(layer(), next.stateless());
    assertEquals(layer(), next.carrying(Carry.NONE, 5));
    assertEquals(layer(), layer().reset());
    assertEquals(Shape.of(0, 3), layer().hidden().shape());
    assertEquals(Vector.of("hidden", "cell"), next.state().paths());
    assertEquals(Vector.of("inputWeight", "recurrentWeight", "bias"), next.params().paths());
    assertEquals(next, next.withParams(next.params()));
  }

  @Test
  void shapeErrorsNameTheLayerAndBothShapes() {
    assertEquals("Scan(Lstm) expects input (batch, time, 4) with batch, time >= 1, got (2, 5, 3)",
        assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 5, 3), TRAIN)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 4), TRAIN))
        .getMessage().contains("got (2, 4)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> layer().carrying(3).forward(Tensor.zeros(2, 5, 4), TRAIN))
        .getMessage().startsWith("Scan(Lstm) carries a state for batch 3 and expects input (3, time, 4), got (2, 5, 4)"));
    assertEquals("Scan(Lstm) backward expects a gradient of the output's shape (2, 5, 3), got (2, 3)",
        assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 5, 4), TRAIN).backward()
            .paramsOnly(Tensor.zeros(2, 3))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 0, 4), TRAIN))
        .getMessage().contains("got (2, 0, 4)"));
  }

  @Test
  void checkPredictsShapesWithoutComputing() {
    // A (10⁶, 10⁶, 4) input could not even be allocated: check must not compute.
    ShapeCheck ok = layer().check(Shape.of(1_000_000, 1_000_000, 4));
    assertTrue(ok.fits(), ok.toString());
    assertEquals(Shape.of(1_000_000, 1_000_000, 3), ok.output());
    ShapeCheck bad = layer().check(Shape.of(2, 7, 5));
    assertEquals(Shape.of(2, 7, 3), bad.output());
    assertEquals(1, bad.problems().size());
    assertFalse(layer().carrying(3).check(Shape.of(2, 7, 4)).fits());
  }

  @Test
  void theCarriedStateIsValidated() {
    Scan carrying = layer().carrying(2);
    assertEquals("Scan(Lstm) state must have the leaves [hidden, cell], got [hidden (2, 3)]",
        assertThrows(IllegalArgumentException.class,
            () -> carrying.withState(Tree.empty().with("hidden", Tensor.zeros(2, 3)))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> carrying.withState(Tree.empty()
        .with("hidden", Tensor.zeros(2, 3)).with("cell", Tensor.zeros(1, 3))));
    assertThrows(IllegalArgumentException.class, () -> layer().withState(state(1)));
    assertEquals(layer().carrying(5), carrying.withState(Tree.empty()
        .with("hidden", Tensor.zeros(5, 3)).with("cell", Tensor.zeros(5, 3))));
    assertThrows(IllegalArgumentException.class, () -> layer().carrying(Carry.ALWAYS, 0));
    assertThrows(IllegalArgumentException.class, () -> new Scan(layer().cell(), Carry.NONE, state(1)));
    assertThrows(IllegalArgumentException.class, () -> new Scan(layer().cell(), Carry.TRAINING, Tree.empty()));
    assertThrows(IllegalArgumentException.class, () -> new Scan(null, Carry.NONE, Tree.empty()));
  }
}
