package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class CsvTest {
  @TempDir Path dir;

  @Test
  void aHeaderLineIsKeptAsTextAndTheRestIsAMatrix() throws IOException {
    Path file = write("iris-like.csv", "3,2,setosa,versicolor\n5.1,3.5,0\n4.9,3.0,1\n6.2,3.4,1\n");
    Table t = new Csv(',', true).read(file);
    assertEquals(Vector.of("3", "2", "setosa", "versicolor"), t.header());
    assertEquals(Tensor.of(new double[][] {{5.1, 3.5, 0}, {4.9, 3.0, 1}, {6.2, 3.4, 1}}), t.values());
    assertEquals(Tensor.vector(0, 1, 1), t.column(2));
    assertEquals(Tensor.of(new double[][] {{3.5, 0}, {3.0, 1}, {3.4, 1}}), t.columns(1, 3));
  }

  @Test
  void withoutAHeaderTheFirstLineIsData() throws IOException {
    Table t = Csv.comma().read(write("plain.csv", "1,2\n3,4\n"));
    assertEquals(Vector.empty(), t.header());
    assertEquals(Shape.of(2, 2), t.values().shape());
    assertEquals(1.0, t.values().get(0, 0), 0.0);
  }

  @Test
  void whitespaceSeparatesOnAnyRunOfSpacesAndTabs() throws IOException {
    Table t = Csv.whitespace().read(write("diabetes-like", "59 2 32.1\n  48\t 1   21.6  \n"));
    assertEquals(Tensor.of(new double[][] {{59, 2, 32.1}, {48, 1, 21.6}}), t.values());
  }

  @Test
  void quotesBomCrlfAndBlankLinesAreTolerated() throws IOException {
    Table t = new Csv(',', true).read(write("boston-like.csv", "\uFEFF\"CRIM\", \"ZN\"\r\n\r\n0.00632, 18\r\n\r\n\"0.02731\",0\r\n\n"));
    assertEquals(Vector.of("CRIM", "ZN"), t.header());
    assertEquals(Tensor.of(new double[][] {{0.00632, 18}, {0.02731, 0}}), t.values());
  }

  @Test
  void numbersInEveryDecimalFormAndNonFiniteWords() throws IOException {
    Table t = Csv.comma().read(write("numbers.csv", "1.510000000000000000e+02,-3E-2,+.5,7.,nan,-Inf,Infinity\n"));
    assertEquals(151.0, t.values().at(0), 0.0);
    assertEquals(-0.03, t.values().at(1), 0.0);
    assertEquals(0.5, t.values().at(2), 0.0);
    assertEquals(7.0, t.values().at(3), 0.0);
    assertTrue(Double.isNaN(t.values().at(4)));
    assertEquals(Double.NEGATIVE_INFINITY, t.values().at(5), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, t.values().at(6), 0.0);
  }

  @Test
  void gzipIsDetectedByItsMagicBytes() throws IOException {
    Path file = dir.resolve("digits-like.csv");
    Files.write(file, IdxTest.gzip("0,16,3\n1,2,9\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Tensor.of(new double[][] {{0, 16, 3}, {1, 2, 9}}), Csv.comma().read(file).values());
  }

  @Test
  void aRowWithTheWrongColumnCountNamesItsLine() throws IOException {
    Path file = write("ragged.csv", "h\n1,2,3\n\n4,5\n");
    IOException e = assertThrows(IOException.class, () -> new Csv(',', true).read(file));
    assertMessage(e, file + ":4:", "expected 3 columns", "as on line 2", "found 2", "'4,5'");
  }

  @Test
  void aFieldThatIsNotANumberNamesItsLineAndColumn() throws IOException {
    Path file = write("text.csv", "1,2\n3,abc\n");
    assertMessage(assertThrows(IOException.class, () -> Csv.comma().read(file)),
        file + ":2:", "column 2 is 'abc'", "expected a number");
    Path hex = write("hex.csv", "0x1p3\n");
    assertMessage(assertThrows(IOException.class, () -> Csv.comma().read(hex)), hex + ":1:", "'0x1p3'");
    Path suffix = write("suffix.csv", "1d\n");
    assertMessage(assertThrows(IOException.class, () -> Csv.comma().read(suffix)), suffix + ":1:", "'1d'");
    Path exponent = write("exponent.csv", "1e\n");
    assertMessage(assertThrows(IOException.class, () -> Csv.comma().read(exponent)), exponent + ":1:", "'1e'");
  }

  @Test
  void anEmptyFieldIsRejected() throws IOException {
    Path file = write("trailing-comma.csv", "1,2,\n");
    assertMessage(assertThrows(IOException.class, () -> Csv.comma().read(file)),
        file + ":1:", "column 3 is empty");
  }

  @Test
  void aMissingHeaderIsReported() throws IOException {
    Path file = write("empty.csv", "\n\n");
    assertMessage(assertThrows(IOException.class, () -> new Csv(',', true).read(file)),
        file.toString(), "expected a header line");
    // Without a header an empty file is an error too, never a silent 0 × 0 table.
    assertThrows(IOException.class, () -> Csv.comma().read(file));
  }

  @Test
  void delimitersThatCouldBePartOfANumberAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Csv('.', false));
    assertTrue(e.getMessage().contains("'.'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Csv('e', false));
    assertThrows(IllegalArgumentException.class, () -> new Csv('-', false));
  }

  @Test
  void tableColumnsAreBoundsChecked() {
    Table t = new Table(Vector.empty(), Tensor.zeros(2, 3));
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.columns(1, 4));
    assertTrue(e.getMessage().contains("[1, 4)") && e.getMessage().contains("3 columns"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Table(Vector.empty(), Tensor.zeros(2)));
  }

  @Test
  void anEmptyFileIsAnErrorNamingTheFile() throws IOException {
    Path empty = write("empty.csv", "");
    assertMessage(assertThrows(IOException.class, () -> Csv.comma().read(empty)), empty.toString(),
        "expected rows of numbers, found an empty file");
    Path blank = write("blank.csv", "\n \n");
    assertMessage(assertThrows(IOException.class, () -> Csv.whitespace().read(blank)), blank.toString(),
        "found an empty file (2 blank lines)");
  }

  @Test
  void aHeaderOnlyFileKeepsItsColumns() throws IOException {
    Table t = new Csv(',', true).read(write("header-only.csv", "sepal_length,sepal_width,species\n"));
    assertEquals(Vector.of("sepal_length", "sepal_width", "species"), t.header());
    assertEquals(Shape.of(0, 3), t.values().shape());
    assertEquals(3, t.columns());
    assertEquals(Shape.of(0, 2), t.columns(1, 3).shape());
  }

  @Test
  void aTruncatedGzipFileNamesTheFile() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      rows.append(i).append(',').append(i % 7).append('\n');
    }
    byte[] whole = IdxTest.gzip(rows.toString().getBytes(StandardCharsets.UTF_8));
    Path truncated = dir.resolve("rows.csv.gz");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    IOException e = assertThrows(IOException.class, () -> Csv.comma().read(truncated));
    assertMessage(e, truncated.toString(), "truncated");
  }

  @Test
  void aTwoByteGzipFileNamesTheFileAndWhatIsMissing() throws IOException {
    Path stub = dir.resolve("stub.csv.gz");
    Files.write(stub, new byte[] {0x1f, (byte) 0x8b});
    IOException e = assertThrows(IOException.class, () -> Csv.comma().read(stub));
    assertMessage(e, stub.toString(), "truncated gzip header", "has only 2 bytes, a gzip header needs at least 10");
    IOException idx = assertThrows(IOException.class, () -> Idx.read(stub));
    assertMessage(idx, stub.toString(), "truncated gzip header");
  }

  @Test
  void corruptGzipDataNamesTheFile() throws IOException {
    byte[] whole = IdxTest.gzip("1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
    whole[12] ^= (byte) 0xff;
    Path corrupt = dir.resolve("corrupt.csv.gz");
    Files.write(corrupt, whole);
    IOException e = assertThrows(IOException.class, () -> Csv.comma().read(corrupt));
    assertMessage(e, corrupt.toString());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  static void assertMessage(Exception e, String prefix, String... parts) {
    String m = e.getMessage();
    assertTrue(m.startsWith(prefix), "message should start with '" + prefix + "': " + m);
    for (String part : parts) {
      assertTrue(m.contains(part), "message should contain '" + part + "': " + m);
    }
  }
}
