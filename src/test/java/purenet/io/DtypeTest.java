package purenet.io;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Every dtype purenet reads, from a file PyTorch wrote ({@code dtypes.safetensors}, made by
 * {@code src/test/resources/purenet/pytorch/dtype_references.py}), against the values Python
 * computed as float64; and the F32 choice for writing.
 */
class DtypeTest {
  @TempDir
  Path dir;

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = DtypeTest.class.getResourceAsStream("/purenet/pytorch/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void readsEveryDtypeOfAPyTorchFileAsPythonsFloat64() throws IOException {
    TreeFile file = Safetensors.readWithMetadata(resource("dtypes.safetensors"));
    Tree tree = file.tree();
    for (Dtype d : Dtype.values()) {
      // Bit-level equality: −0.0, NaN, subnormals and the rounding of I64 beyond 2^53 all count.
      assertEquals(tree.tensor("expected/" + d.name()), tree.tensor(d.name()), d.name());
      assertEquals(d, file.dtypes().get(d.name()).get(), d.name() + " is reported as stored");
    }
    assertEquals(Tensor.of(new double[] {-3, -2, -1, 0, 1, 2}, 2, 3), tree.tensor("I64_matrix"));
    assertEquals(Tensor.scalar(12), tree.tensor("num_batches_tracked"));
    assertEquals(9007199254740992.0, tree.tensor("I64").at(3), 0.0, "2^53 + 1 rounds to even, 2^53");
  }

  @Test
  void writesF32OnRequestAndRefusesValuesBeyondItsRange() throws IOException {
    Path file = dir.resolve("f32.safetensors");
    Tree tree = Tree.empty().with("w", Tensor.vector(0.1, -0.0, 1e-46, Double.NaN, Double.NEGATIVE_INFINITY, 3e38));
    Safetensors.write(file, tree, Dtype.F32);
    TreeFile read = Safetensors.readWithMetadata(file);
    assertEquals(Dtype.F32, read.dtypes().get("w").get());
    assertEquals(tree.map(t -> t.map(v -> (float) v)), read.tree());
    assertEquals(8 + 56 + 6 * 4, Files.size(file));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Safetensors.write(dir.resolve("big.safetensors"), Tree.empty().with("big", Tensor.vector(1, 1e39)), Dtype.F32));
    assertEquals("cannot write tensor \"big\" as F32: element 1 is 1.0E39, beyond the binary32 range ±3.4028235E38;"
        + " write F64 instead", e.getMessage());
    assertEquals("safetensors files are written as F64 or F32, got I64", assertThrows(IllegalArgumentException.class,
        () -> Safetensors.write(file, tree, LinkedHashMap.empty(), Dtype.I64)).getMessage());
  }

  @Test
  void aBoolByteOtherThanZeroOrOneIsACorruptFile() throws IOException {
    String header = "{\"b\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}";
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + text.length + 3).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(text.length).put(text).put((byte) 1).put((byte) 0).put((byte) 2);
    Path file = Files.write(dir.resolve("bool.safetensors"), b.array());
    IOException e = assertThrows(IOException.class, () -> Safetensors.read(file));
    assertTrue(e.getMessage().endsWith("tensor \"b\" element 2: a BOOL element must be the byte 0 or 1, found 2"),
        e.getMessage());
  }
}
