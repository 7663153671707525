package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.data.SyntheticDigits;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.train.Divergence;
import purenet.train.TrainingDiverged;
import purenet.train.ValueChecks;

/** The two probes stop with a message naming what and where, the last good state recoverable. */
class NothingSilentlyWrongTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final Dataset DIGITS = SyntheticDigits.standard().generate(Key.of(7), 512);
  private static final Dataset TEST = SyntheticDigits.standard().generate(Key.of(8), 128);

  @Test
  void oneNaNPixelStopsTheStepThatSeesItNamingThePixelAndTheImage() {
    NothingSilentlyWrong.Outcome o = NothingSilentlyWrong.nanPixel(NothingSilentlyWrong.withNaNPixel(DIGITS), TEST, 2,
        ValueChecks.all(), Divergence.standard(), QUIET);
    TrainingDiverged e = o.stopped().get();
    assertEquals(TrainingDiverged.Problem.FEATURES_NOT_FINITE, e.problem());
    assertTrue(e.getMessage().matches("non-finite feature at step \\d+ \\(epoch 1, batch \\d+\\): NaN at \\[\\d+, 0, 14,"
        + " 14\\] of the batch's features, shape \\(64, 1, 28, 28\\), example 137 \\(0-based row\\) of the training"
        + " set; .*"), e.getMessage());
    assertTrue(e.lastGood().get().params().leaves().forAll(Tensor::isFinite));
  }

  @Test
  void withTheFeatureCheckOffTheNaNStillStopsTrainingThroughTheLossNotSilently() {
    NothingSilentlyWrong.Outcome o = NothingSilentlyWrong.nanPixel(NothingSilentlyWrong.withNaNPixel(DIGITS), TEST, 2,
        ValueChecks.none(), Divergence.standard(), QUIET);
    assertEquals(TrainingDiverged.Problem.LOSS_NOT_FINITE, o.stopped().get().problem());
  }

  @Test
  void learningRate03StopsBeforeOverflowWithTheLastGoodState() {
    Dataset train = NothingSilentlyWrong.regression(500, Key.of(3));
    NothingSilentlyWrong.Outcome o = NothingSilentlyWrong.learningRate(train, NothingSilentlyWrong.regression(100,
        Key.of(4)), 0.3, 5, ValueChecks.all(), Divergence.standard(), QUIET);
    TrainingDiverged e = o.stopped().get();
    assertEquals(TrainingDiverged.Problem.LOSS_EXPLODED, e.problem());
    assertTrue(e.getMessage().startsWith("loss exploded at step " + e.step() + " (epoch 1, batch "), e.getMessage());
    assertTrue(e.loss() < 1e100, "stopped long before overflow: " + e.loss());
    assertEquals(e.step() - 1, e.lastGood().get().step());
    assertTrue(o.quality().startsWith("test loss "), o.quality());
  }

  @Test
  void withoutTheDivergenceBoundTheSameRunGrowsPast1e100() {
    Dataset train = NothingSilentlyWrong.regression(500, Key.of(3));
    NothingSilentlyWrong.Outcome o = NothingSilentlyWrong.learningRate(train, NothingSilentlyWrong.regression(100,
        Key.of(4)), 0.3, 5, ValueChecks.none(), Divergence.off(), QUIET);
    // Only the overflow (or a finished run with an absurd loss) ends it: what the loss-only guard saw.
    assertTrue(o.stopped().map(e -> e.step() > 30).getOrElse(true)
        && o.finished().forAll(f -> f.history().last().get().trainLoss() > 1e100), o.toString());
  }
}
