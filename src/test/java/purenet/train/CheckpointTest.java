package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Dataset;
import purenet.io.Safetensors;
import purenet.io.TreeFile;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.layer.norm.BatchNorm;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.CosineDecay;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class CheckpointTest {

  @TempDir
  Path dir;

  /**
   * Adam on a cosine schedule: its state holds moments and a step count that the schedule reads;
   * the model's batch norm has running statistics; the Relu contributes an empty parameter node.
   */
  private static final TrainStep STEP = TrainStep.of(SoftmaxCrossEntropy.mean(),
      Optimizers.adam(new CosineDecay(0.05, 10, 0.0), 0.9, 0.999, 1e-8));

  private static Layer model(Key key) {
    Key[] k = key.split(2);
    return Sequential.of(Dense.of(4, 8, k[0]), BatchNorm.of(8), new Relu(), Dense.of(8, 3, k[1]));
  }

  private static Dataset batch(int i) {
    Key key = Key.of(77).foldIn(i);
    double[] labels = new double[16];
    for (int b = 0; b < 16; b++) {
      labels[b] = key.foldIn(b + 1).uniformInt(3);
    }
    return new Dataset(Tensor.of(key.normal(64), 16, 4), Tensor.of(labels, 16));
  }

  private static TrainState train(TrainState state, int from, int to) {
    TrainState s = state;
    for (int i = from; i < to; i++) {
      s = STEP.apply(s, batch(i)).state();
    }
    return s;
  }

  @Test
  void threeStepsSavedLoadedAndTwoMoreEqualFiveSteps() throws IOException {
    TrainState start = STEP.init(model(Key.of(1)), Key.of(2));
    TrainState afterThree = train(start, 0, 3);
    Path file = dir.resolve("step3.safetensors");
    Checkpoint.of(afterThree).save(file);

    // Another initialisation and another key: everything must come from the file.
    TrainState other = STEP.init(model(Key.of(99)), Key.of(123));
    TrainState resumed = Checkpoint.resume(file, other);
    assertEquals(afterThree, resumed, "the restored state equals the saved one");
    assertNotEquals(afterThree.model().state(), start.model().state(), "the running statistics moved");

    TrainState five = train(start, 0, 5);
    TrainState threePlusTwo = train(resumed, 3, 5);
    assertEquals(five.model(), threePlusTwo.model(), "parameters and running statistics, bit for bit");
    assertEquals(five.optimizerState(), threePlusTwo.optimizerState());
    assertEquals(five.step(), threePlusTwo.step());
    assertEquals(five.key(), threePlusTwo.key());
    assertEquals(five, threePlusTwo);
  }

  @Test
  void loadGivesTheTreesStepKeyAndNotes() throws IOException {
    TrainState state = train(STEP.init(model(Key.of(1)), Key.of(-5)), 0, 2);
    Path file = dir.resolve("c.safetensors");
    Checkpoint.of(state).withEpoch(7).withNote("comment", "after two steps").save(file);
    Checkpoint loaded = Checkpoint.load(file);
    assertEquals(state.step(), loaded.step());
    assertEquals(state.key(), loaded.key());
    assertEquals(Option.of(7), loaded.epoch());
    assertEquals(LinkedHashMap.of("epoch", "7", "comment", "after two steps"), loaded.notes());
    // The file cannot hold nodes without leaves, so compare by path and value.
    assertEquals(state.params().flatten(), loaded.params().flatten());
    assertEquals(state.model().state().flatten(), loaded.state().flatten());
    assertEquals(state.optimizerState().flatten(), loaded.optimizerState().flatten());
    TreeFile raw = Safetensors.readWithMetadata(file);
    assertEquals(Checkpoint.FORMAT, raw.metadata().get("format").get());
    assertEquals("2", raw.metadata().get("step").get());
    assertTrue(raw.tree().paths().contains("params/0/weight"), raw.tree().paths().toString());
    assertTrue(raw.tree().paths().contains("state/1/mean"), raw.tree().paths().toString());
    assertTrue(raw.tree().paths().exists(p -> p.startsWith("optimizer/")), raw.tree().paths().toString());
  }

  @Test
  void restoringIntoAnotherArchitectureNamesTheMismatchingPaths() throws IOException {
    Path file = dir.resolve("c.safetensors");
    Checkpoint.of(STEP.init(model(Key.of(1)), Key.of(2))).save(file);
    Key[] k = Key.of(3).split(2);
    Layer wider = Sequential.of(Dense.of(4, 9, k[0]), new Relu(), Dense.of(9, 3, k[1]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.resume(file, STEP.init(wider, Key.of(4))));
    String m = e.getMessage();
    assertTrue(m.startsWith(file.toString()), m);
    assertTrue(m.contains("params: "), m);
    assertTrue(m.contains("0/weight: checkpoint (4, 8), model (4, 9)"), m);
    assertTrue(m.contains("not in the model [1/gamma (8), 1/beta (8), 3/weight (8, 3), 3/bias (3)]"), m);
    assertTrue(m.contains("missing from the checkpoint [2/weight (9, 3), 2/bias (3)]"), m);
    assertTrue(m.contains("state: not in the model [1/mean (8), 1/variance (8), 1/count ()]"), m);
    assertTrue(m.contains("optimizer: "), m);
  }

  @Test
  void restoreIntoAModelAndOptimizerUsesTheCheckpointsKey() throws IOException {
    TrainState state = train(STEP.init(model(Key.of(1)), Key.of(2)), 0, 1);
    Path file = dir.resolve("c.safetensors");
    Checkpoint.of(state).save(file);
    TrainState restored = Checkpoint.load(file).restore(model(Key.of(8)), STEP.optimizer());
    assertEquals(state, restored);
  }

  @Test
  void rejectsFilesThatAreNoCheckpoint() throws IOException {
    Path plain = dir.resolve("plain.safetensors");
    Safetensors.write(plain, Tree.empty().with("params", Tensor.scalar(1)));
    IOException e = assertThrows(IOException.class, () -> Checkpoint.load(plain));
    assertTrue(e.getMessage().contains("not a purenet checkpoint"), e.getMessage());

    Path badStep = dir.resolve("step.safetensors");
    Safetensors.write(badStep, Tree.empty(), LinkedHashMap.of("format", Checkpoint.FORMAT, "step", "-1",
        "key", "00000000000000000000000000000000"));
    e = assertThrows(IOException.class, () -> Checkpoint.load(badStep));
    assertTrue(e.getMessage().contains("\"step\" must be a non-negative integer, found '-1'"), e.getMessage());

    Path badKey = dir.resolve("key.safetensors");
    Safetensors.write(badKey, Tree.empty(), LinkedHashMap.of("format", Checkpoint.FORMAT, "step", "0", "key", "xyz"));
    e = assertThrows(IOException.class, () -> Checkpoint.load(badKey));
    assertTrue(e.getMessage().contains("\"key\" must be 32 hex digits, found 'xyz'"), e.getMessage());

    Path stray = dir.resolve("stray.safetensors");
    Safetensors.write(stray, Tree.empty().with("weights", Tensor.scalar(1)), LinkedHashMap.of("format",
        Checkpoint.FORMAT, "step", "0", "key", "0123456789abcdef0123456789ABCDEF"));
    e = assertThrows(IOException.class, () -> Checkpoint.load(stray));
    assertTrue(e.getMessage().contains("unexpected tensor group 'weights'"), e.getMessage());
  }

  @Test
  void anEmptyModelAndKeysOfEveryBitRoundTrip() throws IOException {
    Path file = dir.resolve("empty.safetensors");
    TrainState state = new TrainState(new Relu(), Tree.empty(), 12, new Key(-1L, Long.MIN_VALUE));
    Checkpoint.of(state).save(file);
    assertEquals(state, Checkpoint.resume(file, new TrainState(new Relu(), Tree.empty(), 0, Key.of(0))));
  }

  @Test
  void reservedNotesAndBadValuesAreRejected() {
    Checkpoint c = Checkpoint.of(STEP.init(model(Key.of(1)), Key.of(2)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withNote("step", "3"));
    assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.withEpoch(-1));
    IllegalStateException bad = assertThrows(IllegalStateException.class, () -> c.withNote("epoch", "two").epoch());
    assertTrue(bad.getMessage().contains("'two'"), bad.getMessage());
  }
}
