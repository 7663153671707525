package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.data.Mnist;
import purenet.random.Key;

class FromPyTorchTest {

  /**
   * The imported PyTorch LeNet classifies 500 MNIST test images (97% on all 10,000 with the float32
   * file; 0.9 leaves a margin for the subset). Where MNIST is absent the generated digits are not
   * what the model learned, so only the import report is checked.
   */
  @Test
  void importsThePyTorchLeNetAndClassifiesMnist() throws IOException {
    StringBuilder notice = new StringBuilder();
    Mnist data = Mnist.loadOrSynthetic(10, 500, Key.of(7), notice::append).take(10, 500);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    double accuracy = FromPyTorch.run(FromPyTorch.fixture("lenet-f64.safetensors"), data.test(),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("unused entries: 1.num_batches_tracked") && text.contains("test_accuracy="), text);
    if (notice.length() == 0) {
      assertTrue(accuracy > 0.9, "accuracy on 500 MNIST test images " + accuracy);
    }
  }
}
