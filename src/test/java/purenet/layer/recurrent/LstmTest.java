package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class LstmTest {

  /** Relative-error tolerance of finite-difference checks: correct gradients report about 0. */
  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static final Mode TRAIN = Mode.train(Key.of(1));

  /** A 4-feature, 3-unit LSTM with weights in [-0.8, 0.8]. */
  private static Scan layer() {
    return Scan.of(Sequence.lstm(Sequence.uniform(21, -0.8, 0.8, 4 + 3 + 1, 4 * 3)));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** F = H = 1; columns input, forget, candidate, output; rows w_x, w_h, b. */
  private static final double[][] SCALAR_W = {
      {0.2, 0.1, 0.3, 0.4},
      {0.6, -0.5, -0.7, 0.8},
      {0.0, 1.0, -0.1, 0.2}};

  @Test
  void oneStepFromACarriedStateByHand() {
    Scan lstm = Scan.of(Sequence.lstm(Tensor.of(SCALAR_W))).carrying(1)
        .withState(Tree.empty().with("hidden", Tensor.of(new double[] {0.3}, 1, 1))
            .with("cell", Tensor.of(new double[] {-0.9}, 1, 1)));
    double x = 0.5;
    double h0 = 0.3;
    double c0 = -0.9;
    Forward out = lstm.forward(Tensor.of(new double[] {x}, 1, 1, 1), TRAIN);

    double i = sigmoid(0.2 * x + 0.6 * h0 + 0.0);   // sigmoid(0.28)
    double f = sigmoid(0.1 * x - 0.5 * h0 + 1.0);   // sigmoid(0.9)
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
    Scan lstm = Scan.of(Sequence.lstm(Tensor.of(SCALAR_W)));
    double x = 0.5;
    double gamma = 1.7;
    Forward out = lstm.forward(Tensor.of(new double[] {x}, 1, 1, 1), TRAIN);
    Grads grads = out.backward().apply(Tensor.of(new double[] {gamma}, 1, 1, 1));

    double i = sigmoid(0.2 * x);
    double f = sigmoid(0.1 * x + 1.0);
    double g = Math.tanh(0.3 * x - 0.1);
    double o = sigmoid(0.4 * x + 0.2);
    double c = i * g;   // c₀ = 0
    double tc = Math.tanh(c);
    double dc = gamma * o * (1 - tc * tc);
    double[] dz = {
        dc * g * i * (1 - i),
        dc * 0 * f * (1 - f),   // the forget gate acts on c₀ = 0
        dc * i * (1 - g * g),
        gamma * tc * o * (1 - o)};
    Tensor dw = Sequence.stacked(grads.params());
    for (int k = 0; k < 4; k++) {
      assertEquals(x * dz[k], dw.get(0, k), 1e-15, "∂L/∂w_x of gate " + k);
      assertEquals(0.0, dw.get(1, k), 1e-15, "∂L/∂w_h of gate " + k + " (h₀ = 0)");
      assertEquals(dz[k], dw.get(2, k), 1e-15, "∂L/∂b of gate " + k);
    }
    double dx = 0.2 * dz[0] + 0.1 * dz[1] + 0.3 * dz[2] + 0.4 * dz[3];
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
  void factorySetsTheForgetBiasToOne() {
    Lstm lstm = Lstm.of(5, 6, Key.of(2));
    assertEquals(Shape.of(5, 4 * 6), lstm.inputWeight().shape());
    assertEquals(Shape.of(6, 4 * 6), lstm.recurrentWeight().shape());
    for (int j = 0; j < 4 * 6; j++) {
      assertEquals(j / 6 == Lstm.FORGET ? 1.0 : 0.0, lstm.bias().at(j), "bias " + j);
    }
    assertTrue(lstm.inputWeight().abs().max() > 0 && lstm.recurrentWeight().abs().max() > 0);
    assertEquals(lstm, Lstm.of(5, 6, Key.of(2)));
    assertEquals(5, lstm.features());
    assertEquals(6, lstm.hiddenSize());
    assertEquals(Vector.of("hidden", "cell"), lstm.stateNames());
    assertEquals(lstm, lstm.withParams(lstm.params()));
  }

  @Test
  void invalidShapesFailAtConstruction() {
    assertEquals("Lstm needs features >= 1 and hidden >= 1, got features 3, hidden 0",
        assertThrows(IllegalArgumentException.class, () -> Lstm.of(3, 0, Key.of(1))).getMessage());
    assertEquals("Lstm expects an input weight (F, 4H), a recurrent weight (H, 4H) and a bias (4H) with F, H >= 1,"
        + " got (4, 12), (3, 10), (12)", assertThrows(IllegalArgumentException.class,
            () -> new Lstm(Tensor.zeros(4, 12), Tensor.zeros(3, 10), Tensor.zeros(12))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Lstm(Tensor.zeros(4, 12), Tensor.zeros(3, 12), Tensor.zeros(3)));
  }
}
