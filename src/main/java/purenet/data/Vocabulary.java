package purenet.data;

import java.util.Arrays;
import purenet.tensor.Tensor;

/**
 * The symbols of a character-level model: distinct Unicode code points in ascending order, symbol i
 * having index i. Characters outside the Basic Multilingual Plane are one symbol each (code points,
 * not UTF-16 units).
 *
 * <p>{@link #encode} maps text to indices, {@link #decode} back, and {@link #oneHot} gives the
 * (n, size) one-hot rows e_{index} a network reads.
 *
 * @param symbols the symbols, each code point once, in ascending order; at least one
 */
public record Vocabulary(String symbols) {

  /** Checks that the symbols are present, distinct and sorted. */
  public Vocabulary {
    if (symbols == null || symbols.isEmpty()) {
      throw new IllegalArgumentException("a vocabulary needs at least one symbol, got "
          + (symbols == null ? "null" : "none"));
    }
    int[] points = symbols.codePoints().toArray();
    for (int i = 1; i < points.length; i++) {
      if (points[i] <= points[i - 1]) {
        throw new IllegalArgumentException("vocabulary symbols must be distinct and in ascending order, got "
            + describe(points[i - 1]) + " before " + describe(points[i]));
      }
    }
  }

  /** The distinct code points of {@code text}, sorted. */
  public static Vocabulary of(String text) {
    int[] points = text.codePoints().distinct().sorted().toArray();
    return new Vocabulary(new String(points, 0, points.length));
  }

  /** The number of symbols. */
  public int size() {
    return symbols.codePointCount(0, symbols.length());
  }

  /** The code point of symbol {@code index}. */
  public int symbol(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("symbol index must be in 0.." + (size() - 1) + ", got " + index);
    }
    return symbols.codePointAt(symbols.offsetByCodePoints(0, index));
  }

  /** The index of a code point. */
  public int index(int codePoint) {
    return index(points(), codePoint);
  }

  /**
   * The indices of the code points of {@code text}.
   *
   * @throws IllegalArgumentException naming the first character that is not a symbol
   */
  public int[] encode(String text) {
    int[] points = points();
    return text.codePoints().map(p -> index(points, p)).toArray();
  }

  /** The text of a sequence of indices. */
  public String decode(int... indices) {
    int[] points = points();
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= points.length) {
        throw new IndexOutOfBoundsException("symbol index must be in 0.." + (points.length - 1) + ", got "
            + indices[i] + " at position " + i);
      }
      out[i] = points[indices[i]];
    }
    return new String(out, 0, out.length);
  }

  /** One-hot rows: (n, size) with row r equal to e_{indices[r]}. */
  public Tensor oneHot(int... indices) {
    int v = size();
    double[] d = new double[indices.length * v];
    for (int r = 0; r < indices.length; r++) {
      if (indices[r] < 0 || indices[r] >= v) {
        throw new IndexOutOfBoundsException("symbol index must be in 0.." + (v - 1) + ", got " + indices[r]);
      }
      d[r * v + indices[r]] = 1;
    }
    return Tensor.of(d, indices.length, v);
  }

  private int[] points() {
    return symbols.codePoints().toArray();
  }

  private int index(int[] points, int codePoint) {
    int i = Arrays.binarySearch(points, codePoint);
    if (i < 0) {
      throw new IllegalArgumentException(describe(codePoint) + " is not in the vocabulary of " + points.length
          + " symbols");
    }
    return i;
  }

  private static String describe(int codePoint) {
    return "'" + new String(Character.toChars(codePoint)) + "' (U+" + String.format("%04X", codePoint) + ")";
  }
}
