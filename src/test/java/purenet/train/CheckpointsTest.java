package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;

class CheckpointsTest {

  @TempDir
  Path dir;

  private static final TrainStep STEP = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.momentum(0.05, 0.9));
  private static final Dataset TRAIN = data(96, Key.of(1));
  private static final Dataset VALIDATION = data(48, Key.of(2));

  /** Points in the plane, labelled by the sign of x + y. */
  private static Dataset data(int n, Key key) {
    double[] x = key.normal(2 * n);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[2 * i] + x[2 * i + 1] > 0 ? 1 : 0;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n));
  }

  private static Layer model(Key key) {
    Key[] k = key.split(2);
    return Sequential.of(Dense.of(2, 6, k[0]), new Relu(), Dense.of(6, 2, k[1]));
  }

  private static TrainState fresh() {
    return STEP.init(model(Key.of(3)), Key.of(4));
  }

  private static FitConfig config(int epochs) {
    return FitConfig.of(epochs, 16, Key.of(5)).silent();
  }

  private Vector<String> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return Vector.ofAll(list).map(p -> p.getFileName().toString()).sorted();
    }
  }

  @Test
  void savesEveryEpochKeepingTheLastTwo() throws IOException {
    FitResult fit = Fit.run(STEP, fresh(), TRAIN, config(4).withCallbacks(Checkpoints.every(dir, 1).keepingLast(2)));
    assertEquals(Vector.of("epoch-0003.safetensors", "epoch-0004.safetensors"), files());
    Path latest = Checkpoints.latest(dir).get();
    assertEquals(Checkpoints.epochFile(dir, 4), latest);
    Checkpoint last = Checkpoint.load(latest);
    assertEquals(Option.of(4), last.epoch());
    assertEquals(fit.state(), last.restore(fresh()));
  }

  @Test
  void savesEveryNthEpoch() throws IOException {
    Fit.run(STEP, fresh(), TRAIN, config(5).withCallbacks(Checkpoints.every(dir, 2)));
    assertEquals(Vector.of("epoch-0002.safetensors", "epoch-0004.safetensors"), files());
  }

  @Test
  void resumingFromTheLatestCheckpointEqualsTheUninterruptedFit() throws IOException {
    FitResult four = Fit.run(STEP, fresh(), TRAIN, config(4).withValidation(VALIDATION));
    Fit.run(STEP, fresh(), TRAIN, config(2).withValidation(VALIDATION).withCallbacks(Checkpoints.every(dir, 1)));
    Checkpoint checkpoint = Checkpoint.load(Checkpoints.latest(dir).get());
    TrainState restored = checkpoint.restore(STEP.init(model(Key.of(1234)), Key.of(0)));
    FitResult resumed = Fit.run(STEP, restored, TRAIN, config(4).withValidation(VALIDATION)
        .withInitialEpoch(checkpoint.epoch().get()).withCallbacks(Checkpoints.every(dir, 1)));
    assertEquals(four.state(), resumed.state());
    assertEquals(four.history().epochs().drop(2), resumed.history().epochs());
    assertEquals(Vector.of("epoch-0001.safetensors", "epoch-0002.safetensors", "epoch-0003.safetensors",
        "epoch-0004.safetensors"), files());
  }

  @Test
  void savesTheBestEpochByTheWatchedMetric() throws IOException {
    FitResult fit = Fit.run(STEP, fresh(), TRAIN, config(6).withValidation(VALIDATION)
        .withCallbacks(Checkpoints.bestOnly(dir, Monitor.VALIDATION_LOSS)));
    assertEquals(Vector.of("best.safetensors"), files());
    double[] losses = fit.history().validationLoss();
    int best = 0;
    for (int e = 1; e < losses.length; e++) {
      best = losses[e] < losses[best] ? e : best;
    }
    Checkpoint saved = Checkpoint.load(Checkpoints.bestFile(dir));
    assertEquals(Option.of(best + 1), saved.epoch());
    assertEquals("validation_loss", saved.notes().get("monitor").get());
    assertEquals(losses[best], Double.parseDouble(saved.notes().get("monitor_value").get()));
    assertEquals(fit.history().epochs().get(best).step(), saved.step());
  }

  @Test
  void aBestThatHasNotImprovedWritesNothing() throws IOException {
    Checkpoints callback = Checkpoints.bestOnly(dir, Monitor.TRAIN_LOSS).withBestSoFar(-1.0);
    Fit.run(STEP, fresh(), TRAIN, config(2).withCallbacks(callback));
    assertEquals(Vector.empty(), files());
  }

  @Test
  void aMissingMetricIsNamed() {
    FitConfig noValidation = config(1).withCallbacks(Checkpoints.bestOnly(dir, Monitor.VALIDATION_LOSS));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Fit.run(STEP, fresh(), TRAIN, noValidation));
    assertTrue(e.getMessage().contains("validation loss"), e.getMessage());
    assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
  }

  @Test
  void pruningKeepsLaterEpochsAndOtherFiles() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Files.writeString(dir.resolve("epoch-0009.safetensors"), "from an earlier, longer run");
    Fit.run(STEP, fresh(), TRAIN, config(3).withCallbacks(Checkpoints.every(dir, 1).keepingLast(1)));
    assertEquals(Vector.of("epoch-0003.safetensors", "epoch-0009.safetensors", "notes.txt"), files());
    assertEquals(Checkpoints.epochFile(dir, 9), Checkpoints.latest(dir).get());
  }

  @Test
  void aFailedWriteNamesTheFile() throws IOException {
    Path blocked = dir.resolve("blocked");
    Files.writeString(blocked, "a file where the directory should be");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () ->
        Fit.run(STEP, fresh(), TRAIN, config(1).withCallbacks(Checkpoints.every(blocked, 1))));
    assertTrue(e.getMessage().contains("epoch-0001.safetensors"), e.getMessage());
  }

  @Test
  void theLatestOfNoDirectoryIsNone() throws IOException {
    assertEquals(Option.none(), Checkpoints.latest(dir.resolve("absent")));
    assertEquals(Option.none(), Checkpoints.latest(dir));
  }

  @Test
  void improvementIsStrictAndNaNNeverImproves() {
    Checkpoints.Best loss = Checkpoints.Best.of(Monitor.TRAIN_LOSS);
    assertTrue(loss.improves(5.0));
    assertFalse(loss.improves(Double.NaN));
    assertFalse(loss.at(1.0).improves(1.0));
    assertTrue(loss.at(1.0).improves(0.5));
    Checkpoints.Best accuracy = Checkpoints.Best.of(Monitor.VALIDATION_ACCURACY);
    assertTrue(accuracy.at(0.5).improves(0.6));
    assertFalse(accuracy.at(0.5).improves(0.4));
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Checkpoints.every(dir, 0));
    assertThrows(IllegalArgumentException.class, () -> Checkpoints.every(dir, 1).keepingLast(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoints(dir, 0, 1, Option.none()));
    assertTrue(e.getMessage().contains("would save nothing"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Checkpoints.every(dir, 1).withBestSoFar(1.0));
  }
}
