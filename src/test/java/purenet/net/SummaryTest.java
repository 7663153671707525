package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.ShapeCheck;
import purenet.layer.Tanh;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class SummaryTest {

  private static Sequential mlp(int... widths) {
    Key[] keys = Key.of(42).split(widths.length);
    Sequential net = Sequential.of();
    for (int i = 0; i + 1 < widths.length; i++) {
      net = net.then(Dense.of(widths[i], widths[i + 1], keys[i]));
      if (i + 2 < widths.length) {
        net = net.then(new Relu());
      }
    }
    return net;
  }

  @Test
  void mlpRowsShapesAndParameterCount() {
    Summary s = Summary.of(mlp(784, 256, 128, 10), Shape.of(32, 784));
    assertEquals(Vector.of("0", "1", "2", "3", "4"), s.rows().map(Summary.Row::path));
    assertEquals(Vector.of("Dense", "Relu", "Dense", "Relu", "Dense"), s.rows().map(Summary.Row::layer));
    assertEquals(Vector.of(Shape.of(32, 256), Shape.of(32, 256), Shape.of(32, 128), Shape.of(32, 128), Shape.of(32, 10)),
        s.rows().map(r -> r.output().get()));
    assertEquals(Vector.of(784L * 256 + 256, 0L, 256L * 128 + 128, 0L, 128L * 10 + 10), s.rows().map(Summary.Row::parameters));
    assertEquals(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, s.parameters());
    assertEquals(235_146, s.parameters());
    assertEquals(0, s.stateSize());
    assertEquals(Shape.of(32, 10), s.output());
    assertTrue(s.valid());
    assertSame(s, s.requireValid());
  }

  @Test
  void tableShowsEveryRowAndTheTotal() {
    String table = Summary.of(mlp(784, 256, 128, 10), Shape.of(32, 784)).toString();
    assertTrue(table.startsWith("Model: Sequential, input (32, 784) -> output (32, 10)"), table);
    assertTrue(table.contains("Total params: 235,146"), table);
    assertTrue(table.contains("200,960"), table);
    assertTrue(table.contains("Shape problems: none"), table);
    String[] lines = table.split("\n");
    // the model line, a rule, the column titles, a rule, five rows, a rule, three footer lines
    assertEquals(13, lines.length, table);
    assertTrue(lines[5].startsWith("1  ") && lines[5].contains("Relu") && lines[5].contains("(32, 256)")
        && lines[5].endsWith(" 0"), lines[5]);
    // the counts are right-aligned in one column
    assertEquals(lines[4].length(), lines[5].length(), table);
  }

  @Test
  void twoMismatchedDenseLayersAreBothReported() {
    Key[] k = Key.of(1).split(3);
    Sequential net = Sequential.of(Dense.of(784, 256, k[0]), new Relu(), Dense.of(200, 128, k[1]), new Relu(),
        Dense.of(100, 10, k[2]));
    Summary s = Summary.of(net, Shape.of(32, 784));
    assertFalse(s.valid());
    assertEquals(Vector.of(
        "layer 2 (Dense): Dense expects input (batch, 200), got (32, 256)",
        "layer 4 (Dense): Dense expects input (batch, 100), got (32, 128)"), s.problems());
    assertEquals(Option.some(Shape.of(32, 10)), s.rows().last().output());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::requireValid);
    assertTrue(e.getMessage().contains("2 problems"), e.getMessage());
    for (String problem : s.problems()) {
      assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
    assertTrue(s.toString().contains("Shape problems (2):"), s.toString());
  }

  @Test
  void nestedCombinatorsGetPathsLikeTheirParameters() {
    Key[] k = Key.of(2).split(4);
    Sequential net = Sequential.of(
        Dense.of(4, 6, k[0]),
        Residual.of(Sequential.of(Dense.of(6, 6, k[1]), new Tanh())),
        Parallel.concat(Dense.of(6, 2, k[2]), Sequential.of(new Relu(), Dense.of(6, 3, k[3]))));
    Summary s = Summary.of(net, Shape.of(5, 4));
    assertEquals(Vector.of("0", "1", "1/inner", "1/inner/0", "1/inner/1", "2", "2/0", "2/1", "2/1/0", "2/1/1"),
        s.rows().map(Summary.Row::path));
    assertEquals(Vector.of(1, 1, 2, 3, 3, 1, 2, 2, 3, 3), s.rows().map(Summary.Row::depth));
    assertEquals(Vector.of("Dense", "Residual", "Sequential", "Dense", "Tanh", "Parallel", "Dense", "Sequential",
        "Relu", "Dense"), s.rows().map(Summary.Row::layer));
    assertEquals(Vector.of(Shape.of(5, 6), Shape.of(5, 6), Shape.of(5, 6), Shape.of(5, 6), Shape.of(5, 6),
        Shape.of(5, 5), Shape.of(5, 2), Shape.of(5, 3), Shape.of(5, 6), Shape.of(5, 3)),
        s.rows().map(r -> r.output().get()));
    // every row counts the parameters found under its path in the model's tree
    for (Summary.Row row : s.rows()) {
      assertEquals(net.params().get(row.path()).get().elementCount(), row.parameters(), row.path());
    }
    assertEquals(net.params().elementCount(), s.parameters());
    assertTrue(s.valid(), s.problems().toString());
  }

  @Test
  void nestedProblemsAreAllReportedWithTheirPath() {
    Key[] k = Key.of(3).split(3);
    Sequential net = Sequential.of(
        Residual.of(Dense.of(4, 5, k[0])),
        Parallel.sum(Dense.of(4, 2, k[1]), Sequential.of(new Tanh(), Dense.of(3, 3, k[2]))));
    Summary s = Summary.of(net, Shape.of(8, 4));
    assertEquals(Vector.of(
        "layer 0 (Residual): Residual needs its inner Dense to keep the input shape (8, 4), but it outputs (8, 5)",
        "layer 1 (Parallel): branch 1 (Sequential): layer 1 (Dense): Dense expects input (batch, 3), got (8, 4)",
        "layer 1 (Parallel): Parallel SUM needs branch outputs of equal shapes, got (8, 2) from branch 0 (Dense)"
            + " and (8, 3) from branch 1 (Sequential)"), s.problems());
  }

  @Test
  void aPlainLayerIsItsOwnRow() {
    Dense dense = Dense.of(3, 2, Key.of(4));
    assertTrue(dense.children().isEmpty());
    assertTrue(dense.check(Shape.of(7, 3)).children().isEmpty());
    Summary s = Summary.of(dense, Shape.of(7, 3));
    assertEquals(Vector.of(new Summary.Row("", "Dense", Option.some(Shape.of(7, 2)), 8)), s.rows());
    assertEquals(0, s.rows().head().depth());
    assertTrue(s.toString().split("\n")[4].matches("-\\s+Dense\\s+\\(7, 2\\)\\s+8"), s.toString());
  }

  @Test
  void countsStateAsNonTrainable() {
    Summary s = Summary.of(Sequential.of(Probe.fresh(), new Tanh()), Shape.of(2, 2));
    assertEquals(1, s.stateSize());
    assertTrue(s.toString().contains("Non-trainable state: 1"), s.toString());
  }

  @Test
  void neverRunsTheModel() {
    Summary s = Summary.of(Sequential.of(new Unrunnable(), Dense.of(3, 2, Key.of(5))), Shape.of(4, 3));
    assertEquals(Shape.of(4, 2), s.output());
    assertTrue(s.valid());
  }

  @Test
  void aCombinatorThatReportsNoChildChecksGetsUnknownShapes() {
    Summary s = Summary.of(new Opaque(new Tanh()), Shape.of(2, 2));
    assertEquals(Vector.of(new Summary.Row("x", "Tanh", Option.none(), 0)), s.rows());
    assertTrue(s.toString().contains("?"), s.toString());
  }

  /** A layer that checks without computing and fails if run. */
  private record Unrunnable() implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      throw new AssertionError("Summary must not run the model");
    }

    @Override
    public ShapeCheck check(Shape input) {
      return ShapeCheck.ok(input);
    }
  }

  /** A wrapper that names its child but does not report the child's check. */
  private record Opaque(Layer inner) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return inner.forward(input, mode);
    }

    @Override
    public ShapeCheck check(Shape input) {
      return inner.check(input);
    }

    @Override
    public LinkedHashMap<String, Layer> children() {
      return LinkedHashMap.of("x", inner);
    }
  }
}
