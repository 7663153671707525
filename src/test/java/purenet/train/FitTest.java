package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.layer.Tanh;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;

class FitTest {
  private static final Dataset TRAIN = Blobs.of(300, Key.of(11));
  private static final Dataset VALIDATION = Blobs.of(200, Key.of(12));
  private static final TrainStep STEP = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.1));

  private static TrainState fresh() {
    Key[] k = Key.of(5).split(3);
    return STEP.init(Sequential.of(Dense.of(2, 8, k[0]), new Tanh(), Dense.of(8, 2, k[1])), k[2]);
  }

  private static FitConfig config(int epochs) {
    return FitConfig.of(epochs, 16, Key.of(9)).withValidation(VALIDATION).silent();
  }

  @Test
  void learnsASeparableProblemWithOneHistoryEntryPerEpoch() {
    FitResult r = Fit.run(STEP, fresh(), TRAIN, config(8));
    History h = r.history();
    assertEquals(8, h.size());
    for (int e = 0; e < 8; e++) {
      assertEquals(e + 1, h.epochs().get(e).epoch());
    }
    assertTrue(h.validationAccuracy()[7] >= 0.97, "validation accuracy " + h.validationAccuracy()[7]);
    assertTrue(h.trainLoss()[7] < h.trainLoss()[0] / 2, "train loss " + h.trainLoss()[0] + " → " + h.trainLoss()[7]);
    // 300 examples in batches of 16: 19 steps per epoch.
    assertEquals(8 * 19, r.state().step());
    assertEquals(8 * 19, h.last().get().step());
    assertEquals(Option.none(), r.stopReason());
    // The recorded validation numbers are those of the final model.
    Evaluation final_ = Evaluate.of(SoftmaxCrossEntropy.mean()).apply(r.state().model(), VALIDATION);
    assertEquals(final_.loss(), h.validationLoss()[7], 1e-12);
    assertEquals(final_.accuracy().get(), h.validationAccuracy()[7], 1e-12);
  }

  @Test
  void theSameInputsGiveTheSameResult() {
    FitResult a = Fit.run(STEP, fresh(), TRAIN, config(2));
    FitResult b = Fit.run(STEP, fresh(), TRAIN, config(2));
    assertEquals(a.history(), b.history());
    assertEquals(a.state().params(), b.state().params());
  }

  @Test
  void anEpochVisitsTheKeyedShuffleInBatches() {
    FitResult fit = Fit.run(STEP, fresh(), TRAIN, FitConfig.of(1, 32, Key.of(9)).silent());
    TrainState state = fresh();
    for (Dataset batch : TRAIN.shuffle(Key.of(9).foldIn(1)).batches(32)) {
      state = STEP.apply(state, batch).state();
    }
    assertEquals(state.params(), fit.state().params());
  }

  @Test
  void printsOneLinePerEpochToTheConfiguredStream() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Fit.run(STEP, fresh(), TRAIN, config(3).withProgress(Progress.EPOCHS).printingTo(out));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    for (int e = 0; e < 3; e++) {
      assertTrue(lines[e].startsWith("epoch " + (e + 1) + "/3  loss "), lines[e]);
      assertTrue(lines[e].contains(" acc ") && lines[e].contains(" val_loss ") && lines[e].contains(" val_acc ")
          && lines[e].contains(" examples/s"), lines[e]);
    }

    ByteArrayOutputStream live = new ByteArrayOutputStream();
    Fit.run(STEP, fresh(), TRAIN, config(1).withProgress(Progress.LIVE).printingTo(new PrintStream(live, true, StandardCharsets.UTF_8)));
    String text = live.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\repoch 1/1  batch ") && text.contains("batch 19/19") && text.endsWith("\n"), text);

    ByteArrayOutputStream none = new ByteArrayOutputStream();
    Fit.run(STEP, fresh(), TRAIN, config(1).printingTo(new PrintStream(none, true, StandardCharsets.UTF_8)));
    assertEquals(0, none.size());
  }

  /** Stops after {@code limit} epochs, remembering the count in its successor; restores the state seen first. */
  private record StopAfter(int seen, int limit, Option<TrainState> first) implements EpochCallback {
    @Override
    public Decision afterEpoch(History history, TrainState state) {
      Option<TrainState> remembered = first.orElse(Option.of(state));
      return seen + 1 >= limit
          ? Decision.stop("seen " + limit + " epochs", remembered.get())
          : Decision.proceed(new StopAfter(seen + 1, limit, remembered));
    }
  }

  @Test
  void aCallbackCarriesItsMemoryAndStopsTraining() {
    FitResult after1 = Fit.run(STEP, fresh(), TRAIN, config(1));
    FitResult r = Fit.run(STEP, fresh(), TRAIN, config(10).withCallbacks(EpochCallback.none(), new StopAfter(0, 3, Option.none())));
    assertEquals(3, r.history().size());
    assertEquals(Option.of("seen 3 epochs"), r.stopReason());
    // The restored state is the one after epoch 1.
    assertEquals(after1.state().params(), r.state().params());
    assertEquals(after1.history().epochs().get(0), r.history().epochs().get(0));
  }

  @Test
  void aNonFiniteFeatureNamesTheStepEpochBatchAndExample() {
    double[] features = TRAIN.features().toArray();
    features[features.length - 1] = Double.NaN;
    Dataset poisoned = new Dataset(Tensor.of(features, TRAIN.features().shape()), TRAIN.labels());
    TrainingDiverged e = assertThrows(TrainingDiverged.class,
        () -> Fit.run(STEP, fresh(), poisoned, config(3)));
    assertEquals(TrainingDiverged.Problem.FEATURES_NOT_FINITE, e.problem());
    assertEquals(Option.of(1), e.epoch());
    assertTrue(e.getMessage().startsWith("non-finite feature at step " + e.step() + " (epoch 1, batch "
        + e.batch().get() + "): NaN at ["), e.getMessage());
    assertTrue(e.getMessage().contains("example " + (TRAIN.size() - 1) + " (0-based row) of the training set"),
        e.getMessage());
    // The step of batch b of epoch 1 is b − 1; the state it started from is the last good one.
    assertEquals(e.batch().get() - 1L, e.step());
    assertEquals(e.step(), e.lastGood().get().step());
    assertTrue(e.lastGood().get().params().leaves().forAll(Tensor::isFinite));
  }

  @Test
  void withTheFeatureCheckOffANaNFeatureStillStopsTrainingThroughTheLoss() {
    double[] features = TRAIN.features().toArray();
    features[features.length - 1] = Double.NaN;
    Dataset poisoned = new Dataset(Tensor.of(features, TRAIN.features().shape()), TRAIN.labels());
    // Tanh passes the NaN on, so the loss of its batch is NaN.
    TrainingDiverged e = assertThrows(TrainingDiverged.class,
        () -> Fit.run(STEP, fresh(), poisoned, config(3).withChecks(ValueChecks.all().withFeatures(false))));
    assertEquals(TrainingDiverged.Problem.LOSS_NOT_FINITE, e.problem());
    assertTrue(e.getMessage().startsWith("loss became NaN at step " + e.step() + " (epoch 1, batch "), e.getMessage());
    assertTrue(e.step() < 19, "step " + e.step());
    // The loss problem's last good state is the one before the failing step's (or the initial state).
    assertEquals(Math.max(0, e.step() - 1), e.lastGood().get().step());
  }

  @Test
  void featuresTheModelCannotTakeFailBeforeTraining() {
    Dataset wide = new Dataset(Tensor.zeros(10, 3), Tensor.zeros(10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Fit.run(STEP, fresh(), wide, config(1)));
    assertTrue(e.getMessage().contains("(10, 3)") && e.getMessage().contains("(batch, 2)"), e.getMessage());
  }

  @Test
  void invalidSettingsFailAtConstruction() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitConfig.of(0, 16, Key.of(1)));
    assertTrue(e.getMessage().contains("epochs must be >= 1, got 0"), e.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> FitConfig.of(1, -4, Key.of(1)));
    assertTrue(b.getMessage().contains("batch size must be >= 1, got -4"), b.getMessage());
  }
}
