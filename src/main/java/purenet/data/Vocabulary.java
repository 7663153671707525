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

  /**
   * Checks that the symbols are present, distinct and sorted.
   *
   * @param symbols the symbols, each code point once, in ascending order; at least one
   */
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

  /**
   * {@return the distinct code points of {@code text}, sorted}
   *
   * @param text the text whose distinct characters form the vocabulary
   */
  public static Vocabulary of(String text) {
    int[] points = text.codePoints().distinct().sorted().toArray();
    return new Vocabulary(new String(points, 0, points.length));
  }

  /** {@return the number of symbols} */
  public int size() {
    return symbols.codePointCount(0, symbols.length());
  }

  /**
   * {@return the code point of symbol {@code index}}
   *
   * @param index a symbol index in [0, size)
   */
  public int symbol(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("symbol index must be in 0.." + (size() - 1) + ", got " + index);
    }
    return symbols.codePointAt(symbols.offsetByCodePoints(0, index));
  }

  /**
   * {@return the index of a code point}
   *
   * @param codePoint a character of the vocabulary
   */
  public int index(int codePoint) {
    return index(points(), codePoint);
  }

  /**
   * {@return the indices of the code points of {@code text}}
   *
   * @param text text made of the vocabulary's characters
   * @throws IllegalArgumentException naming the first character that is not a symbol
   */
  public int[] encode(String text) {
    int[] points = points();
    return text.codePoints().map(p -> index(points, p)).toArray();
  }

  /**
   * {@return the text of a sequence of indices}
   *
   * @param indices symbol indices
   */
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

  /**
   * {@return one-hot rows: (n, size) with row r equal to e_{indices[r]}}
   *
   * @param indices symbol indices
   */
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
