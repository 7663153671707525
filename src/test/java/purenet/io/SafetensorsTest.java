package purenet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.LinkedHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class SafetensorsTest {

  @TempDir
  Path dir;

  private static final double[] SPECIAL = {
      0.0, -0.0, 1.0, -1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, Double.MIN_NORMAL, Double.MAX_VALUE,
      -Double.MAX_VALUE, Math.PI, 1e-300, Math.nextUp(1.0)};

  private static Tree sample() {
    Key key = Key.of(3);
    return Tree.empty()
        .with("0", Tree.empty().with("weight", Tensor.of(key.normal(12), 3, 4)).with("bias", Tensor.of(key.foldIn(1).normal(4), 4)))
        .with("special", Tensor.of(SPECIAL, 3, 5))
        .with("scalar", Tensor.scalar(-0.0))
        .with("empty", Tensor.zeros(0, 3));
  }

  private static void assertBitIdentical(Tree expected, Tree actual) {
    assertEquals(expected.paths(), actual.paths());
    for (int i = 0; i < expected.leafCount(); i++) {
      Tensor a = expected.leaves().get(i);
      Tensor b = actual.leaves().get(i);
      assertEquals(a.shape(), b.shape(), expected.paths().get(i));
      for (int j = 0; j < a.size(); j++) {
        assertEquals(Double.doubleToRawLongBits(a.at(j)), Double.doubleToRawLongBits(b.at(j)),
            expected.paths().get(i) + "[" + j + "]: " + a.at(j) + " vs " + b.at(j));
      }
    }
  }

  @Test
  void aTreeRoundTripsBitForBitInTreeOrder() throws IOException {
    Path file = dir.resolve("tree.safetensors");
    Tree tree = sample();
    Safetensors.write(file, tree);
    Tree read = Safetensors.read(file);
    assertEquals(tree, read);
    assertBitIdentical(tree, read);
    // 8-byte length, a header padded to a multiple of 8, then 8 bytes per element.
    long elements = tree.elementCount();
    long n = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, n % 8, "header length " + n);
    assertEquals(8 + n + 8 * elements, Files.size(file));
  }

  @Test
  void nanSurvivesAsNaN() throws IOException {
    Path file = dir.resolve("nan.safetensors");
    Safetensors.write(file, Tree.leaf(Tensor.vector(Double.NaN, 1.0)));
    Tensor read = Safetensors.read(file).tensor("");
    assertTrue(Double.isNaN(read.at(0)));
    assertEquals(1.0, read.at(1));
  }

  @Test
  void childOrderIsKeptEvenWhenNotSorted() throws IOException {
    Path file = dir.resolve("order.safetensors");
    Tree tree = Tree.empty().with("z", Tensor.scalar(1)).with("a", Tree.empty().with("y", Tensor.scalar(2))
        .with("b", Tensor.scalar(3))).with("m", Tensor.scalar(4));
    Safetensors.write(file, tree);
    assertEquals(tree, Safetensors.read(file));
  }

  @Test
  void theEmptyTreeIsAFileWithAnEmptyHeader() throws IOException {
    Path file = dir.resolve("empty.safetensors");
    Safetensors.write(file, Tree.empty());
    byte[] expected = {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '};
    assertArrayEquals(expected, Files.readAllBytes(file));
    assertEquals(Tree.empty(), Safetensors.read(file));
  }

  @Test
  void aSingleLeafAndScalarLeavesRoundTrip() throws IOException {
    Path file = dir.resolve("leaf.safetensors");
    Tree leaf = Tree.leaf(Tensor.scalar(Double.MIN_VALUE));
    Safetensors.write(file, leaf);
    assertBitIdentical(leaf, Safetensors.read(file));
    Tree scalars = Tree.empty().with("a", Tensor.scalar(-0.0)).with("b", Tensor.scalar(Double.NEGATIVE_INFINITY));
    Safetensors.write(file, scalars);
    assertBitIdentical(scalars, Safetensors.read(file));
  }

  @Test
  void metadataAndUnusualNamesRoundTrip() throws IOException {
    Path file = dir.resolve("names.safetensors");
    Tree tree = Tree.empty().with("naïve \"quoted\" \\ tab\t", Tree.empty().with("ünïcode ✓ \uD83D\uDE00", Tensor.vector(1, 2)))
        .with("ctrl\u0001", Tensor.scalar(3));
    LinkedHashMap<String, String> metadata = LinkedHashMap.of("format", "pt", "quote\"d", "line\nbreak", "empty", "");
    Safetensors.write(file, tree, metadata);
    TreeFile read = Safetensors.readWithMetadata(file);
    assertEquals(tree, read.tree());
    assertEquals(metadata, read.metadata());
  }

  @Test
  void nodesWithoutLeavesAreRestoredOnlyByATemplate() throws IOException {
    Path file = dir.resolve("sparse.safetensors");
    Tree tree = Tree.empty().with("0", Tree.empty().with("w", Tensor.vector(1, 2))).with("1", Tree.empty())
        .with("2", Tree.empty().with("w", Tensor.vector(3)));
    Safetensors.write(file, tree);
    Tree plain = Safetensors.read(file);
    assertEquals(tree.paths(), plain.paths());
    assertTrue(plain.get("1").isEmpty(), "a node without leaves is not stored");
    assertEquals(tree, Safetensors.read(file, tree.zerosLike()));
  }

  @Test
  void readingWithATemplateNamesEveryMismatch() throws IOException {
    Path file = dir.resolve("mismatch.safetensors");
    Safetensors.write(file, Tree.empty().with("a", Tensor.zeros(2, 3)).with("b", Tensor.zeros(4)));
    Tree like = Tree.empty().with("a", Tensor.zeros(3, 2)).with("c", Tensor.zeros(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(file, like));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("missing from the file [c (1)]"), e.getMessage());
    assertTrue(e.getMessage().contains("not in the expected tree [b (4)]"), e.getMessage());
    assertTrue(e.getMessage().contains("a: file (2, 3), expected tree (3, 2)"), e.getMessage());
  }

  @Test
  void aTensorCannotTakeTheMetadataName() {
    Tree tree = Tree.empty().with("__metadata__", Tensor.scalar(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Safetensors.write(dir.resolve("x.safetensors"), tree));
    assertTrue(e.getMessage().contains("__metadata__"), e.getMessage());
  }

  @Test
  void writingReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("sub/dir/atomic.safetensors");
    Safetensors.write(file, Tree.leaf(Tensor.scalar(1)));
    Safetensors.write(file, Tree.leaf(Tensor.scalar(2)));
    assertEquals(Tensor.scalar(2), Safetensors.read(file).tensor(""));
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "only the target remains");
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("keep.safetensors");
    AtomicFile.write(file, "old".getBytes(StandardCharsets.US_ASCII));
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, channel -> {
      AtomicFile.writeFully(channel, ByteBuffer.wrap("half of the new".getBytes(StandardCharsets.US_ASCII)));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "the temporary file is gone");
    }
  }

  // ------------------------------------------------------------ the Python reference files

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = SafetensorsTest.class.getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }

  /**
   * {@code reference.safetensors} was written by {@code safetensors_reference.py make} (in the same
   * resource directory), which follows the reference implementation's serializer and reproduces its
   * unit tests' files byte for byte: F64 tensors first, then F32, each group sorted by name.
   */
  @Test
  void readsTheReferenceFileOfMixedF64AndF32() throws IOException {
    TreeFile read = Safetensors.readWithMetadata(resource("reference.safetensors"));
    assertEquals(LinkedHashMap.of("format", "pt", "made_by", "safetensors_reference.py"), read.metadata());
    Tree expected = Tree.empty()
        .with("dense", Tree.empty()
            .with("bias", Tensor.vector(-0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE))
            .with("weight", Tensor.of(new double[] {0.1f, -2.5f, Float.MIN_VALUE, -0.0f, Float.POSITIVE_INFINITY, 3.0f}, 2, 3)))
        .with("scale", Tensor.scalar(2.0))
        .with("empty", Tensor.zeros(0));
    assertBitIdentical(expected, read.tree());
    assertEquals(expected, read.tree());
  }

  /** The writer produces byte for byte what the reference serializer writes for the same F64 tensors. */
  @Test
  void writesTheReferenceBytesForF64Tensors() throws IOException {
    Path reference = resource("reference-f64.safetensors");
    Tree tree = Tree.empty()
        .with("a", Tree.empty().with("bias", Tensor.vector(1.5, -0.0)).with("weight", Tensor.of(new double[][] {{1, 2}, {3, 4}})))
        .with("b", Tensor.scalar(-7.25));
    Path mine = dir.resolve("mine.safetensors");
    Safetensors.write(mine, tree, LinkedHashMap.of("note", "F64 only, names in sorted order"));
    assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(mine));
    assertEquals(tree, Safetensors.read(reference));
  }

  // ------------------------------------------------------------ corrupt files

  private Path file(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  /** A file with this header length, header text and data bytes. */
  private static byte[] layout(long headerLength, String header, int dataBytes) {
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(headerLength).put(text);
    return b.array();
  }

  private static byte[] layout(String header, int dataBytes) {
    return layout(header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
  }

  private void assertRejected(String name, byte[] bytes, String... phrases) throws IOException {
    Path file = file(name, bytes);
    IOException e = assertThrows(IOException.class, () -> Safetensors.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
    for (String phrase : phrases) {
      assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' in: " + e.getMessage());
    }
  }

  @Test
  void rejectsTruncatedFiles() throws IOException {
    Path good = dir.resolve("good.safetensors");
    Safetensors.write(good, sample());
    byte[] bytes = Files.readAllBytes(good);
    assertRejected("cut-data.safetensors", Arrays.copyOf(bytes, bytes.length - 1), "truncated", "need",
        (bytes.length - 8 - headerLength(bytes)) + " bytes of data");
    assertRejected("cut-header.safetensors", Arrays.copyOf(bytes, 40), "header length", "exceeds the file");
    assertRejected("cut-length.safetensors", Arrays.copyOf(bytes, 5), "5 bytes, fewer than the 8");
    assertRejected("nothing.safetensors", new byte[0], "0 bytes");
  }

  private static long headerLength(byte[] file) {
    return ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  @Test
  void rejectsBadHeaderLengths() throws IOException {
    assertRejected("huge.safetensors", layout(1L << 40, "{}", 0), "header length 1099511627776", "100 MB");
    assertRejected("negative.safetensors", layout(-1L, "{}", 0), "header length 18446744073709551615", "100 MB");
    assertRejected("long.safetensors", layout(3000, "{}", 0), "header length 3000", "exceeds the file");
    assertRejected("short.safetensors", layout(1, "{}", 0), "at character 1", "found the end of the header");
  }

  @Test
  void rejectsMalformedJson() throws IOException {
    assertRejected("unclosed.safetensors", layout("{\"a\":{\"dtype\":\"F64\"", 0), "malformed", "JSON",
        "expected ',' or '}'");
    assertRejected("garbage.safetensors", layout("{} x", 0), "after the header's closing '}'");
    assertRejected("start.safetensors", layout(" {}", 0), "must start with '{'");
    assertRejected("array.safetensors", layout("[]", 0), "must start with '{'");
    assertRejected("true.safetensors", layout("{\"a\":true}", 0), "found \"true}\"");
    assertRejected("float.safetensors", layout("{\"a\":{\"dtype\":\"F64\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", 8),
        "1.5", "only integers");
    assertRejected("duplicate.safetensors", layout("{\"a\":{},\"a\":{}}", 0), "duplicate key \"a\"");
    assertRejected("deep.safetensors", layout("{\"a\":{\"shape\":[[1]]}}", 0), "nest deeper");
    assertRejected("big.safetensors", layout("{\"a\":{\"shape\":[99999999999999999999]}}", 0), "does not fit in 64 bits");
    assertRejected("escape.safetensors", layout("{\"a\\q\":{}}", 0), "unknown escape");
    assertRejected("control.safetensors", layout("{\"a\nb\":{}}", 0), "control character");
    assertRejected("surrogate.safetensors", layout("{\"\\ud800\":{}}", 0), "unpaired surrogate");
    assertRejected("zero.safetensors", layout("{\"a\":{\"shape\":[01]}}", 0), "leading zero");
    // 0xC3 starts a two-byte UTF-8 sequence that the quote does not continue.
    byte[] broken = {8, 0, 0, 0, 0, 0, 0, 0, '{', '"', (byte) 0xC3, '"', ':', '{', '}', '}'};
    assertRejected("utf8.safetensors", broken, "not valid UTF-8");
    assertRejected("meta.safetensors", layout("{\"__metadata__\":{\"k\":1}}", 0), "\"__metadata__\" must map strings to strings");
  }

  private static String tensor(String name, String dtype, String shape, long begin, long end) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
  }

  @Test
  void rejectsBadOffsets() throws IOException {
    assertRejected("overlap.safetensors",
        layout("{" + tensor("a", "F64", "[2]", 0, 16) + "," + tensor("b", "F64", "[2]", 8, 24) + "}", 24),
        "\"a\" [0, 16) and \"b\" [8, 24) overlap");
    assertRejected("hole.safetensors",
        layout("{" + tensor("a", "F64", "[1]", 0, 8) + "," + tensor("b", "F64", "[1]", 16, 24) + "}", 24),
        "bytes [8, 16)", "belong to no tensor", "between \"a\" and \"b\"");
    assertRejected("late.safetensors", layout("{" + tensor("a", "F64", "[1]", 8, 16) + "}", 16),
        "bytes [0, 8)", "before \"a\"");
    assertRejected("beyond.safetensors", layout("{" + tensor("a", "F64", "[4]", 0, 32) + "}", 16),
        "truncated", "need 32 bytes of data, but only 16");
    assertRejected("trailing.safetensors", layout("{" + tensor("a", "F64", "[1]", 0, 8) + "}", 16),
        "8 bytes follow the last tensor's data");
    assertRejected("size.safetensors", layout("{" + tensor("a", "F64", "[2, 3]", 0, 40) + "}", 40),
        "tensor \"a\" (F64, shape [2, 3]) needs 48 bytes, but its data_offsets [0, 40] span 40");
    assertRejected("reversed.safetensors", layout("{" + tensor("a", "F64", "[0]", 8, 0) + "}", 8),
        "end before they begin");
    assertRejected("three.safetensors", layout("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8,16]}}", 8),
        "needs data_offsets [begin, end], found 3 numbers");
    assertRejected("minus.safetensors", layout("{" + tensor("a", "F64", "[1]", -8, 0) + "}", 8),
        "non-negative integers, found the negative -8");
  }

  @Test
  void rejectsBadDtypesShapesAndFields() throws IOException {
    assertRejected("unknown.safetensors", layout("{" + tensor("a", "F128", "[1]", 0, 16) + "}", 16),
        "unknown dtype \"F128\"", "BF16");
    assertRejected("u16.safetensors", layout("{" + tensor("a", "U16", "[1]", 0, 2) + "}", 2),
        "dtype U16, which purenet does not read; it reads F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL");
    assertRejected("overflow.safetensors",
        layout("{" + tensor("a", "F64", "[4294967296, 4294967296, 4294967296]", 0, 8) + "}", 8),
        "shape [4294967296, 4294967296, 4294967296]", "overflows 64 bits");
    assertRejected("bytes-overflow.safetensors",
        layout("{" + tensor("a", "F64", "[4611686018427387904]", 0, 8) + "}", 8), "overflows 64 bits");
    // Consistent offsets for 2^31 F32 elements (8 GiB): refused before anything is allocated.
    assertRejected("giant.safetensors", layout("{" + tensor("a", "F32", "[2147483648]", 0, 8589934592L) + "}", 0),
        "more than a purenet tensor allows");
    assertRejected("giant2.safetensors", layout("{" + tensor("a", "F32", "[65536, 65536]", 0, 17179869184L) + "}", 0),
        "4294967296 elements", "more than a purenet tensor holds");
    assertRejected("field.safetensors",
        layout("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"extra\":[]}}", 8), "unknown field \"extra\"");
    assertRejected("missing.safetensors", layout("{\"a\":{\"dtype\":\"F64\",\"shape\":[1]}}", 8), "has no \"data_offsets\"");
    assertRejected("notobject.safetensors", layout("{\"a\":[1]}", 0), "tensor \"a\" must be described by an object, found an array");
    assertRejected("shape.safetensors", layout("{\"a\":{\"dtype\":\"F64\",\"shape\":\"1\",\"data_offsets\":[0,8]}}", 8),
        "\"shape\" to be an array of integers, found a string");
  }

  @Test
  void rejectsNamesThatAreNoTree() throws IOException {
    assertRejected("conflict.safetensors",
        layout("{" + tensor("a", "F64", "[1]", 0, 8) + "," + tensor("a/b", "F64", "[1]", 8, 16) + "}", 16),
        "\"a\" and \"a/b\" conflict");
    assertRejected("segment.safetensors", layout("{" + tensor("a//b", "F64", "[1]", 0, 8) + "}", 8), "empty segment");
    assertRejected("root.safetensors",
        layout("{" + tensor("", "F64", "[1]", 0, 8) + "," + tensor("b", "F64", "[1]", 8, 16) + "}", 16),
        "must be the only tensor");
  }

  @Test
  void readsF32AndNamesWithDotsAsTheyCome() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).putFloat(-0.0f)
        .putFloat(Float.MIN_VALUE).putFloat(Float.NEGATIVE_INFINITY);
    byte[] header = ("{" + tensor("model.layers.0.weight", "F32", "[2, 2]", 0, 16) + "}  ").getBytes(StandardCharsets.UTF_8);
    ByteBuffer file = ByteBuffer.allocate(8 + header.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    file.putLong(header.length).put(header).put(data.array());
    Path path = file("f32.safetensors", file.array());
    Tensor read = Safetensors.read(path).tensor("model.layers.0.weight");
    assertEquals(Tensor.of(new double[] {0.1f, -0.0f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY}, 2, 2), read);
  }
}
