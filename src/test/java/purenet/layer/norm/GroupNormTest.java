package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class GroupNormTest {
  private static final Mode TRAIN = Mode.train(Key.of(0));

  @Test
  void channelsAreNormalizedInBlocksOfConsecutiveChannels() {
    // Four channels in two groups {0, 1}, {2, 3}: each group of each example normalized together.
    Tensor x = Numeric.normal(Key.of(1), 2, 4, 3).mul(2).add(1);
    Tensor y = GroupNorm.of(2, 4).withEpsilon(1e-12).apply(x);
    for (int b = 0; b < 2; b++) {
      for (int g = 0; g < 2; g++) {
        Tensor block = x.index(b).slice(2 * g, 2 * g + 2);
        double mean = block.mean();
        double std = Math.sqrt(block.sub(Tensor.scalar(mean)).square().mean());
        Tensor expected = block.sub(Tensor.scalar(mean)).mul(1 / std);
        // ε = 1e-12 against variances of order 4: differences ~1e-13.
        assertTrue(y.index(b).slice(2 * g, 2 * g + 2).allClose(expected, 1e-10, 1e-10));
      }
    }
  }

  @Test
  void gammaAndBetaArePerChannel() {
    Tensor x = Numeric.normal(Key.of(2), 3, 4, 2, 2);
    Tensor gamma = Tensor.vector(1, 2, 3, 4);
    Tensor beta = Tensor.vector(-1, 0, 1, 2);
    Tensor plain = GroupNorm.of(2, 4).apply(x);
    Tensor scaled = new GroupNorm(2, gamma, beta, 1e-5).apply(x);
    assertTrue(scaled.allClose(plain.mul(gamma.reshape(4, 1, 1)).add(beta.reshape(4, 1, 1)), 1e-13, 1e-13));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    GroupNorm gn = new GroupNorm(2, Tensor.vector(1.2, -0.4, 0.7, 2), Tensor.vector(0.1, 0.3, 0, -1), 1e-3);
    Tensor x = Numeric.normal(Key.of(3), 2, 4, 3);
    Tensor u = Numeric.normal(Key.of(4), 2, 4, 3);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(gn, x, TRAIN, u).assertPasses(1e-6);
  }

  @Test
  void validation() {
    BatchNormTest.assertMessage(() -> GroupNorm.of(3, 4), "groups must divide the 4 channels, got 3");
    BatchNormTest.assertMessage(() -> GroupNorm.of(0, 4), "got 0");
    BatchNormTest.assertMessage(() -> GroupNorm.of(2, 4).withEpsilon(Double.POSITIVE_INFINITY), "epsilon", "Infinity");
    BatchNormTest.assertMessage(() -> GroupNorm.of(2, 4).forward(Tensor.zeros(2, 6, 3), TRAIN),
        "GroupNorm expects input (batch, 4) or (batch, 4, ...), got (2, 6, 3)");
    assertTrue(GroupNorm.of(2, 4).check(Shape.of(2, 4, 3)).fits());
    assertFalse(GroupNorm.of(2, 4).check(Shape.of(2)).fits());
  }
}
