package purenet.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The gain table against PyTorch's {@code calculate_gain}. */
class GainTest {

  @Test
  void tableValues() {
    assertEquals(1.0, Gain.linear(), 0.0);
    assertEquals(1.0, Gain.sigmoid(), 0.0);
    assertEquals(5.0 / 3.0, Gain.tanh(), 0.0);
    assertEquals(Math.sqrt(2.0), Gain.relu(), 0.0);
    assertEquals(0.75, Gain.selu(), 0.0);
  }

  @Test
  void leakyReluInterpolatesBetweenReluAndLinear() {
    assertEquals(Gain.relu(), Gain.leakyRelu(0.0), 0.0);
    assertEquals(1.0, Gain.leakyRelu(1.0), 0.0);
    assertEquals(Math.sqrt(2.0 / (1 + 0.2 * 0.2)), Gain.leakyRelu(0.2), 0.0);
    // torch.nn.init.calculate_gain('leaky_relu') with the default slope 0.01.
    assertEquals(1.4141428569978354, Gain.leakyRelu(), 1e-15);
  }

  @Test
  void nonFiniteSlopeIsRejected() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Gain.leakyRelu(Double.NaN));
    assertEquals("leaky ReLU slope must be finite, got NaN", e.getMessage());
  }
}
