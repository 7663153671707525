package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class ElmanRnnTest {

  /** Relative-error tolerance of finite-difference checks: correct gradients report about 0. */
  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static final Mode TRAIN = Mode.train(Key.of(1));

  /** F = 2, H = 2; rows: W_x (2), W_h (2), bias (1). */
  private static final Tensor W = Tensor.of(new double[][] {{0.5, -0.3}, {0.1, 0.2}, {0.4, 0.0}, {0.0, 0.4}, {0.1, -0.1}});

  /** A 4-feature, 3-unit layer with weights in [-0.8, 0.8]. */
  private static Scan layer() {
    return Scan.of(Sequence.elman(Sequence.uniform(11, -0.8, 0.8, 4 + 3 + 1, 3)));
  }

  @Test
  void oneStepIsTanhOfTheAffineMaps() {
    Tensor x = Tensor.of(new double[] {1, -2}, 1, 1, 2);
    // a = x·W_x + 0·W_h + b = (0.5 - 0.2 + 0.1, -0.3 - 0.4 - 0.1) = (0.4, -0.8)
    Tensor h = Scan.of(Sequence.elman(W)).apply(x);
    assertEquals(Shape.of(1, 1, 2), h.shape());
    assertEquals(0.379948962255225, h.get(0, 0, 0), 1e-15);   // tanh(0.4)
    assertEquals(-0.664036770267849, h.get(0, 0, 1), 1e-15);  // tanh(-0.8)
  }

  @Test
  void secondStepUsesTheFirstHiddenState() {
    Tensor x = Tensor.of(new double[] {1, -2, 0, 1}, 1, 2, 2);
    Tensor h = Scan.of(Sequence.elman(W)).apply(x);
    double h11 = Math.tanh(0.4);
    double h12 = Math.tanh(-0.8);
    // a₂ = (0, 1)·W_x + (h₁₁, h₁₂)·W_h + b = (0.1 + 0.4·h₁₁ + 0.1, 0.2 + 0.4·h₁₂ - 0.1)
    assertEquals(Math.tanh(0.2 + 0.4 * h11), h.get(0, 1, 0), 1e-15);
    assertEquals(Math.tanh(0.1 + 0.4 * h12), h.get(0, 1, 1), 1e-15);
  }

  @Test
  void twoStepBackpropagationThroughTimeByHand() {
    // Scalars: F = H = 1, w_x, w_h, b; L = g₁h₁ + g₂h₂.
    double wx = 0.5;
    double wh = -0.8;
    double b = 0.2;
    double x1 = 1;
    double x2 = -1;
    double g1 = 0.7;
    double g2 = -1.3;
    Scan rnn = Scan.of(new ElmanRnn(Tensor.of(new double[] {wx}, 1, 1), Tensor.of(new double[] {wh}, 1, 1),
        Tensor.vector(b)));
    Tensor x = Tensor.of(new double[] {x1, x2}, 1, 2, 1);
    Forward f = rnn.forward(x, TRAIN);
    Grads grads = f.backward().apply(Tensor.of(new double[] {g1, g2}, 1, 2, 1));

    double h1 = Math.tanh(wx * x1 + b);
    double h2 = Math.tanh(wx * x2 + wh * h1 + b);
    double d2 = g2 * (1 - h2 * h2);
    double d1 = (g1 + d2 * wh) * (1 - h1 * h1);   // g₁ plus what h₁ passes on to step 2
    assertEquals(h1, f.output().at(0), 1e-15);
    assertEquals(h2, f.output().at(1), 1e-15);
    assertEquals(x1 * d1 + x2 * d2, grads.params().tensor("inputWeight").item(), 1e-14);
    assertEquals(0 * d1 + h1 * d2, grads.params().tensor("recurrentWeight").item(), 1e-14);   // h₀ = 0
    assertEquals(d1 + d2, grads.params().tensor("bias").item(), 1e-14);
    assertEquals(wx * d1, grads.input().at(0), 1e-14);
    assertEquals(wx * d2, grads.input().at(1), 1e-14);
    assertEquals(grads.params(), f.backward().paramsOnly(Tensor.of(new double[] {g1, g2}, 1, 2, 1)));
  }

  @Test
  void backpropagationThroughTimeMatchesFiniteDifferences() {
    Tensor x = Sequence.uniform(2, -1.5, 1.5, 3, 5, 4);
    GradientCheck.standard().layer(layer(), x, TRAIN, Key.of(3)).assertPasses(GRADIENT_TOLERANCE);
    Scan carried = layer().carrying(3).withState(Tree.empty().with("hidden", Sequence.uniform(4, -0.9, 0.9, 3, 3)));
    GradientCheck.standard().layer(carried, x, TRAIN, Key.of(5)).assertPasses(GRADIENT_TOLERANCE);
  }

  @Test
  void invalidShapesFailAtConstruction() {
    assertEquals("ElmanRnn needs features >= 1 and hidden >= 1, got features 0, hidden 3",
        assertThrows(IllegalArgumentException.class, () -> ElmanRnn.of(0, 3, Key.of(1))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ElmanRnn.of(2, 0, Key.of(1)));
    assertEquals("ElmanRnn expects an input weight (F, H), a recurrent weight (H, H) and a bias (H) with F, H >= 1,"
        + " got (4, 3), (3, 3), (4)", assertThrows(IllegalArgumentException.class,
            () -> new ElmanRnn(Tensor.zeros(4, 3), Tensor.zeros(3, 3), Tensor.zeros(4))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ElmanRnn(Tensor.zeros(4, 3), Tensor.zeros(3, 4), Tensor.zeros(3)));
    assertThrows(IllegalArgumentException.class, () -> new ElmanRnn(null, Tensor.zeros(3, 3), Tensor.zeros(3)));
  }

  @Test
  void factoryUsesGlorotRowsAndZeroBias() {
    ElmanRnn rnn = ElmanRnn.of(5, 7, Key.of(3));
    assertEquals(Shape.of(5, 7), rnn.inputWeight().shape());
    assertEquals(Shape.of(7, 7), rnn.recurrentWeight().shape());
    assertEquals(Tensor.zeros(7), rnn.bias());
    double limit = Math.sqrt(6.0 / (5 + 7 + 7));
    assertTrue(rnn.inputWeight().abs().max() <= limit && rnn.recurrentWeight().abs().max() <= limit);
    assertEquals(rnn, ElmanRnn.of(5, 7, Key.of(3)), "same key, same cell");
    assertEquals(5, rnn.features());
    assertEquals(7, rnn.hiddenSize());
    assertEquals(Vector.of("inputWeight", "recurrentWeight", "bias"), rnn.params().paths());
    assertEquals(rnn, rnn.withParams(rnn.params()));
  }
}
