package purenet.io;

import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.FileMutations;
import purenet.FileMutations.Mutation;
import purenet.tree.Tree;

/**
 * Fuzzing the safetensors reader: valid files — one to four tensors of every dtype the reader
 * supports ({@link Dtype}), rank 0–3, names that form a tree, optional metadata, the header padded
 * to 8 bytes as the reference writer does — mutated at random ({@link FileMutations}: bit flips,
 * truncation, inserted and deleted bytes, huge numbers in the JSON, a huge header length) either
 * read as a tree that survives a write-and-read round trip bit for bit, or fail with the documented
 * {@link IOException} naming the file — never another throwable, never an {@link OutOfMemoryError}.
 * Run with a bounded heap in the {@code fuzz} surefire execution.
 */
class SafetensorsFuzz {
  private static final Path DIR = temporaryDirectory();

  private static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("purenet-safetensors-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One tensor of a valid file: name, dtype and shape. */
  record Spec(String name, Dtype dtype, List<Integer> shape) {}

  /** A valid file. */
  record Valid(byte[] bytes, Vector<Spec> tensors) {
    @Override
    public String toString() {
      return "safetensors " + tensors + ", " + bytes.length + " bytes";
    }
  }

  @Provide
  Arbitrary<Valid> files() {
    Arbitrary<List<Integer>> shape = Arbitraries.integers().between(0, 4).list().ofMaxSize(3);
    Arbitrary<List<Spec>> specs = Combinators.combine(Arbitraries.of(Dtype.values()), shape)
        .as((d, s) -> new Spec("", d, s)).list().ofMinSize(1).ofMaxSize(4);
    return Combinators.combine(specs, Arbitraries.randoms(), Arbitraries.of(false, true))
        .as((list, random, metadata) -> valid(Vector.ofAll(list), random, metadata));
  }

  /** Names "t0", "group/t1", "t2", "group/t3": a tree whatever the count. */
  private static Valid valid(Vector<Spec> unnamed, Random random, boolean metadata) {
    Vector<Spec> specs = unnamed.zipWithIndex().map(s -> new Spec((s._2 % 2 == 1 ? "group/" : "") + "t" + s._2,
        s._1.dtype(), s._1.shape()));
    StringBuilder json = new StringBuilder("{");
    long offset = 0;
    for (Spec s : specs) {
      long bytes = (long) s.shape().stream().reduce(1, (a, b) -> a * b) * s.dtype().bytes();
      json.append('"').append(s.name()).append("\":{\"dtype\":\"").append(s.dtype().name()).append("\",\"shape\":")
          .append(s.shape()).append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes)
          .append("]},");
      offset += bytes;
    }
    json.append(metadata ? "\"__metadata__\":{\"format\":\"pt\",\"note\":\"fuzz 123\"}" : "").append('}');
    String header = json.toString().replace(",}", "}").replace(" ", "");
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    int padded = (h.length + 7) / 8 * 8;
    ByteBuffer b = ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(padded).put(h);
    for (int i = h.length; i < padded; i++) {
      b.put((byte) ' ');
    }
    byte[] data = new byte[(int) offset];
    random.nextBytes(data);
    b.put(data);
    return new Valid(b.array(), specs);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return FileMutations.mutations();
  }

  @Property(tries = 1000)
  void aMutatedSafetensorsFileReadsAsATreeOrFailsNamingTheFile(@ForAll("files") Valid valid,
      @ForAll("mutations") List<Mutation> mutations) throws IOException {
    // The declared size of the format: the header length, 8 bytes little-endian at the start.
    byte[] bytes = FileMutations.apply(valid.bytes(), mutations, new int[][] {{0, -8}});
    Path file = DIR.resolve("mutated.safetensors");
    Files.write(file, bytes);
    FileMutations.readsOrFailsNamingTheFile(file, mutations, () -> {
      TreeFile read = Safetensors.readWithMetadata(file);
      Path again = DIR.resolve("again.safetensors");
      Safetensors.write(again, read.tree(), read.metadata());
      Tree back = Safetensors.read(again);
      if (!back.flatten().equals(read.tree().flatten())) {
        throw new AssertionError("the tree read does not survive a round trip: " + read.tree().describe());
      }
      return read;
    });
  }
}
