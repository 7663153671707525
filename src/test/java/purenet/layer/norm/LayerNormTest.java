package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class LayerNormTest {
  private static final Mode TRAIN = Mode.train(Key.of(0));

  @Test
  void eachExampleIsNormalizedOverItsFeatures() {
    // Row {1, 3}: mean 2, variance 1; row {0, 4}: mean 2, variance 4.
    Tensor x = Tensor.of(new double[][] {{1, 3}, {0, 4}});
    double eps = 1e-5;
    Tensor y = LayerNorm.of(2).forward(x, TRAIN).output();
    double a = 1 / Math.sqrt(1 + eps);
    double b = 2 / Math.sqrt(4 + eps);
    assertTrue(y.allClose(Tensor.of(new double[][] {{-a, a}, {-b, b}}), 1e-14, 0), y.toString());
  }

  @Test
  void sequencesAreNormalizedPerTimeStepWithElementwiseAffine() {
    Tensor x = Numeric.normal(Key.of(1), 2, 5, 4).mul(3);
    Tensor u = Numeric.normal(Key.of(2), 2, 5, 4);
    LayerNorm ln = new LayerNorm(Numeric.normal(Key.of(3), 4), Numeric.normal(Key.of(4), 4), 1e-3);
    Forward seq = ln.forward(x, TRAIN);
    Forward flat = ln.forward(x.reshape(10, 4), TRAIN);
    assertEquals(flat.output().reshape(2, 5, 4), seq.output());
    Grads a = seq.backward().apply(u);
    Grads b = flat.backward().apply(u.reshape(10, 4));
    assertEquals(b.input().reshape(2, 5, 4), a.input());
    assertTrue(a.params().allClose(b.params(), 1e-12, 1e-12));
  }

  @Test
  void imagesAreNormalizedOverChannelsAndSpace() {
    Tensor x = Numeric.normal(Key.of(5), 3, 2, 3, 3).mul(2).add(5);
    Tensor y = LayerNorm.of(2, 3, 3).withEpsilon(1e-12).forward(x, Mode.eval()).output();
    for (int b = 0; b < 3; b++) {
      Tensor row = y.index(b);
      // ε = 1e-12 against a variance of order 4 leaves 1e-13 of bias; rounding ~1e-15.
      assertEquals(0, row.mean(), 1e-12);
      assertEquals(1, row.square().mean(), 1e-10);
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    LayerNorm ln = new LayerNorm(Numeric.normal(Key.of(6), 2, 3), Numeric.normal(Key.of(7), 2, 3), 1e-3);
    Tensor x = Numeric.normal(Key.of(8), 4, 2, 3);
    Tensor u = Numeric.normal(Key.of(9), 4, 2, 3);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(ln, x, TRAIN, u).assertPasses(1e-6);
  }

  @Test
  void trainingAndEvaluationAgreeAndKeepTheLayer() {
    LayerNorm ln = LayerNorm.of(3);
    Tensor x = Numeric.normal(Key.of(10), 4, 3);
    Forward t = ln.forward(x, TRAIN);
    assertSame(ln, t.next());
    assertEquals(ln.apply(x), t.output());
  }

  @Test
  void validation() {
    BatchNormTest.assertMessage(() -> LayerNorm.of(3, 4).forward(Tensor.zeros(2, 4, 3), TRAIN),
        "LayerNorm expects input (batch, ..., 3, 4), got (2, 4, 3)");
    BatchNormTest.assertMessage(() -> LayerNorm.of(3).forward(Tensor.zeros(3), TRAIN), "got (3)");
    BatchNormTest.assertMessage(() -> LayerNorm.of(3).withEpsilon(-1), "epsilon must be > 0", "-1");
    BatchNormTest.assertMessage(() -> new LayerNorm(Tensor.ones(3), Tensor.zeros(2, 3), 1e-5), "(3)", "(2, 3)");
    BatchNormTest.assertMessage(() -> LayerNorm.of(0), "non-empty", "(0)");
    assertTrue(LayerNorm.of(3, 4).check(Shape.of(7, 3, 4)).fits());
    assertFalse(LayerNorm.of(3, 4).check(Shape.of(3, 4)).fits());
  }
}
