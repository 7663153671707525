package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class IdxTest {
  @TempDir Path dir;

  /** A small (3, 2, 4) tensor of pixel-like values 0..255. */
  private static final Tensor PIXELS = Tensor.generate(Shape.of(3, 2, 4), i -> (i * 37) % 256);

  @Test
  void unsignedBytesRoundTripWithTheirShape() throws IOException {
    Path file = dir.resolve("images-idx3-ubyte");
    Idx.write(file, PIXELS, IdxType.UNSIGNED_BYTE);
    assertEquals(4 + 3 * 4 + PIXELS.size(), Files.size(file));
    assertEquals(new IdxHeader(IdxType.UNSIGNED_BYTE, Shape.of(3, 2, 4)), Idx.header(file));
    assertEquals(PIXELS, Idx.read(file));
  }

  @Test
  void theFileLayoutIsTheMnistOne() throws IOException {
    Path file = dir.resolve("labels-idx1-ubyte");
    Idx.write(file, Tensor.vector(5, 0, 4), IdxType.UNSIGNED_BYTE);
    byte[] expected = {0, 0, 0x08, 1, 0, 0, 0, 3, 5, 0, 4};
    assertEquals(Arrays.toString(expected), Arrays.toString(Files.readAllBytes(file)));
  }

  @Test
  void gzipAndRawGiveTheSameTensorWhateverTheName() throws IOException {
    Path raw = dir.resolve("raw");
    Idx.write(raw, PIXELS, IdxType.UNSIGNED_BYTE);
    Path named = dir.resolve("images.gz");
    Idx.write(named, PIXELS, IdxType.UNSIGNED_BYTE);
    // gzip detected by its magic bytes, not by a .gz suffix
    Path unnamed = dir.resolve("images-without-suffix");
    Files.write(unnamed, gzip(Files.readAllBytes(raw)));
    assertEquals(0x1f, Files.readAllBytes(named)[0] & 0xFF);
    assertEquals(Idx.read(raw), Idx.read(named));
    assertEquals(Idx.read(raw), Idx.read(unnamed));
    assertEquals(Idx.header(raw), Idx.header(unnamed));
  }

  @Test
  void everyElementTypeRoundTrips() throws IOException {
    Tensor small = Tensor.vector(-128, -1, 0, 1, 127);
    Tensor shorts = Tensor.vector(-32768, -300, 0, 300, 32767);
    Tensor ints = Tensor.vector(Integer.MIN_VALUE, -70000, 0, 70000, Integer.MAX_VALUE);
    Tensor floats = Tensor.vector(-1.5, 0.25, 0x1.8p31, Double.POSITIVE_INFINITY, 1.0 / 1024);
    Tensor doubles = Tensor.vector(Math.PI, -Math.E, 1e-300, Double.NaN, Double.MAX_VALUE).reshape(5, 1);
    assertEquals(small, roundTrip(small, IdxType.SIGNED_BYTE));
    assertEquals(shorts, roundTrip(shorts, IdxType.SHORT));
    assertEquals(ints, roundTrip(ints, IdxType.INT));
    assertEquals(floats, roundTrip(floats, IdxType.FLOAT));
    assertEquals(doubles, roundTrip(doubles, IdxType.DOUBLE));
  }

  @Test
  void floatsAreStoredAsTheNearestFloat() throws IOException {
    assertEquals(Tensor.vector((float) 0.1), roundTrip(Tensor.vector(0.1), IdxType.FLOAT));
  }

  @Test
  void aTransformIsAppliedDuringConversion() throws IOException {
    Path file = dir.resolve("px");
    Idx.write(file, PIXELS, IdxType.UNSIGNED_BYTE);
    Tensor scaled = Idx.read(file, v -> v / 255.0);
    assertEquals(PIXELS.map(v -> v / 255.0), scaled);
    assertTrue(scaled.min() >= 0 && scaled.max() <= 1);
  }

  @Test
  void theWriterRejectsValuesTheTypeCannotHold() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Idx.write(dir.resolve("x"), Tensor.vector(1, 256), IdxType.UNSIGNED_BYTE));
    assertTrue(e.getMessage().contains("256.0") && e.getMessage().contains("unsigned byte"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Idx.write(dir.resolve("x"), Tensor.vector(0.5), IdxType.INT));
    assertThrows(IllegalArgumentException.class,
        () -> Idx.write(dir.resolve("x"), Tensor.vector(1e300), IdxType.FLOAT));
    IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
        () -> Idx.write(dir.resolve("x"), Tensor.scalar(1), IdxType.DOUBLE));
    assertTrue(rank.getMessage().contains("rank 1..8"), rank.getMessage());
  }

  // ---------------------------------------------------------------- corrupt files

  @Test
  void badMagicIsNamedWithTheBytesFound() throws IOException {
    Path file = dir.resolve("bad-magic");
    Files.write(file, new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4});
    IOException e = assertThrows(IOException.class, () -> Idx.read(file));
    assertMessage(e, file, "not an IDX file", "00 00 <type> <rank>", "found 50 4b 03 04");
  }

  @Test
  void unknownTypeCodeListsTheKnownOnes() throws IOException {
    Path file = dir.resolve("bad-type");
    Files.write(file, header(0x0A, 1));
    IOException e = assertThrows(IOException.class, () -> Idx.read(file));
    assertMessage(e, file, "unknown IDX type code 0x0A", "0x08 (unsigned byte)", "0x0E (double)");
  }

  @Test
  void rankMustBeOneToEight() throws IOException {
    Path zero = dir.resolve("rank0");
    Files.write(zero, new byte[] {0, 0, 0x08, 0, 7});
    assertMessage(assertThrows(IOException.class, () -> Idx.read(zero)), zero, "rank", "1..8", "found 0");
    Path nine = dir.resolve("rank9");
    Files.write(nine, header(0x08, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    assertMessage(assertThrows(IOException.class, () -> Idx.read(nine)), nine, "1..8", "found 9");
  }

  @Test
  void anEmptyOrShortFileIsReportedAsSuch() throws IOException {
    Path empty = dir.resolve("empty");
    Files.write(empty, new byte[0]);
    assertMessage(assertThrows(EOFException.class, () -> Idx.read(empty)), empty, "4-byte magic", "only 0 bytes");
    Path shortHeader = dir.resolve("short-header");
    Files.write(shortHeader, Arrays.copyOf(header(0x08, 60000, 28, 28), 10));
    assertMessage(assertThrows(EOFException.class, () -> Idx.read(shortHeader)), shortHeader,
        "truncated IDX header", "12 bytes of dimensions", "only 6");
  }

  @Test
  void truncatedDataSaysHowMuchWasExpectedAndFound() throws IOException {
    Path full = dir.resolve("full");
    Idx.write(full, PIXELS, IdxType.UNSIGNED_BYTE);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = dir.resolve("cut");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
    assertMessage(assertThrows(EOFException.class, () -> Idx.read(cut)), cut,
        "truncated", "needs 24 bytes", "only 19");
    Path cutGzip = dir.resolve("cut-gzip");
    Files.write(cutGzip, gzip(Arrays.copyOf(bytes, bytes.length - 5)));
    assertMessage(assertThrows(EOFException.class, () -> Idx.read(cutGzip)), cutGzip,
        "truncated", "needs 24 data bytes", "only 19");
  }

  @Test
  void aGzipStreamCutShortIsReportedWithTheFile() throws IOException {
    byte[] compressed = gzip(new byte[4000]);
    Path file = dir.resolve("broken.gz");
    Files.write(file, Arrays.copyOf(compressed, compressed.length / 2));
    IOException e = assertThrows(IOException.class, () -> Idx.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  @Test
  void trailingGarbageIsRejected() throws IOException {
    Path full = dir.resolve("full");
    Idx.write(full, PIXELS, IdxType.UNSIGNED_BYTE);
    byte[] bytes = Files.readAllBytes(full);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    Path raw = dir.resolve("trailing");
    Files.write(raw, longer);
    assertMessage(assertThrows(IOException.class, () -> Idx.read(raw)), raw, "trailing garbage", "3 extra");
    Path gz = dir.resolve("trailing.gz");
    Files.write(gz, gzip(longer));
    assertMessage(assertThrows(IOException.class, () -> Idx.read(gz)), gz, "trailing garbage", "3 more");
  }

  @Test
  void absurdDimensionsFailFromTheHeaderAlone() throws IOException {
    // (2^31-1)^3 elements overflows a long-free product; 65536² bytes exceeds the 2 GiB cap.
    Path overflow = dir.resolve("overflow");
    Files.write(overflow, concat(header(0x0E, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE), new byte[8]));
    assertMessage(assertThrows(IOException.class, () -> Idx.read(overflow)), overflow,
        "absurd IDX header", "(2147483647, 2147483647, 2147483647)", "more than the limit");
    Path huge = dir.resolve("huge.gz");
    Files.write(huge, gzip(concat(header(0x08, 65536, 65536), new byte[16])));
    assertMessage(assertThrows(IOException.class, () -> Idx.read(huge)), huge,
        "absurd IDX header", "(65536, 65536)", "4294967296 data bytes");
    Path unsigned = dir.resolve("unsigned");
    Files.write(unsigned, concat(header(0x08, -1), new byte[16]));
    assertMessage(assertThrows(IOException.class, () -> Idx.read(unsigned)), unsigned, "(4294967295)");
    // An empty shape with a dimension past 2^31 - 1 (found by IdxFuzz): the product is 0, yet no
    // array can have that dimension.
    Path empty = dir.resolve("empty-but-absurd");
    Files.write(empty, header(0x08, 0, -129));
    assertMessage(assertThrows(IOException.class, () -> Idx.read(empty)), empty,
        "absurd IDX header", "(0, 4294967167)", "largest array dimension");
    assertMessage(assertThrows(IOException.class, () -> Idx.header(empty)), empty, "absurd IDX header");
  }

  @Test
  void aLyingHeaderWithinTheCapAllocatesOnlyWhatArrives() throws IOException {
    // Declares 1.9 GB of doubles-to-be (more than many heaps) over 100 real bytes: the raw file is
    // refused by its size, the gzip stream by running dry, neither by running out of memory.
    byte[] lying = concat(header(0x08, 1900, 1000, 1000), new byte[100]);
    Path raw = dir.resolve("lying");
    Files.write(raw, lying);
    assertMessage(assertThrows(EOFException.class, () -> Idx.read(raw)), raw,
        "truncated", "needs 1900000000 bytes", "only 100");
    Path gz = dir.resolve("lying.gz");
    Files.write(gz, gzip(lying));
    assertMessage(assertThrows(EOFException.class, () -> Idx.read(gz)), gz,
        "truncated", "needs 1900000000 data bytes", "only 100");
  }

  @Test
  void aZeroDimensionGivesAnEmptyTensor() throws IOException {
    Path file = dir.resolve("empty-set");
    Files.write(file, header(0x08, 0, 28, 28));
    assertEquals(Shape.of(0, 28, 28), Idx.read(file).shape());
  }

  @Test
  void aMissingFileIsAnIoError() {
    Path missing = dir.resolve("nope");
    IOException e = assertThrows(IOException.class, () -> Idx.read(missing));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  private Tensor roundTrip(Tensor t, IdxType type) throws IOException {
    Path file = dir.resolve("roundtrip-" + type);
    Idx.write(file, t, type);
    assertEquals(new IdxHeader(type, t.shape()), Idx.header(file));
    return Idx.read(file);
  }

  /** Magic number 00 00 type rank and the big-endian dimensions. */
  static byte[] header(int type, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array();
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static void assertMessage(Exception e, Path file, String... parts) {
    String m = e.getMessage();
    assertTrue(m.startsWith(file.toString()), "message should start with the file name: " + m);
    for (String part : parts) {
      assertTrue(m.contains(part), "message should contain '" + part + "': " + m);
    }
  }
}
