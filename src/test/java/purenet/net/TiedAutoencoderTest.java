package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Grads;
import purenet.layer.Identity;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class TiedAutoencoderTest {

  // W = [[1], [2]] (n = 2, m = 1), b = [0.5], c = [0, 1], identity activations
  private static final TiedAutoencoder AE = new TiedAutoencoder(Tensor.of(new double[][] {{1}, {2}}),
      Tensor.vector(0.5), Tensor.vector(0, 1), new Identity(), new Identity());

  @Test
  void encodesWithWAndDecodesWithItsTranspose() {
    // h = 1·1 + 1·2 + 0.5 = 3.5; x̂ = 3.5·[1, 2] + [0, 1] = [3.5, 8]
    assertEquals(Tensor.of(new double[][] {{3.5, 8}}), AE.apply(Tensor.of(new double[][] {{1, 1}})));
  }

  @Test
  void theWeightGradientSumsBothUses() {
    Tensor x = Tensor.of(new double[][] {{1, 1}});
    Grads g = AE.forward(x, Mode.eval()).backward().apply(Tensor.of(new double[][] {{1, 0}}));
    // δ_u = [1, 0]; decoder use: δ_uᵀ·h = [[3.5], [0]]; δ_z = δ_u·W = 1; encoder use: xᵀ·δ_z = [[1], [1]]
    assertEquals(Tensor.of(new double[][] {{4.5}, {1}}), g.params().tensor("weight"));
    assertEquals(Tensor.vector(1), g.params().tensor("hiddenBias"));
    assertEquals(Tensor.vector(1, 0), g.params().tensor("outputBias"));
    // ∂L/∂x = δ_z·Wᵀ = [1, 2]
    assertEquals(Tensor.of(new double[][] {{1, 2}}), g.input());
  }

  @Test
  void shapesAndActivationsAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AE.apply(Tensor.zeros(3, 3)));
    assertEquals("TiedAutoencoder expects input (batch, 2), got (3, 3)", e.getMessage());
    assertTrue(AE.check(Shape.of(3, 3)).problems().head().contains("got (3, 3)"));
    assertEquals(Shape.of(3, 2), AE.check(Shape.of(3, 2)).output());
    assertThrows(IllegalArgumentException.class, () -> new TiedAutoencoder(Tensor.zeros(2, 1), Tensor.zeros(2),
        Tensor.zeros(2), new Identity(), new Identity()));
    IllegalArgumentException withParams = assertThrows(IllegalArgumentException.class, () -> new TiedAutoencoder(
        Tensor.zeros(2, 1), Tensor.zeros(1), Tensor.zeros(2), Dense.of(1, 1, Key.of(0)), new Identity()));
    assertTrue(withParams.getMessage().contains("no parameters"), withParams.getMessage());
  }

  @Test
  void sigmoidFactoryHasTheGivenSizesAndZeroBiases() {
    TiedAutoencoder ae = TiedAutoencoder.sigmoid(784, 32, Key.of(1));
    assertEquals(784, ae.inputs());
    assertEquals(32, ae.code());
    assertEquals(Tensor.zeros(32), ae.hiddenBias());
    assertEquals(784 * 32 + 32 + 784, ae.params().elementCount());
  }
}
