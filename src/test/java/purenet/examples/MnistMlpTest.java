package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Mnist;
import purenet.data.SyntheticDigits;
import purenet.random.Key;

class MnistMlpTest {

  @Test
  void learnsGeneratedDigitsInTwoEpochs() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 1500, 300);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MnistMlp.Result result = MnistMlp.run(data, new MnistMlp.Settings(2, 32, 0.1, 1),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertEquals(2, result.history().epochs().size());
    // Chance is 0.1; two epochs on 1,500 generated digits reliably get far beyond it.
    assertTrue(result.testAccuracy() > 0.6, "test accuracy " + result.testAccuracy());
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("epoch"), printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void sameSeedSameResult() {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(3), 300, 100);
    MnistMlp.Settings settings = new MnistMlp.Settings(1, 50, 0.1, 5);
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    assertEquals(MnistMlp.run(data, settings, quiet).history(), MnistMlp.run(data, settings, quiet).history());
  }

  @Test
  void plotsTheLearningCurvesAsPngs(@TempDir Path dir) throws IOException {
    Mnist data = SyntheticDigits.standard().mnist(Key.of(4), 200, 50);
    MnistMlp.Result result = MnistMlp.run(data, new MnistMlp.Settings(2, 50, 0.1, 2),
        new PrintStream(PrintStream.nullOutputStream()));
    List<Path> pngs = MnistMlp.plot(result.history(), dir.resolve("curves"));
    assertEquals(List.of(dir.resolve("curves/loss.png").toAbsolutePath(), dir.resolve("curves/accuracy.png").toAbsolutePath()),
        pngs);
    for (Path png : pngs) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertTrue(image != null && image.getWidth() > 100 && image.getHeight() > 100, png + " is not a picture");
    }
  }
}
