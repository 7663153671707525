package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.layer.Tanh;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;

/** {@link FitConfig#initialEpoch()}: resuming a fit after some epochs continues it bit for bit. */
class FitResumeTest {
  private static final Dataset TRAIN = Blobs.of(100, Key.of(11));
  private static final TrainStep STEP = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.adam(0.01));

  private static TrainState fresh() {
    Key[] k = Key.of(5).split(3);
    return STEP.init(Sequential.of(Dense.of(2, 8, k[0]), new Tanh(), Dense.of(8, 2, k[1])), k[2]);
  }

  private static FitConfig config(int epochs) {
    return FitConfig.of(epochs, 16, Key.of(9)).silent();
  }

  @Test
  void twoEpochsThenTwoMoreFromTheInitialEpochEqualFourEpochs() {
    FitResult four = Fit.run(STEP, fresh(), TRAIN, config(4));
    FitResult two = Fit.run(STEP, fresh(), TRAIN, config(2));
    FitResult more = Fit.run(STEP, two.state(), TRAIN, config(4).withInitialEpoch(2));
    assertEquals(four.state(), more.state());
    assertEquals(four.history().epochs().drop(2), more.history().epochs(), "epochs 3 and 4, numbered so");
    assertEquals(3, more.history().epochs().head().epoch());
  }

  @Test
  void withoutTheInitialEpochTheShufflesRepeatEpochsOneAndTwo() {
    FitResult four = Fit.run(STEP, fresh(), TRAIN, config(4));
    FitResult two = Fit.run(STEP, fresh(), TRAIN, config(2));
    FitResult again = Fit.run(STEP, two.state(), TRAIN, config(2));
    assertTrue(!four.state().params().equals(again.state().params()), "a different order of batches");
  }

  @Test
  void theInitialEpochMustLeaveAnEpochToRun() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(3).withInitialEpoch(3));
    assertEquals("initial epoch must be in [0, 3) for 3 epochs, got 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> config(3).withInitialEpoch(-1));
    assertEquals(0, config(3).initialEpoch());
    assertEquals(2, config(3).withInitialEpoch(2).silent().withCallbacks().initialEpoch(), "kept by the withers");
  }
}
