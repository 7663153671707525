package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Dense;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class WeightNormTest {
  private static final Mode TRAIN = Mode.train(Key.of(0));

  @Test
  void wrappingADenseLayerKeepsItsFunction() {
    Dense dense = Dense.of(4, 3, Key.of(1)).withBias(0.2);
    WeightNorm wn = WeightNorm.of(dense);
    Tensor x = Numeric.normal(Key.of(2), 5, 4);
    assertTrue(wn.apply(x).allClose(dense.apply(x), 1e-12, 1e-12));
    assertTrue(wn.toDense().weight().allClose(dense.weight(), 1e-12, 1e-14));
  }

  @Test
  void everyColumnOfTheWeightHasLengthG() {
    WeightNorm wn = new WeightNorm(Numeric.normal(Key.of(3), 4, 3), Tensor.vector(0.5, 2, -1), Option.none());
    Tensor lengths = wn.weight().square().sum(0).sqrt();
    assertTrue(lengths.allClose(Tensor.vector(0.5, 2, 1), 1e-12, 0));
    // Scaling v leaves the weight unchanged.
    WeightNorm scaled = new WeightNorm(wn.v().mul(7), wn.g(), Option.none());
    assertTrue(scaled.weight().allClose(wn.weight(), 1e-12, 1e-14));
  }

  @Test
  void gradientsMatchFiniteDifferencesAndTheDirectionGradientIsOrthogonalToV() {
    WeightNorm wn = new WeightNorm(Numeric.normal(Key.of(4), 4, 3), Tensor.vector(0.5, 2, -1),
        Option.of(Tensor.vector(0.1, 0, -0.3)));
    Tensor x = Numeric.normal(Key.of(5), 5, 4);
    Tensor u = Numeric.normal(Key.of(6), 5, 3);
    Grads g = wn.forward(x, TRAIN).backward().apply(u);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(wn, x, TRAIN, u).assertPasses(1e-6);
    Tensor dv = g.params().tensor("v");
    Tensor along = dv.mul(wn.v()).sum(0);
    // Salimans and Kingma: ∇_v L ⟂ v, column by column (rounding ~1e-15 · |dv|·|v|).
    assertTrue(along.abs().max() < 1e-12 * Math.max(1, dv.norm() * wn.v().norm()), along.toString());
  }

  @Test
  void validation() {
    BatchNormTest.assertMessage(() -> new WeightNorm(Tensor.zeros(3, 2), Tensor.ones(2), Option.none()),
        "non-zero", "column 0");
    BatchNormTest.assertMessage(() -> new WeightNorm(Tensor.ones(3, 2), Tensor.ones(3), Option.none()), "g", "(2)", "(3)");
    BatchNormTest.assertMessage(() -> WeightNorm.of(4, 3, Key.of(0)).apply(Tensor.zeros(2, 5)),
        "WeightNorm expects input (batch, 4), got (2, 5)");
    assertEquals(Shape.of(2, 3), WeightNorm.of(4, 3, Key.of(0)).check(Shape.of(2, 4)).output());
    assertFalse(WeightNorm.of(4, 3, Key.of(0)).check(Shape.of(2, 5)).fits());
    assertEquals(WeightNorm.of(4, 3, Key.of(0)).params().paths().toJavaList(), java.util.List.of("v", "g", "bias"));
  }
}
