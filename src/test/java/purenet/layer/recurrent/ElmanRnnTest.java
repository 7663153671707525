package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class ElmanRnnTest {

  /** Relative-error tolerance of finite-difference checks: correct gradients report about 0. */
  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static final Mode TRAIN = Mode.train(Key.of(1));
  private static final Mode EVAL = Mode.eval();

  /** A 4-feature, 3-unit layer with weights in [-0.8, 0.8]. */
  private static ElmanRnn layer() {
    return ElmanRnn.of(Sequence.uniform(11, -0.8, 0.8, 4 + 3 + 1, 3));
  }

  @Test
  void oneStepIsTanhOfTheConcatenationTimesW() {
    // F = 2, H = 2; rows: W_x (2), W_h (2), bias (1).
    Tensor w = Tensor.of(new double[][] {{0.5, -0.3}, {0.1, 0.2}, {0.4, 0.0}, {0.0, 0.4}, {0.1, -0.1}});
    ElmanRnn rnn = ElmanRnn.of(w);
    Tensor x = Tensor.of(new double[] {1, -2}, 1, 1, 2);
    // a = [1, -2, 0, 0, 1]·W = (0.5 - 0.2 + 0.1, -0.3 - 0.4 - 0.1) = (0.4, -0.8)
    Tensor h = rnn.apply(x);
    assertEquals(Shape.of(1, 1, 2), h.shape());
    assertEquals(0.379948962255225, h.get(0, 0, 0), 1e-15);   // tanh(0.4)
    assertEquals(-0.664036770267849, h.get(0, 0, 1), 1e-15);  // tanh(-0.8)
  }

  @Test
  void secondStepUsesTheFirstHiddenState() {
    Tensor w = Tensor.of(new double[][] {{0.5, -0.3}, {0.1, 0.2}, {0.4, 0.0}, {0.0, 0.4}, {0.1, -0.1}});
    Tensor x = Tensor.of(new double[] {1, -2, 0, 1}, 1, 2, 2);
    Tensor h = ElmanRnn.of(w).apply(x);
    double h11 = Math.tanh(0.4);
    double h12 = Math.tanh(-0.8);
    // a₂ = [0, 1, h₁₁, h₁₂, 1]·W = (0.1 + 0.4·h₁₁ + 0.1, 0.2 + 0.4·h₁₂ - 0.1)
    assertEquals(Math.tanh(0.2 + 0.4 * h11), h.get(0, 1, 0), 1e-15);
    assertEquals(Math.tanh(0.1 + 0.4 * h12), h.get(0, 1, 1), 1e-15);
  }

  @Test
  void twoStepBackpropagationThroughTimeByHand() {
    // Scalars: F = H = 1, W = [w_x, w_h, b]; L = g₁h₁ + g₂h₂.
    double wx = 0.5;
    double wh = -0.8;
    double b = 0.2;
    double x1 = 1;
    double x2 = -1;
    double g1 = 0.7;
    double g2 = -1.3;
    ElmanRnn rnn = ElmanRnn.of(Tensor.of(new double[] {wx, wh, b}, 3, 1));
    Tensor x = Tensor.of(new double[] {x1, x2}, 1, 2, 1);
    Forward f = rnn.forward(x, TRAIN);
    Grads grads = f.backward().apply(Tensor.of(new double[] {g1, g2}, 1, 2, 1));

    double h1 = Math.tanh(wx * x1 + b);
    double h2 = Math.tanh(wx * x2 + wh * h1 + b);
    double d2 = g2 * (1 - h2 * h2);
    double d1 = (g1 + d2 * wh) * (1 - h1 * h1);   // g₁ plus what h₁ passes on to step 2
    assertEquals(h1, f.output().at(0), 1e-15);
    assertEquals(h2, f.output().at(1), 1e-15);
    Tensor dw = grads.params().tensor("weight");
    assertEquals(x1 * d1 + x2 * d2, dw.at(0), 1e-14);     // ∂L/∂w_x
    assertEquals(0 * d1 + h1 * d2, dw.at(1), 1e-14);      // ∂L/∂w_h, h₀ = 0
    assertEquals(d1 + d2, dw.at(2), 1e-14);               // ∂L/∂b
    assertEquals(wx * d1, grads.input().at(0), 1e-14);
    assertEquals(wx * d2, grads.input().at(1), 1e-14);
  }

  @Test
  void backpropagationThroughTimeMatchesFiniteDifferences() {
    Tensor x = Sequence.uniform(2, -1.5, 1.5, 3, 5, 4);
    GradientCheck.standard().layer(layer(), x, TRAIN, Key.of(3)).assertPasses(GRADIENT_TOLERANCE);
    ElmanRnn carried = (ElmanRnn) layer().carrying(3)
        .withState(Tree.empty().with("hidden", Sequence.uniform(4, -0.9, 0.9, 3, 3)));
    GradientCheck.standard().layer(carried, x, TRAIN, Key.of(5)).assertPasses(GRADIENT_TOLERANCE);
  }

  @Test
  void carriedStateContinuesTheSequence() {
    Tensor x = Sequence.uniform(6, -1, 1, 2, 6, 4);
    Tensor whole = layer().forward(x, TRAIN).output();
    Forward first = layer().carrying(2).forward(Sequence.steps(x, 0, 3), TRAIN);
    Forward second = first.next().forward(Sequence.steps(x, 3, 6), TRAIN);
    Tensor joined = Sequence.join(first.output(), second.output());
    // The same arithmetic in the same order, up to the blocking of the matrix products.
    assertTrue(joined.allClose(whole, 1e-12, 1e-14), () -> joined + " vs " + whole);
    assertTrue(second.next().state().tensor("hidden").allClose(Sequence.steps(whole, 5, 6).reshape(2, 3), 1e-12, 1e-14));
  }

  @Test
  void truncationStopsTheGradientAtTheCallBoundary() {
    Tensor x = Sequence.uniform(7, -1, 1, 2, 6, 4);
    Tensor g = Sequence.uniform(8, -1, 1, 2, 3, 3);
    Forward first = layer().carrying(2).forward(Sequence.steps(x, 0, 3), TRAIN);
    Layer second = first.next();
    Forward f2 = second.forward(Sequence.steps(x, 3, 6), TRAIN);
    Tensor truncated = f2.backward().apply(g).params().tensor("weight");

    // Truncated BPTT is the exact gradient with the carried h₃ held constant ...
    GradientCheck.standard().layer(second, Sequence.steps(x, 3, 6), TRAIN, g).assertPasses(GRADIENT_TOLERANCE);
    // ... and not the full gradient of the same objective, which also flows through h₁ … h₃.
    Forward whole = layer().forward(x, TRAIN);
    Grads full = whole.backward().apply(Sequence.join(Tensor.zeros(2, 3, 3), g));
    Tensor fullWeight = full.params().tensor("weight");
    assertTrue(truncated.maxAbsDifference(fullWeight) > 1e-3 * fullWeight.abs().max(),
        "the truncated gradient must leave out the first call's contribution");
    assertTrue(Sequence.steps(full.input(), 0, 3).abs().max() > 1e-3, "the full gradient reaches x₁ … x₃");
    assertEquals(Shape.of(2, 3, 4), f2.backward().apply(g).input().shape());
  }

  @Test
  void stateIsCarriedOnlyInTrainingUnlessAlways() {
    Tensor carried = Sequence.uniform(9, -0.9, 0.9, 2, 3);
    ElmanRnn training = (ElmanRnn) layer().carrying(2).withState(Tree.empty().with("hidden", carried));
    Tensor x = Sequence.uniform(10, -1, 1, 2, 2, 4);

    Forward eval = training.forward(x, EVAL);
    assertSame(training, eval.next(), "evaluation must not change the state");
    assertEquals(layer().apply(x), eval.output(), "evaluation starts from zeros");
    assertSame(training, training.forward(x, Mode.sample(Key.of(1))).next());
    assertEquals(layer().apply(Sequence.uniform(10, -1, 1, 5, 2, 4)),
        training.apply(Sequence.uniform(10, -1, 1, 5, 2, 4)), "evaluation accepts any batch");

    Forward train = training.forward(x, TRAIN);
    assertFalse(train.output().equals(eval.output()), "training starts from the carried state");
    assertEquals(Sequence.steps(train.output(), 1, 2).reshape(2, 3), train.next().state().tensor("hidden"));

    Layer always = layer().carrying(Carry.ALWAYS, 2).withState(Tree.empty().with("hidden", carried));
    Forward alwaysEval = always.forward(x, EVAL);
    assertEquals(train.output(), alwaysEval.output(), "ALWAYS starts from the carried state in evaluation too");
    assertEquals(train.next().state(), alwaysEval.next().state());
  }

  @Test
  void statelessLayerKeepsNoState() {
    Forward f = layer().forward(Sequence.uniform(1, -1, 1, 2, 3, 4), TRAIN);
    assertSame(Tree.empty().getClass(), f.next().state().getClass());
    assertTrue(f.next().state().paths().isEmpty());
    assertEquals(layer(), f.next());
  }

  @Test
  void resetZeroesTheCarriedStateAndKeepsTheBatch() {
    Forward f = layer().carrying(2).forward(Sequence.uniform(1, -1, 1, 2, 3, 4), TRAIN);
    ElmanRnn next = (ElmanRnn) f.next();
    assertTrue(next.hidden().abs().max() > 0);
    assertEquals(layer().carrying(2), next.reset());
    assertEquals(layer(), next.stateless());
  }

  @Test
  void shapeErrorsNameTheLayerAndBothShapes() {
    IllegalArgumentException wrongFeatures = assertThrows(IllegalArgumentException.class,
        () -> layer().forward(Tensor.zeros(2, 5, 3), TRAIN));
    assertEquals("ElmanRnn expects input (batch, time, 4) with batch, time >= 1, got (2, 5, 3)",
        wrongFeatures.getMessage());
    IllegalArgumentException notSequence = assertThrows(IllegalArgumentException.class,
        () -> layer().forward(Tensor.zeros(2, 4), TRAIN));
    assertTrue(notSequence.getMessage().contains("got (2, 4)"), notSequence.getMessage());
    assertEquals("ElmanRnn backward expects a gradient of the output's shape (2, 5, 3), got (2, 5, 4)",
        assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 5, 4), TRAIN).backward()
            .apply(Tensor.zeros(2, 5, 4))).getMessage());
    IllegalArgumentException wrongBatch = assertThrows(IllegalArgumentException.class,
        () -> layer().carrying(3).forward(Tensor.zeros(2, 5, 4), TRAIN));
    assertTrue(wrongBatch.getMessage().startsWith("ElmanRnn carries a state for batch 3 and expects input (3, time, 4),"
        + " got (2, 5, 4)"), wrongBatch.getMessage());
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
    assertTrue(bad.problems().get(0).contains("got (2, 7, 5)"));
    assertFalse(layer().carrying(3).check(Shape.of(2, 7, 4)).fits());
  }

  @Test
  void invalidHyperparametersFailAtConstruction() {
    assertEquals("ElmanRnn needs features >= 1 and hidden >= 1, got features 0, hidden 3",
        assertThrows(IllegalArgumentException.class, () -> ElmanRnn.of(0, 3, Key.of(1))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ElmanRnn.of(2, 0, Key.of(1)));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ElmanRnn.of(Tensor.zeros(4, 3))).getMessage()
        .contains("got (4, 3)"));
    assertThrows(IllegalArgumentException.class, () -> layer().carrying(0));
    assertThrows(IllegalArgumentException.class, () -> new ElmanRnn(Tensor.zeros(8, 3), null, Tensor.zeros(0, 3)));
    assertThrows(IllegalArgumentException.class, () -> new ElmanRnn(Tensor.zeros(8, 3), Carry.NONE, Tensor.zeros(2, 3)));
    assertThrows(IllegalArgumentException.class, () -> new ElmanRnn(Tensor.zeros(8, 3), Carry.TRAINING, Tensor.zeros(2, 4)));
  }

  @Test
  void withStateChecksTheTree() {
    ElmanRnn carrying = layer().carrying(2);
    assertThrows(IllegalArgumentException.class, () -> carrying.withState(Tree.empty().with("cell", Tensor.zeros(2, 3))));
    assertThrows(IllegalArgumentException.class, () -> carrying.withState(Tree.empty().with("hidden", Tensor.zeros(2, 4))));
    assertThrows(IllegalArgumentException.class, () -> layer().withState(Tree.empty().with("hidden", Tensor.zeros(2, 3))));
    assertEquals(layer().carrying(5), carrying.withState(Tree.empty().with("hidden", Tensor.zeros(5, 3))));
  }

  @Test
  void factoryUsesGlorotRowsAndZeroBias() {
    ElmanRnn rnn = ElmanRnn.of(5, 7, Key.of(3));
    assertEquals(Shape.of(5 + 7 + 1, 7), rnn.weight().shape());
    assertEquals(Tensor.zeros(7), rnn.bias());
    double limit = Math.sqrt(6.0 / (5 + 7 + 7));
    assertTrue(rnn.inputWeight().abs().max() <= limit && rnn.recurrentWeight().abs().max() <= limit);
    assertEquals(rnn, ElmanRnn.of(5, 7, Key.of(3)), "same key, same layer");
    assertEquals(5, rnn.features());
    assertEquals(7, rnn.hiddenSize());
  }
}
