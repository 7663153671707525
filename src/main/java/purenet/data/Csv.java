package purenet.data;

import io.vavr.collection.Vector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * A numeric CSV format: the delimiter and whether the first line is a header. {@link #read}
 * turns a file (raw or gzip, detected by its magic bytes) into a {@link Table}.
 *
 * <p>Rules: lines end in {@code \n} or {@code \r\n}; blank lines are skipped (line numbers in
 * messages still count them); a UTF-8 byte-order mark is ignored; every field is trimmed and loses
 * one pair of surrounding double quotes; with {@link #WHITESPACE} as the delimiter, any run of
 * spaces and tabs separates fields (NumPy's {@code loadtxt} default). Every data field must be a
 * decimal number ({@code 5.1}, {@code -3e-2}) or {@code nan}/{@code inf}/{@code infinity} in any
 * case with an optional sign; every data row must have as many fields as the first one. Quoted
 * fields containing the delimiter are not supported: this is for numeric data.
 *
 * @param delimiter the field separator, or {@link #WHITESPACE}
 * @param header    whether the first non-blank line is a header rather than data
 */
public record Csv(char delimiter, boolean header) {
  /** The delimiter value meaning "any run of spaces and tabs". */
  public static final char WHITESPACE = ' ';

  /**
   * Rejects delimiters that could be part of a number or a line break.
   *
   * @param delimiter the field separator, or {@link #WHITESPACE}
   * @param header whether the first non-blank line is a header rather than data
   */
  public Csv {
    if ("0123456789.+-eE\"\r\n".indexOf(delimiter) >= 0 || Character.isLetterOrDigit(delimiter)) {
      throw new IllegalArgumentException(
          "delimiter must not be a digit, letter, sign, point, quote or line break, got '" + delimiter + "'");
    }
  }

  /** {@return comma-separated, no header} */
  public static Csv comma() {
    return new Csv(',', false);
  }

  /** {@return whitespace-separated, no header} */
  public static Csv whitespace() {
    return new Csv(WHITESPACE, false);
  }

  /** {@return this format with a header line} */
  public Csv withHeader() {
    return new Csv(delimiter, true);
  }

  /**
   * {@return the table in {@code file}} A file with a header line and no data rows is a table of 0
   * rows and as many columns as the header has fields.
   *
   * @param file the CSV file
   * @throws IOException naming the file: if it cannot be read, is empty (or only blank lines), is a
   *     truncated or corrupt gzip stream, or naming the line and column of the first malformed row:
   *     a field that is not a number, an empty field, a row with a different number of columns than
   *     the first data row
   */
  public Table read(Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Compressed.open(file), StandardCharsets.UTF_8))) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw Compressed.named(file, e);
    }
  }

  /** Parses lines from {@code in}; {@code source} names it in messages. */
  Table parse(BufferedReader in, String source) throws IOException {
    Vector<String> head = Vector.empty();
    boolean needHeader = header;
    double[] data = new double[1024];
    int size = 0;
    int columns = -1;
    int firstDataLine = 0;
    int rows = 0;
    int lineNumber = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(line);
      if (needHeader) {
        head = Vector.ofAll(fields);
        needHeader = false;
        continue;
      }
      if (columns < 0) {
        columns = fields.size();
        firstDataLine = lineNumber;
      } else if (fields.size() != columns) {
        throw new IOException(source + ":" + lineNumber + ": expected " + columns + " columns (as on line "
            + firstDataLine + "), found " + fields.size() + ": '" + abbreviate(line) + "'");
      }
      if (size + columns > data.length) {
        data = Arrays.copyOf(data, Math.max(size + columns, 2 * data.length));
      }
      for (int j = 0; j < columns; j++) {
        data[size++] = number(fields.get(j), source, lineNumber, j + 1);
      }
      rows++;
    }
    if (needHeader) {
      throw new IOException(source + ": expected a header line, found an empty file");
    }
    if (rows == 0 && !header) {
      throw new IOException(source + ": expected rows of numbers, found an empty file"
          + (lineNumber > 0 ? " (" + lineNumber + " blank lines)" : ""));
    }
    double[] values = data;
    // A header-only file keeps its columns: (0, number of header fields).
    int width = rows == 0 ? head.size() : columns;
    return new Table(head, Tensor.generate(Shape.of(rows, width), i -> values[i]));
  }

  private List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    if (delimiter == WHITESPACE) {
      for (String f : line.trim().split("[ \t]+")) {
        fields.add(unquote(f));
      }
      return fields;
    }
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == delimiter) {
        fields.add(unquote(line.substring(start, i).trim()));
        start = i + 1;
      }
    }
    return fields;
  }

  private static String unquote(String field) {
    return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
        ? field.substring(1, field.length() - 1).trim()
        : field;
  }

  private static double number(String field, String source, int line, int column) throws IOException {
    if (field.isEmpty()) {
      throw new IOException(source + ":" + line + ": column " + column + " is empty, expected a number");
    }
    String unsigned = field.charAt(0) == '+' || field.charAt(0) == '-' ? field.substring(1) : field;
    String word = unsigned.toLowerCase();
    boolean negative = field.charAt(0) == '-';
    switch (word) {
      case "nan":
        return Double.NaN;
      case "inf":
      case "infinity":
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      default:
        break;
    }
    if (!decimal(unsigned)) {
      throw new IOException(source + ":" + line + ": column " + column + " is '" + abbreviate(field)
          + "', expected a number");
    }
    return Double.parseDouble(field);
  }

  /** digits [. digits] [e [sign] digits], with at least one digit before the exponent. */
  private static boolean decimal(String s) {
    int i = 0;
    int n = s.length();
    int digits = 0;
    while (i < n && isAsciiDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isAsciiDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isAsciiDigit(s.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
