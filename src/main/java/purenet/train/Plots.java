package purenet.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * PNG line charts of training curves, e.g. loss per epoch for the training and validation sets.
 *
 * <p>Rendering runs in AWT's headless mode ({@code java.awt.headless=true} is set unless the
 * property is already set), so it works on machines without a display. The chart library
 * (XChart) stays behind this class: the API takes plain arrays and paths. Files are written
 * atomically (a temporary file in the same directory, then a move), so a reader never sees half a
 * PNG.
 */
public final class Plots {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private Plots() {}

  /**
   * Writes a line chart: series k is drawn through the points (i + 1, values[i]), so x counts
   * epochs from 1. Series may differ in length.
   *
   * @param png    the file to write (parent directories are created)
   * @param title  the chart title
   * @param xLabel the x-axis label, e.g. "epoch"
   * @param yLabel the y-axis label, e.g. "loss"
   * @param series name → values, drawn and listed in the map's iteration order; at least one
   *               series, each non-empty and finite
   * @throws IllegalArgumentException naming the series and index of a bad value
   * @throws UncheckedIOException     if the file cannot be written
   */
  public static void lines(Path png, String title, String xLabel, String yLabel, Map<String, double[]> series) {
    validate(series);
    draw(png, title, xLabel, yLabel, series, values -> {
      double[] x = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        x[i] = i + 1;
      }
      return x;
    });
  }

  /**
   * Writes a line chart against given x values: series k is drawn through the points
   * (x[i], values[i]), e.g. an error against ln λ.
   *
   * @param png    the file to write (parent directories are created)
   * @param title  the chart title
   * @param xLabel the x-axis label
   * @param yLabel the y-axis label
   * @param x      the x values, finite, shared by every series
   * @param series name → values, drawn and listed in the map's iteration order; at least one
   *               series, each finite and as long as {@code x}
   * @throws IllegalArgumentException naming the series of a bad length or the series and index of a
   *     bad value
   * @throws UncheckedIOException     if the file cannot be written
   */
  public static void lines(Path png, String title, String xLabel, String yLabel, double[] x,
      Map<String, double[]> series) {
    validate(series);
    validate(Map.of("x", x));
    for (Map.Entry<String, double[]> s : series.entrySet()) {
      if (s.getValue().length != x.length) {
        throw new IllegalArgumentException("series '" + s.getKey() + "' has " + s.getValue().length
            + " values for " + x.length + " x values");
      }
    }
    draw(png, title, xLabel, yLabel, series, values -> x);
  }

  private static void validate(Map<String, double[]> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a line chart needs at least one series, got none");
    }
    for (Map.Entry<String, double[]> s : series.entrySet()) {
      double[] values = s.getValue();
      if (values.length == 0) {
        throw new IllegalArgumentException("series '" + s.getKey() + "' is empty");
      }
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new IllegalArgumentException(
              "series '" + s.getKey() + "' has a non-finite value " + values[i] + " at index " + i);
        }
      }
    }
  }

  private static void draw(Path png, String title, String xLabel, String yLabel, Map<String, double[]> series,
      UnaryOperator<double[]> xOf) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setYAxisDecimalPattern("0.####");
    for (Map.Entry<String, double[]> s : series.entrySet()) {
      double[] y = s.getValue();
      chart.addSeries(s.getKey(), xOf.apply(y).clone(), y.clone());
    }
    try {
      write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart '" + title + "' to " + png, e);
    }
  }

  /**
   * The history's training (and, if present, validation) loss per epoch.
   *
   * @param png the file to write (parent directories are created)
   * @param history the history of a {@link Fit} run
   */
  public static void losses(Path png, History history) {
    lines(png, "loss", "epoch", "loss", history.lossCurves());
  }

  /**
   * The history's training and validation accuracy per epoch, those that exist.
   *
   * @param png the file to write (parent directories are created)
   * @param history the history of a {@link Fit} run
   */
  public static void accuracies(Path png, History history) {
    lines(png, "accuracy", "epoch", "accuracy", history.accuracyCurves());
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    // A sibling (same file system, so the move can be atomic) with the usual permissions, which
    // Files.createTempFile would restrict to the owner.
    Path tmp = absolute.resolveSibling(absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
