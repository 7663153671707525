package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Dataset;
import purenet.data.SyntheticDigits;
import purenet.random.Key;

/** Smoke test of {@link CheckpointResume} on 160 generated digits. */
class CheckpointResumeTest {

  @TempDir
  Path dir;

  @Test
  void resumingFromTheCheckpointEqualsTheUninterruptedRun() throws IOException {
    Dataset train = SyntheticDigits.standard().generate(Key.of(3), 160);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CheckpointResume.Result result = CheckpointResume.run(train, new CheckpointResume.Settings(16, 2, 2, 32, 1e-3, 5),
        dir, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);

    assertTrue(result.bitIdentical(), text);
    assertTrue(text.contains("4 uninterrupted epochs, bit for bit: true"), text);
    assertTrue(text.contains("largest parameter difference: 0.0"), text);
    assertEquals(2, result.interrupted().history().size());
    assertEquals(Vector.of(3, 4), result.resumed().history().epochs().map(e -> e.epoch()));
    assertEquals(dir.resolve("epoch-0002.safetensors"), result.checkpoint());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(Vector.of("epoch-0003.safetensors", "epoch-0004.safetensors"),
          Vector.ofAll(files).map(p -> p.getFileName().toString()).sorted(), "the last two are kept");
    }
    // Training did something: the loss of the last epoch is below that of the first.
    double first = result.uninterrupted().history().trainLoss()[0];
    double last = result.uninterrupted().history().trainLoss()[3];
    assertTrue(last < first, first + " → " + last);
  }

  @Test
  void withoutAFolderTheCheckpointsGoToATemporaryOneThatIsDeleted() throws IOException {
    Dataset train = SyntheticDigits.standard().generate(Key.of(4), 64);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CheckpointResume.Result result = CheckpointResume.runInTemporaryFolder(train,
        new CheckpointResume.Settings(8, 1, 1, 32, 1e-3, 6), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(result.bitIdentical(), text);
    Path folder = result.checkpoint().getParent();
    assertTrue(folder.getFileName().toString().startsWith("purenet-checkpoints"), folder.toString());
    assertTrue(Files.notExists(folder), folder + " is left behind");
    assertTrue(text.contains("deleted the temporary folder " + folder), text);
  }

  @Test
  void theTrainingDataSaysWhichItIs() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Dataset train = CheckpointResume.trainingData(50, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(50, train.size());
    assertTrue(text.contains(purenet.data.Mnist.available(purenet.data.Mnist.defaultDir())
        ? "the first 50 MNIST training images" : "NOT MNIST"), text);
  }
}
