package purenet.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import purenet.data.Dataset;
import purenet.data.Mnist;
import purenet.io.PyTorchImport;
import purenet.io.PyTorchWeights;
import purenet.layer.Dense;
import purenet.layer.Embedding;
import purenet.layer.Flatten;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.layer.conv.Conv2d;
import purenet.layer.conv.MaxPool2d;
import purenet.layer.norm.BatchNorm;
import purenet.layer.norm.GroupNorm;
import purenet.layer.norm.LayerNorm;
import purenet.layer.recurrent.ElmanRnn;
import purenet.layer.recurrent.Gru;
import purenet.layer.recurrent.LastStep;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Serving a PyTorch model in purenet: imports the LeNet that
 * {@code src/test/resources/purenet/pytorch/fixtures.py} trained for 300 SGD steps in PyTorch and
 * saved with {@code safetensors.torch.save_file}, and evaluates it on the MNIST test set.
 *
 * <p>The purenet model is built with the same architecture as the PyTorch {@code nn.Sequential}
 * (same layer order, so the names {@code "0.weight"}, {@code "1.running_mean"}, … match without
 * renaming); {@link PyTorchWeights#read} checks every name and shape and reports the entries it did
 * not use ({@code 1.num_batches_tracked}). Run:
 * <pre>
 *   mvn -q exec:java -Dexec.mainClass=purenet.examples.FromPyTorch -Dexec.classpathScope=test
 * </pre>
 * Without MNIST in the data directory it evaluates on generated digits instead and says so (the
 * accuracy is then not meaningful: the model learned real digits). It prints the unused names and
 * {@code test_accuracy=…}.
 */
public final class FromPyTorch {
  private FromPyTorch() {}

  /** The fixture's directory on the class path. */
  static final String FIXTURES = "/purenet/pytorch/";

  /**
   * LeNet-5 with batch normalization, layer for layer the PyTorch {@code nn.Sequential} of the
   * fixture: Conv2d(1, 6, 5, padding=2), BatchNorm2d(6), ReLU, MaxPool2d(2), Conv2d(6, 16, 5), ReLU,
   * MaxPool2d(2), Flatten, Linear(400, 120), ReLU, Linear(120, 84), ReLU, Linear(84, 10).
   *
   * @param key the key of the initial weights (replaced when importing)
   * @return the model, (batch, 1, 28, 28) → (batch, 10) logits
   */
  public static Sequential lenet(Key key) {
    Key[] k = key.split(5);
    return Sequential.of(Conv2d.same(1, 6, 5, k[0]), BatchNorm.of(6).withUnbiased(true), new Relu(), MaxPool2d.of(2),
        Conv2d.of(6, 16, 5, k[1]), new Relu(), MaxPool2d.of(2), new Flatten(),
        Dense.of(400, 120, k[2]), new Relu(), Dense.of(120, 84, k[3]), new Relu(), Dense.of(84, 10, k[4]));
  }

  /**
   * The fixture's recurrent model: Embedding(20, 8) → LSTM(8, 16) → last step → LayerNorm(16) →
   * Linear(16, 4), whose PyTorch module names are {@link #LSTM_NAMES}.
   *
   * @param key the key of the initial weights
   * @return the model, (batch, time) ids → (batch, 4)
   */
  public static Sequential lstm(Key key) {
    Key[] k = key.split(3);
    return Sequential.of(Embedding.of(20, 8, k[0]), Scan.of(Lstm.of(8, 16, k[1])), new LastStep(), LayerNorm.of(16),
        Dense.of(16, 4, k[2]));
  }

  /** The PyTorch attribute names of {@link #lstm}'s layers. */
  public static final PyTorchWeights LSTM_NAMES = PyTorchWeights.standard().renaming("0", "embedding")
      .renaming("1", "lstm").renaming("3", "norm").renaming("4", "fc");

  /**
   * The fixture's model of an Elman RNN and a GRU: RNN(5, 6) → GRU(6, 6) → last step →
   * GroupNorm(2, 6) → Linear(6, 3), whose PyTorch module names are {@link #RNN_GRU_NAMES}.
   *
   * @param key the key of the initial weights
   * @return the model, (batch, time, 5) → (batch, 3)
   */
  public static Sequential rnnGru(Key key) {
    Key[] k = key.split(3);
    return Sequential.of(Scan.of(ElmanRnn.of(5, 6, k[0])), Scan.of(Gru.of(6, 6, k[1])), new LastStep(),
        GroupNorm.of(2, 6), Dense.of(6, 3, k[2]));
  }

  /** The PyTorch attribute names of {@link #rnnGru}'s layers. */
  public static final PyTorchWeights RNN_GRU_NAMES = PyTorchWeights.standard().renaming("0", "rnn")
      .renaming("1", "gru").renaming("3", "norm").renaming("4", "fc");

  /**
   * A fixture file as a path (the test resources are plain files on the class path).
   *
   * @param name the file name, e.g. {@code lenet-f32.safetensors}
   * @return its path
   * @throws IOException if the fixture is not on the class path
   */
  public static Path fixture(String name) throws IOException {
    URL url = FromPyTorch.class.getResource(FIXTURES + name);
    if (url == null) {
      Path source = Path.of("src/test/resources" + FIXTURES + name);
      if (Files.exists(source)) {
        return source;
      }
      throw new IOException("fixture " + name + " is neither on the class path nor in src/test/resources" + FIXTURES);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IOException("fixture " + name + " at " + url + " is not a file", e);
    }
  }

  /**
   * The share of correctly classified examples.
   *
   * @param model the classifier
   * @param data  features and class labels
   * @param batch the evaluation batch size
   * @return the accuracy in [0, 1]
   */
  public static double accuracy(Layer model, Dataset data, int batch) {
    long correct = 0;
    for (Dataset b : data.batches(batch)) {
      Tensor predicted = model.apply(b.features()).argmax(1);
      for (int i = 0; i < b.size(); i++) {
        correct += predicted.at(i) == b.labels().at(i) ? 1 : 0;
      }
    }
    return (double) correct / data.size();
  }

  /**
   * Imports the PyTorch LeNet from {@code weights} and evaluates it on {@code test}.
   *
   * @param weights a LeNet state_dict saved with safetensors (F64 or F32)
   * @param test    images (n, 1, 28, 28) in [0, 1] and labels
   * @param out     where to print the unused names and the accuracy
   * @return the test accuracy
   * @throws IOException if the file cannot be read
   */
  public static double run(Path weights, Dataset test, PrintStream out) throws IOException {
    PyTorchImport imported = PyTorchWeights.standard().read(weights, lenet(Key.of(0)));
    out.println("imported " + weights.getFileName() + "; unused entries: " + imported.unused().mkString(", "));
    double accuracy = accuracy(imported.model(), test, 500);
    out.printf("test_accuracy=%.4f%n", accuracy);
    return accuracy;
  }

  /**
   * Runs the example on the float32 fixture and the MNIST test set (or generated digits).
   *
   * @param args ignored
   * @throws IOException if the fixture cannot be read
   */
  public static void main(String[] args) throws IOException {
    Mnist data = Mnist.loadOrSynthetic(1000, 10_000, Key.of(7), System.out::println);
    run(fixture("lenet-f32.safetensors"), data.test(), System.out);
  }
}
