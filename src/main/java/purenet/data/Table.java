package purenet.data;

import io.vavr.collection.Vector;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * A numeric table read by {@link Csv}: the fields of its header line (as text, empty when the
 * format has no header) and its values as a matrix (rows, columns).
 *
 * <p>The header is kept as found and is not checked against the column count: scikit-learn's
 * files put counts and class names there (e.g. {@code 150,4,setosa,versicolor,virginica} above
 * five columns of iris), others put column names.
 *
 * @param header the header line's fields, in order
 * @param values the data, shape (rows, columns)
 */
public record Table(Vector<String> header, Tensor values) {

  /**
   * Checks that the values form a matrix.
   *
   * @param header the header line's fields, in order
   * @param values the data, shape (rows, columns)
   */
  public Table {
    if (header == null || values == null) {
      throw new IllegalArgumentException("a table needs a header (possibly empty) and values, got "
          + header + " and " + values);
    }
    if (values.rank() != 2) {
      throw new IllegalArgumentException("table values must have shape (rows, columns), got " + values.shape());
    }
  }

  /** {@return number of data rows} */
  public int rows() {
    return values.dim(0);
  }

  /** {@return number of columns} */
  public int columns() {
    return values.dim(1);
  }

  /**
   * {@return column {@code j} as a vector of shape (rows)}
   *
   * @param j the column index
   */
  public Tensor column(int j) {
    return columns(j, j + 1).reshape(rows());
  }

  /**
   * {@return columns {@code from} (inclusive) to {@code to} (exclusive), shape (rows, to − from)}
   *
   * @param from the first column (inclusive)
   * @param to the end column (exclusive)
   */
  public Tensor columns(int from, int to) {
    if (from < 0 || to > columns() || from > to) {
      throw new IndexOutOfBoundsException("columns [" + from + ", " + to + ") of a table with " + columns() + " columns");
    }
    int width = to - from;
    int cols = columns();
    return Tensor.generate(Shape.of(rows(), width), i -> values.at(i / width * cols + from + i % width));
  }
}
