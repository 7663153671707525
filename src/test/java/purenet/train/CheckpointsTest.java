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
import purenet.tree.Tree;

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
        .withInitialEpoch(checkpoint.epoch().get())
        .withCallbacks(Checkpoints.every(dir, 1).resumingAfter(checkpoint.epoch().get())));
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
    Files.writeString(dir.resolve("epoch-0009.safetensors"), "from an earlier, longer attempt of this run");
    Fit.run(STEP, fresh(), TRAIN, config(3).withCallbacks(Checkpoints.every(dir, 1).keepingLast(1).resumingAfter(0)));
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
  void aNewRunRefusesADirectoryHoldingAnotherRunsCheckpoints() throws IOException {
    Fit.run(STEP, fresh(), TRAIN, config(2).withValidation(VALIDATION)
        .withCallbacks(Checkpoints.every(dir, 1).withBest(Monitor.VALIDATION_LOSS)));
    Vector<String> before = files();
    Vector<byte[]> bytes = before.map(f -> read(dir.resolve(f)));
    TrainState other = STEP.init(model(Key.of(99)), Key.of(98));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Fit.run(STEP, other, TRAIN, config(2).withCallbacks(Checkpoints.every(dir, 1))));
    assertTrue(e.getMessage().contains("already holds checkpoints of another run (epoch-0001.safetensors,"
        + " epoch-0002.safetensors, best.safetensors)"), e.getMessage());
    assertTrue(e.getMessage().contains("resumingAfter"), e.getMessage());
    // Nothing was overwritten, byte for byte.
    assertEquals(before, files());
    for (int i = 0; i < before.size(); i++) {
      assertTrue(java.util.Arrays.equals(bytes.get(i), read(dir.resolve(before.get(i)))), before.get(i));
    }
    // A best-only callback refuses as well, also in an epoch in which it would not write.
    assertThrows(IllegalStateException.class, () -> Fit.run(STEP, other, TRAIN,
        config(1).withCallbacks(Checkpoints.bestOnly(dir, Monitor.TRAIN_LOSS).withBestSoFar(-1.0))));
  }

  @Test
  void aResumedRunMustStartAfterTheEpochItResumes() throws IOException {
    Fit.run(STEP, fresh(), TRAIN, config(2).withCallbacks(Checkpoints.every(dir, 1)));
    TrainState restored = Checkpoint.load(Checkpoints.epochFile(dir, 2)).restore(fresh());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fit.run(STEP, restored, TRAIN,
        config(4).withCallbacks(Checkpoints.every(dir, 1).resumingAfter(2))));
    assertTrue(e.getMessage().contains("after epoch 2, but this run's first epoch is 1"), e.getMessage());
    assertEquals(Vector.of("epoch-0001.safetensors", "epoch-0002.safetensors"), files());
  }

  @Test
  void temporaryFilesOfKilledWritersAreRemovedOnTheNextSave() throws Exception {
    // A writer killed midway (kill -9) leaves its temporary file; its process is gone.
    Process writer = new ProcessBuilder("sleep", "60").start();
    long deadPid = writer.pid();
    writer.destroyForcibly().waitFor();
    Path killed = dir.resolve(".epoch-0007.safetensors." + deadPid + ".1.tmp");
    Files.write(killed, new byte[4096]);
    // The same pid reused by a later process (a restarted container): older than that process.
    long me = ProcessHandle.current().pid();
    Path reused = dir.resolve(".latest.safetensors." + me + ".12.tmp");
    Files.write(reused, new byte[16]);
    Files.setLastModifiedTime(reused, java.nio.file.attribute.FileTime.fromMillis(0));
    // A live writer's file (this process, written now) must stay.
    Path live = dir.resolve(".epoch-0001.safetensors." + me + ".13.tmp");
    Files.write(live, new byte[16]);
    Fit.run(STEP, fresh(), TRAIN, config(1).withCallbacks(Checkpoints.every(dir, 1).resumingAfter(0)));
    assertFalse(Files.exists(killed), "the killed writer's temporary file is removed");
    assertFalse(Files.exists(reused), "the temporary file older than its pid's process is removed");
    assertTrue(Files.exists(live), "a running writer's temporary file is kept");
    assertEquals(Vector.of(".epoch-0001.safetensors." + me + ".13.tmp", "epoch-0001.safetensors"), files());
  }

  @Test
  void aStateWithANonFiniteParameterIsNeverCheckpointed() {
    TrainState good = fresh();
    Tree poisoned = good.params().mapWithPath((p, t) -> p.equals("2/bias") ? t.map(v -> Double.NaN) : t);
    TrainState bad = new TrainState(good.model().withParams(poisoned), good.optimizerState(), 7, good.key());
    History history = History.empty().append(new History.Epoch(1, 7, 0.5, 0, Option.none(), Option.none(),
        Option.none()));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Checkpoints.every(dir, 1).afterEpoch(history, bad));
    assertTrue(e.getMessage().contains("params/2/bias holds NaN"), e.getMessage());
    assertFalse(Files.exists(Checkpoints.epochFile(dir, 1)));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
