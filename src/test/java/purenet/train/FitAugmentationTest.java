package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.data.augmentation.Augmentation;
import purenet.data.augmentation.PixelNoise;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Tanh;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;

/** {@link FitConfig#withAugmentation}: training batches only, deterministic, resumable. */
class FitAugmentationTest {
  private static final Dataset TRAIN = images(Blobs.of(100, Key.of(11)));
  private static final Dataset VALIDATION = images(Blobs.of(60, Key.of(12)));
  private static final TrainStep STEP = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.1));
  private static final Augmentation NOISE = PixelNoise.of(0.5);

  /** The blobs as 1×2 one-channel images (n, 1, 1, 2). */
  private static Dataset images(Dataset d) {
    return new Dataset(d.features().reshape(d.size(), 1, 1, 2), d.labels());
  }

  private static TrainState fresh() {
    Key[] k = Key.of(5).split(3);
    return STEP.init(Sequential.of(new Flatten(), Dense.of(2, 8, k[0]), new Tanh(), Dense.of(8, 2, k[1])), k[2]);
  }

  private static FitConfig config(int epochs) {
    return FitConfig.of(epochs, 16, Key.of(9)).withValidation(VALIDATION).silent();
  }

  @Test
  void anAugmentedFitIsDeterministicAndDiffersFromThePlainOne() {
    FitResult a = Fit.run(STEP, fresh(), TRAIN, config(3).withAugmentation(NOISE));
    FitResult b = Fit.run(STEP, fresh(), TRAIN, config(3).withAugmentation(NOISE));
    assertEquals(a.history(), b.history());
    assertEquals(a.state(), b.state());
    FitResult plain = Fit.run(STEP, fresh(), TRAIN, config(3));
    assertNotEquals(plain.state().params(), a.state().params(), "the noise changes the steps");
  }

  @Test
  void onlyTrainingBatchesAreAugmentedWithTheirDocumentedKeys() {
    List<Tensor> seen = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    // A recording augmentation (test-side mutation only) that leaves the images unchanged.
    Augmentation recording = (x, key) -> {
      seen.add(x);
      keys.add(key);
      return x;
    };
    FitResult recorded = Fit.run(STEP, fresh(), TRAIN, config(2).withAugmentation(recording));
    // 100 examples in batches of 16: 7 batches per epoch; validation (60) is never passed in.
    assertEquals(14, seen.size());
    for (int e = 1; e <= 2; e++) {
      int[] order = Key.of(9).foldIn(e).permutation(100);
      for (int b = 0; b < 7; b++) {
        int[] rows = java.util.Arrays.copyOfRange(order, 16 * b, Math.min(100, 16 * (b + 1)));
        assertEquals(TRAIN.features().take(rows), seen.get(7 * (e - 1) + b), "epoch " + e + " batch " + b);
        assertEquals(config(2).augmentationKey(e, b), keys.get(7 * (e - 1) + b));
      }
    }
    assertEquals(Fit.run(STEP, fresh(), TRAIN, config(2)).state(), recorded.state(),
        "an identity augmentation changes nothing, so the shuffles are today's");
    // The recorded validation numbers are those of the plain validation set.
    FitResult noisy = Fit.run(STEP, fresh(), TRAIN, config(2).withAugmentation(NOISE));
    Evaluation plain = Evaluate.of(SoftmaxCrossEntropy.mean()).apply(noisy.state().model(), VALIDATION);
    assertEquals(plain.loss(), noisy.history().validationLoss()[1], 1e-12);
    assertEquals(plain.accuracy().get(), noisy.history().validationAccuracy()[1], 1e-12);
  }

  @Test
  void aResumedAugmentedFitContinuesTheUninterruptedOneBitForBit() {
    FitResult four = Fit.run(STEP, fresh(), TRAIN, config(4).withAugmentation(NOISE));
    FitResult two = Fit.run(STEP, fresh(), TRAIN, config(2).withAugmentation(NOISE));
    FitResult more = Fit.run(STEP, two.state(), TRAIN, config(4).withAugmentation(NOISE).withInitialEpoch(2));
    assertEquals(four.state(), more.state());
    assertEquals(four.history().epochs().drop(2), more.history().epochs());
  }

  @Test
  void retrainingOnTrainAndValidationKeepsTheAugmentation() {
    Key[] k = Key.of(5).split(3);
    Sequential model = Sequential.of(new Flatten(), Dense.of(2, 8, k[0]), new Tanh(), Dense.of(8, 2, k[1]));
    FitResult again = Retrain.onTrainAndValidation(STEP, model, k[2], TRAIN, VALIDATION,
        config(5).withAugmentation(NOISE), 2);
    FitResult expected = Fit.run(STEP, STEP.init(model, k[2]), TRAIN.concat(VALIDATION),
        FitConfig.of(2, 16, Key.of(9)).silent().withAugmentation(NOISE));
    assertEquals(expected.state(), again.state());
  }

  @Test
  void theAugmentationIsKeptByTheWithersAndAbsentByDefault() {
    assertEquals(Option.none(), config(3).augmentation());
    FitConfig c = config(3).withAugmentation(NOISE).withInitialEpoch(1).printingTo(System.out).withEvalBatchSize(7)
        .withCallbacks().withProgress(Progress.NONE).withValidation(TRAIN);
    assertEquals(Option.of(NOISE), c.augmentation());
    assertFalse(c.augmentationKey(1, 0).equals(c.augmentationKey(1, 1)));
    assertFalse(c.augmentationKey(1, 0).equals(c.augmentationKey(2, 0)));
    assertTrue(!c.augmentationKey(1, 0).equals(c.key().foldIn(1)), "not the shuffle's key");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(3).withAugmentation(null));
    assertEquals("withAugmentation needs an augmentation, got null", e.getMessage());
  }
}
