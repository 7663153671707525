package purenet.net;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Locale;
import purenet.layer.Layer;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;

/**
 * A model's layers, output shapes and parameter counts for an input shape, with every shape
 * problem in the network, found at once and without computing anything (from {@link Layer#check}).
 *
 * <p>One {@link Row} per layer nested in the model, depth first, found through
 * {@link Layer#children()}: a row's path is the prefix of that layer's entries in the model's
 * parameter tree ({@code "0"}, {@code "2/0"}, {@code "1/inner/0"}). A model that wraps no other
 * layer is its own single row, with the empty path. A combinator's row counts all the parameters
 * beneath it, so the total is the model's count, not the sum of the rows. {@link #toString()}
 * renders a Keras-like table.
 *
 * @param model      the model's name
 * @param input      the input shape checked
 * @param output     the model's output shape for that input
 * @param rows       the nested layers, depth first
 * @param parameters the number of trainable scalars, Σ over the model's parameter leaves
 * @param stateSize  the number of non-trainable scalars (running statistics and the like)
 * @param problems   every shape problem, each naming where it arose and both shapes
 */
public record Summary(String model, Shape input, Shape output, Vector<Row> rows, long parameters,
    long stateSize, Vector<String> problems) {

  /**
   * One layer of the model.
   *
   * @param path       where it sits: its children names joined by {@code /}; {@code ""} for the model
   * @param layer      its {@link Layer#name()}
   * @param output     its output shape, or none if its combinator does not report its children's
   *                   checks
   * @param parameters the number of trainable scalars in it and beneath it
   */
  public record Row(String path, String layer, Option<Shape> output, long parameters) {

    /**
     * Rejects nulls and negative counts.
     *
     * @param path where it sits: its children names joined by {@code /}; {@code ""} for the model
     * @param layer its {@link Layer#name()}
     * @param output its output shape, or none if its combinator does not report its children's checks
     * @param parameters the number of trainable scalars in it and beneath it
     */
    public Row {
      if (path == null || layer == null || output == null || parameters < 0) {
        throw new IllegalArgumentException("Row needs a path, a layer name, an output and a count >= 0, got "
            + path + ", " + layer + ", " + output + ", " + parameters);
      }
    }

    /** {@return how deeply nested it is: 1 for a child of the model (0 for the model itself)} */
    public int depth() {
      return path.isEmpty() ? 0 : path.split("/").length;
    }
  }

  /**
   * Rejects nulls and negative counts.
   *
   * @param model the model's name
   * @param input the input shape checked
   * @param output its output shape, or none if its combinator does not report its children's checks
   * @param rows the nested layers, depth first
   * @param parameters the number of trainable scalars in it and beneath it
   * @param stateSize the number of non-trainable scalars (running statistics and the like)
   * @param problems every shape problem, each naming where it arose and both shapes
   */
  public Summary {
    if (model == null || input == null || output == null || rows == null || problems == null) {
      throw new IllegalArgumentException("Summary fields must not be null");
    }
    if (parameters < 0 || stateSize < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, got parameters " + parameters + ", state " + stateSize);
    }
  }

  /**
   * {@return the summary of {@code model} for inputs of shape {@code input}}
   *
   * @param model the model's name
   * @param input the input shape checked
   */
  public static Summary of(Layer model, Shape input) {
    ShapeCheck check = model.check(input);
    Vector<Row> rows = model.children().isEmpty()
        ? Vector.of(new Row("", model.name(), Option.some(check.output()), model.params().elementCount()))
        : rows(model, Option.some(check), "");
    return new Summary(model.name(), input, check.output(), rows, model.params().elementCount(),
        model.state().elementCount(), check.problems());
  }

  private static Vector<Row> rows(Layer layer, Option<ShapeCheck> check, String prefix) {
    Vector<Row> rows = Vector.empty();
    for (Tuple2<String, Layer> child : layer.children()) {
      String path = prefix.isEmpty() ? child._1 : prefix + "/" + child._1;
      Option<ShapeCheck> sub = check.flatMap(c -> c.children().get(child._1));
      rows = rows.append(new Row(path, child._2.name(), sub.map(ShapeCheck::output), child._2.params().elementCount()))
          .appendAll(rows(child._2, sub, path));
    }
    return rows;
  }

  /** {@return whether the model fits the input shape: no problems} */
  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * {@return this summary, if the model fits its input shape}
   *
   * @throws IllegalArgumentException listing every problem, one a line
   */
  public Summary requireValid() {
    if (!valid()) {
      throw new IllegalArgumentException(model + " does not fit input " + input + ", "
          + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":"
          + problems.map(p -> "\n  " + p).mkString());
    }
    return this;
  }

  /** A table of the rows with the totals and the problems, in the manner of Keras' summary. */
  @Override
  public String toString() {
    Vector<String[]> cells = Vector.<String[]>of(new String[] {"Path", "Layer", "Output shape", "Params"})
        .appendAll(rows.map(r -> new String[] {
            r.path().isEmpty() ? "-" : r.path(),
            "  ".repeat(Math.max(0, r.depth() - 1)) + r.layer(),
            r.output().map(Shape::toString).getOrElse("?"),
            count(r.parameters())}));
    int[] width = new int[4];
    for (String[] row : cells) {
      for (int i = 0; i < 4; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    int total = width[0] + width[1] + width[2] + width[3] + 6;
    StringBuilder s = new StringBuilder();
    s.append("Model: ").append(model).append(", input ").append(input).append(" -> output ").append(output).append('\n');
    s.append("=".repeat(total)).append('\n');
    for (int r = 0; r < cells.size(); r++) {
      String[] row = cells.get(r);
      s.append(pad(row[0], width[0])).append("  ").append(pad(row[1], width[1])).append("  ")
          .append(pad(row[2], width[2])).append("  ")
          .append(" ".repeat(width[3] - row[3].length())).append(row[3]).append('\n');
      if (r == 0) {
        s.append("-".repeat(total)).append('\n');
      }
    }
    s.append("=".repeat(total)).append('\n');
    s.append("Total params: ").append(count(parameters)).append('\n');
    s.append("Non-trainable state: ").append(count(stateSize)).append('\n');
    s.append(problems.isEmpty() ? "Shape problems: none" : "Shape problems (" + problems.size() + "):");
    problems.forEach(p -> s.append("\n  ").append(p));
    return s.toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
