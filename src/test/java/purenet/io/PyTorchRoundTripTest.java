package purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.examples.FromPyTorch;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Both directions of {@link PyTorchWeights} on real PyTorch files, without PyTorch: the fixtures
 * in {@code src/test/resources/purenet/pytorch} ({@code fixtures.py make}: a LeNet with BatchNorm
 * trained on MNIST, an Embedding-LSTM-LayerNorm model, an RNN-GRU-GroupNorm model, each saved by
 * {@code safetensors.torch} in float64 and float32 with PyTorch's outputs) and purenet's exports of
 * its own models ({@code purenet-*.safetensors}, written by {@link #main}), which
 * {@code fixtures.py check} loaded with {@code load_state_dict(strict=True)} and evaluated
 * (the result is committed as {@code roundtrip-check.txt}).
 *
 * <p>Tolerances, relative to the largest |output|: 1e-12 for float64 files (the same arithmetic in
 * another order: a few ulps per layer), 1e-6 for float32 files (PyTorch computes in float32, with
 * rounding errors near 1e-7 per operation; purenet computes the float32 weights in float64).
 */
class PyTorchRoundTripTest {
  private static final Vector<String> MODELS = Vector.of("lenet", "lstm", "rnn_gru");

  @TempDir
  Path dir;

  static Layer model(String name, Key key) {
    return switch (name) {
      case "lenet" -> FromPyTorch.lenet(key);
      case "lstm" -> FromPyTorch.lstm(key);
      default -> FromPyTorch.rnnGru(key);
    };
  }

  static PyTorchWeights names(String name) {
    return switch (name) {
      case "lenet" -> PyTorchWeights.standard();
      case "lstm" -> FromPyTorch.LSTM_NAMES;
      default -> FromPyTorch.RNN_GRU_NAMES;
    };
  }

  private static double relativeDifference(Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape());
    return expected.maxAbsDifference(actual) / Math.max(Math.abs(expected.max()), Math.abs(expected.min()));
  }

  @Test
  void importedPyTorchModelsComputePyTorchsOutputs() throws IOException {
    for (String name : MODELS) {
      Tree io = Safetensors.read(FromPyTorch.fixture(name + "-io.safetensors"));
      for (String precision : new String[] {"f64", "f32"}) {
        PyTorchImport imported = names(name).read(FromPyTorch.fixture(name + "-" + precision + ".safetensors"),
            model(name, Key.of(1)));
        double diff = relativeDifference(io.tensor("y_" + precision), imported.model().apply(io.tensor("x")));
        double tolerance = precision.equals("f64") ? 1e-12 : 1e-6;
        assertTrue(diff <= tolerance, name + " " + precision + ": relative difference " + diff + " > " + tolerance);
        assertEquals(name.equals("lenet") ? Vector.of("1.num_batches_tracked") : Vector.empty(), imported.unused());
      }
    }
  }

  /** What {@link #main} writes: purenet's own models (Key 14) as PyTorch files, with their outputs on the fixtures' inputs. */
  static void export(Path into) throws IOException {
    for (String name : MODELS) {
      Layer model = model(name, Key.of(14));
      Tensor x = Safetensors.read(FromPyTorch.fixture(name + "-io.safetensors")).tensor("x");
      names(name).write(model, into.resolve("purenet-" + name + "-f64.safetensors"), Dtype.F64);
      names(name).write(model, into.resolve("purenet-" + name + "-f32.safetensors"), Dtype.F32);
      Safetensors.write(into.resolve("purenet-" + name + "-io.safetensors"),
          Tree.empty().with("x", x).with("y", model.apply(x)));
    }
  }

  /**
   * purenet still writes exactly the files PyTorch loaded with strict=True (roundtrip-check.txt),
   * and reading them back gives the model that was written.
   */
  @Test
  void exportsAreTheFilesPyTorchLoadedAndReadBackUnchanged() throws IOException {
    export(dir);
    for (String name : MODELS) {
      for (String file : new String[] {"-f64", "-f32", "-io"}) {
        String f = "purenet-" + name + file + ".safetensors";
        TreeFile committed = Safetensors.readWithMetadata(FromPyTorch.fixture(f));
        TreeFile now = Safetensors.readWithMetadata(dir.resolve(f));
        assertEquals(committed.dtypes(), now.dtypes(), f);
        if (file.equals("-io")) {
          // Outputs depend on the matrix kernel in use (Vector API or scalar) in the last bits.
          assertEquals(committed.tree().tensor("x"), now.tree().tensor("x"), f);
          assertTrue(relativeDifference(committed.tree().tensor("y"), now.tree().tensor("y")) <= 1e-12, f);
        } else {
          assertEquals(committed.tree(), now.tree(), f);
        }
      }
      Layer written = model(name, Key.of(14));
      Layer read = names(name).read(dir.resolve("purenet-" + name + "-f64.safetensors"), model(name, Key.of(2))).model();
      assertEquals(written.params(), read.params(), name);
    }
    String check = Files.readString(FromPyTorch.fixture("roundtrip-check.txt"));
    assertEquals(6, check.lines().filter(l -> l.contains("<All keys matched successfully>")).count(), check);
  }

  @Test
  void aMismatchedFileListsEveryProblemInOneMessage() throws IOException {
    Sequential lenet = FromPyTorch.lenet(Key.of(0));
    // Three changes: layer 8 has 300 inputs instead of 400, layer 12 has no bias, and a Dense is appended.
    Sequential wrong = Sequential.of(lenet.layers().update(8, Dense.of(300, 120, Key.of(1)))
        .update(12, ((Dense) lenet.layers().get(12)).withoutBias()).append(Dense.of(10, 2, Key.of(2)))
        .toJavaArray(Layer[]::new));
    Path file = FromPyTorch.fixture("lenet-f64.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PyTorchWeights.standard().read(file, wrong));
    assertEquals(file + " does not fit the model: 2 missing, 1 unexpected, 1 mis-shaped of 16 expected entries\n"
        + "  missing     13.weight (2, 10)\n"
        + "  missing     13.bias (2)\n"
        + "  unexpected  12.bias (10)\n"
        + "  mis-shaped  8.weight: expected (120, 300), found (120, 400)", e.getMessage());
  }

  /**
   * Writes purenet's exports into the fixture directory; run after changing the export format,
   * then {@code fixtures.py check > roundtrip-check.txt}.
   *
   * @param args the fixture directory (default {@code src/test/resources/purenet/pytorch})
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    export(Path.of(args.length > 0 ? args[0] : "src/test/resources/purenet/pytorch"));
  }
}
