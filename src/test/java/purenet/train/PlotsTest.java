package purenet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @Test
  void writesAPngOfNamedCurves(@TempDir Path dir) throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("train", new double[] {1.0, 0.6, 0.4, 0.3});
    series.put("validation", new double[] {1.1, 0.7, 0.55});
    Path png = dir.resolve("curves/loss.png");
    Plots.lines(png, "loss", "epoch", "loss", series);
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
    assertTrue(bytes.length > 1000, "only " + bytes.length + " bytes");
    try (var files = Files.list(png.getParent())) {
      assertTrue(files.allMatch(png::equals), "a temporary file was left behind");
    }
  }

  @Test
  void nonFiniteValuesAreNamed(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Plots.lines(dir.resolve("x.png"), "t", "x", "y", Map.of("train", new double[] {1, Double.NaN})));
    assertTrue(e.getMessage().contains("'train'") && e.getMessage().contains("index 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Plots.lines(dir.resolve("x.png"), "t", "x", "y", Map.of()));
  }

  @Test
  void writesCurvesAgainstGivenXValues(@TempDir Path dir) throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("bias²", new double[] {0.01, 0.02, 0.08});
    series.put("variance", new double[] {0.3, 0.1, 0.02});
    Path png = dir.resolve("bv.png");
    Plots.lines(png, "bias-variance", "ln λ", "error", new double[] {-4, -1.5, 2}, series);
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
    assertTrue(bytes.length > 1000, "only " + bytes.length + " bytes");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.lines(
        dir.resolve("y.png"), "t", "x", "y", new double[] {1, 2}, Map.of("train", new double[] {1, 2, 3})));
    assertTrue(e.getMessage().contains("'train' has 3 values for 2 x values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Plots.lines(
        dir.resolve("y.png"), "t", "x", "y", new double[] {1, Double.NaN}, Map.of("train", new double[] {1, 2})));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("index 1"), e.getMessage());
  }
}
