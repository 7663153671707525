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

class LstmTest {

  /** Relative-error tolerance of finite-difference checks: correct gradients report about 0. */
  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static final Mode TRAIN = Mode.train(Key.of(1));

  /** A 4-feature, 3-unit LSTM with weights in [-0.8, 0.8]. */
  private static Lstm layer() {
    return Lstm.of(Sequence.uniform(21, -0.8, 0.8, 4 + 3 + 1, 4 * 3));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** F = H = 1; columns forget, input, candidate, output; rows w_x, w_h, b. */
  private static final double[][] SCALAR_W = {
      {0.1, 0.2, 0.3, 0.4},
      {-0.5, 0.6, -0.7, 0.8},
      {1.0, 0.0, -0.1, 0.2}};

  @Test
  void oneStepFromACarriedStateByHand() {
    Lstm lstm = (Lstm) Lstm.of(Tensor.of(SCALAR_W)).carrying(1)
        .withState(Tree.empty().with("hidden", Tensor.of(new double[] {0.3}, 1, 1))
            .with("cell", Tensor.of(new double[] {-0.9}, 1, 1)));
    double x = 0.5;
    double h0 = 0.3;
    double c0 = -0.9;
    Forward out = lstm.forward(Tensor.of(new double[] {x}, 1, 1, 1), TRAIN);

    double f = sigmoid(0.1 * x - 0.5 * h0 + 1.0);   // sigmoid(0.9)
    double i = sigmoid(0.2 * x + 0.6 * h0 + 0.0);   // sigmoid(0.28)
    double g = Math.tanh(0.3 * x - 0.7 * h0 - 0.1); // tanh(-0.16)
    double o = sigmoid(0.4 * x + 0.8 * h0 + 0.2);   // sigmoid(0.64)
    double c = f * c0 + i * g;
    double h = o * Math.tanh(c);
    // Worked separately: f = 0.710950, i = 0.569546, g = -0.158649, o = 0.654753.
    assertEquals(-0.730212, c, 1e-6);
    assertEquals(-0.408039, h, 1e-6);
    assertEquals(h, out.output().item(), 1e-15);
    assertEquals(h, out.next().state().tensor("hidden").item(), 1e-15);
    assertEquals(c, out.next().state().tensor("cell").item(), 1e-15);
  }

  @Test
  void oneStepBackwardByHand() {
    Lstm lstm = Lstm.of(Tensor.of(SCALAR_W));
    double x = 0.5;
    double gamma = 1.7;
    Forward out = lstm.forward(Tensor.of(new double[] {x}, 1, 1, 1), TRAIN);
    Grads grads = out.backward().apply(Tensor.of(new double[] {gamma}, 1, 1, 1));

    double f = sigmoid(0.1 * x + 1.0);
    double i = sigmoid(0.2 * x);
    double g = Math.tanh(0.3 * x - 0.1);
    double o = sigmoid(0.4 * x + 0.2);
    double c = i * g;   // c₀ = 0
    double tc = Math.tanh(c);
    double dc = gamma * o * (1 - tc * tc);
    double[] dz = {
        dc * 0 * f * (1 - f),   // the forget gate acts on c₀ = 0
        dc * g * i * (1 - i),
        dc * i * (1 - g * g),
        gamma * tc * o * (1 - o)};
    Tensor dw = grads.params().tensor("weight");
    for (int k = 0; k < 4; k++) {
      assertEquals(x * dz[k], dw.get(0, k), 1e-15, "∂L/∂w_x of gate " + k);
      assertEquals(0.0, dw.get(1, k), 1e-15, "∂L/∂w_h of gate " + k + " (h₀ = 0)");
      assertEquals(dz[k], dw.get(2, k), 1e-15, "∂L/∂b of gate " + k);
    }
    double dx = 0.1 * dz[0] + 0.2 * dz[1] + 0.3 * dz[2] + 0.4 * dz[3];
    assertEquals(dx, grads.input().item(), 1e-15);
  }

  @Test
  void backpropagationThroughTimeMatchesFiniteDifferences() {
    Tensor x = Sequence.uniform(2, -1.5, 1.5, 3, 5, 4);
    GradientCheck.standard().layer(layer(), x, TRAIN, Key.of(3)).assertPasses(GRADIENT_TOLERANCE);
    Layer carried = layer().carrying(3).withState(Tree.empty()
        .with("hidden", Sequence.uniform(4, -0.9, 0.9, 3, 3))
        .with("cell", Sequence.uniform(5, -2, 2, 3, 3)));
    GradientCheck.standard().layer(carried, x, TRAIN, Key.of(6)).assertPasses(GRADIENT_TOLERANCE);
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
  }

  @Test
  void truncationStopsTheGradientAtTheCallBoundary() {
    Tensor x = Sequence.uniform(7, -1, 1, 2, 6, 4);
    Tensor g = Sequence.uniform(8, -1, 1, 2, 3, 3);
    Layer second = layer().carrying(2).forward(Sequence.steps(x, 0, 3), TRAIN).next();
    Tensor truncated = second.forward(Sequence.steps(x, 3, 6), TRAIN).backward().apply(g).params().tensor("weight");
    GradientCheck.standard().layer(second, Sequence.steps(x, 3, 6), TRAIN, g).assertPasses(GRADIENT_TOLERANCE);
    Tensor full = layer().forward(x, TRAIN).backward().apply(Sequence.join(Tensor.zeros(2, 3, 3), g))
        .params().tensor("weight");
    assertTrue(truncated.maxAbsDifference(full) > 1e-3 * full.abs().max(),
        "the truncated gradient must leave out the first call's contribution");
  }

  @Test
  void evaluationLeavesTheStateAloneUnlessAlways() {
    Tree state = Tree.empty().with("hidden", Sequence.uniform(9, -0.9, 0.9, 2, 3))
        .with("cell", Sequence.uniform(10, -2, 2, 2, 3));
    Layer training = layer().carrying(2).withState(state);
    Tensor x = Sequence.uniform(11, -1, 1, 2, 2, 4);
    Forward eval = training.forward(x, Mode.eval());
    assertSame(training, eval.next());
    assertEquals(layer().apply(x), eval.output());
    Forward always = layer().carrying(Carry.ALWAYS, 2).withState(state).forward(x, Mode.eval());
    Forward train = training.forward(x, TRAIN);
    assertEquals(train.output(), always.output());
    assertEquals(train.next().state(), always.next().state());
    assertFalse(train.output().equals(eval.output()));
  }

  @Test
  void factorySetsTheForgetBiasToOne() {
    Lstm lstm = Lstm.of(5, 6, Key.of(2));
    assertEquals(Shape.of(5 + 6 + 1, 4 * 6), lstm.weight().shape());
    assertEquals(Tensor.ones(6), lstm.gateWeight(Lstm.FORGET).index(5 + 6));
    for (int k : new int[] {Lstm.INPUT, Lstm.CANDIDATE, Lstm.OUTPUT}) {
      assertEquals(Tensor.zeros(6), lstm.gateWeight(k).index(5 + 6), "bias of gate " + k);
      assertTrue(lstm.gateWeight(k).slice(0, 11).abs().max() > 0);
    }
    assertEquals(lstm, Lstm.of(5, 6, Key.of(2)));
    assertEquals(5, lstm.features());
    assertEquals(6, lstm.hiddenSize());
    assertThrows(IllegalArgumentException.class, () -> lstm.gateWeight(4));
  }

  @Test
  void gateBlocksAreTheColumnBlocksOfW() {
    Lstm lstm = layer();
    for (int k = 0; k < 4; k++) {
      for (int r = 0; r < 8; r++) {
        for (int j = 0; j < 3; j++) {
          assertEquals(lstm.weight().get(r, 3 * k + j), lstm.gateWeight(k).get(r, j));
        }
      }
    }
  }

  @Test
  void shapeErrorsNameTheLayerAndBothShapes() {
    assertEquals("Lstm expects input (batch, time, 4) with batch, time >= 1, got (2, 5, 3)",
        assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 5, 3), TRAIN)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> layer().carrying(3).forward(Tensor.zeros(2, 5, 4), TRAIN))
        .getMessage().startsWith("Lstm carries a state for batch 3 and expects input (3, time, 4), got (2, 5, 4)"));
    assertEquals("Lstm backward expects a gradient of the output's shape (2, 5, 3), got (2, 3)",
        assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 5, 4), TRAIN).backward()
            .paramsOnly(Tensor.zeros(2, 3))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> layer().forward(Tensor.zeros(2, 0, 4), TRAIN))
        .getMessage().contains("got (2, 0, 4)"));
  }

  @Test
  void checkPredictsShapesWithoutComputing() {
    ShapeCheck ok = layer().check(Shape.of(1_000_000, 1_000_000, 4));
    assertTrue(ok.fits());
    assertEquals(Shape.of(1_000_000, 1_000_000, 3), ok.output());
    assertFalse(layer().check(Shape.of(2, 3, 5)).fits());
  }

  @Test
  void invalidHyperparametersFailAtConstruction() {
    assertEquals("Lstm needs features >= 1 and hidden >= 1, got features 3, hidden 0",
        assertThrows(IllegalArgumentException.class, () -> Lstm.of(3, 0, Key.of(1))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Lstm.of(Tensor.zeros(8, 10))).getMessage()
        .contains("got (8, 10)"));
    assertThrows(IllegalArgumentException.class, () -> Lstm.of(Tensor.zeros(4, 12)));
    assertThrows(IllegalArgumentException.class, () -> layer().carrying(Carry.ALWAYS, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new Lstm(Tensor.zeros(8, 12), Carry.TRAINING, Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
    assertThrows(IllegalArgumentException.class, () -> layer().carrying(2)
        .withState(Tree.empty().with("hidden", Tensor.zeros(2, 3)).with("cell", Tensor.zeros(1, 3))));
  }

  @Test
  void resetAndStatelessDropTheCarriedState() {
    Lstm next = (Lstm) layer().carrying(2).forward(Sequence.uniform(1, -1, 1, 2, 3, 4), TRAIN).next();
    assertTrue(next.cell().abs().max() > 0);
    assertEquals(layer().carrying(2), next.reset());
    assertEquals(layer(), next.stateless());
    assertTrue(next.stateless().state().paths().isEmpty());
    assertEquals(io.vavr.collection.Vector.of("hidden", "cell"), next.state().paths());
  }
}
