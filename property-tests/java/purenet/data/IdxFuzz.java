package purenet.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.FileMutations;
import purenet.FileMutations.Mutation;
import purenet.tensor.Tensor;

/**
 * Fuzzing the IDX reader: valid IDX files (every element type, rank 1–3, raw or gzip) mutated at
 * random ({@link FileMutations}: bit flips, truncation, inserted and deleted bytes, huge numbers,
 * huge declared dimensions) either read as a tensor of exactly the header's shape or fail with the
 * documented {@link IOException} naming the file — never another throwable, never an
 * {@link OutOfMemoryError}. Run with a bounded heap in the {@code fuzz} surefire execution.
 */
class IdxFuzz {
  private static final Path DIR = temporaryDirectory();

  private static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("purenet-idx-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A valid file and whether it is gzip-compressed. */
  record Valid(byte[] bytes, int rank, boolean gzip) {
    @Override
    public String toString() {
      return (gzip ? "gzip " : "") + "IDX of rank " + rank + ", " + bytes.length + " bytes";
    }
  }

  @Provide
  Arbitrary<Valid> files() {
    return Combinators.combine(Arbitraries.of(IdxType.class), Arbitraries.integers().between(1, 5).list()
            .ofMinSize(1).ofMaxSize(3), Arbitraries.randoms(), Arbitraries.of(false, true))
        .as((type, dims, random, gzip) -> {
          int n = dims.stream().reduce(1, (a, b) -> a * b);
          ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.size() + n * type.bytes());
          b.put(new byte[] {0, 0, (byte) type.code(), (byte) dims.size()});
          dims.forEach(b::putInt);
          byte[] data = new byte[n * type.bytes()];
          random.nextBytes(data);
          b.put(data);
          byte[] raw = b.array();
          return new Valid(gzip ? FileMutations.gzip(raw) : raw, dims.size(), gzip);
        });
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return FileMutations.mutations();
  }

  @Property(tries = 1000)
  void aMutatedIdxFileReadsWithItsHeadersShapeOrFailsNamingTheFile(@ForAll("files") Valid valid,
      @ForAll("mutations") List<Mutation> mutations) throws IOException {
    // The declared sizes of a raw file: the dimensions after the 4-byte magic, big-endian.
    int[][] sizes = new int[valid.rank()][];
    for (int i = 0; i < valid.rank(); i++) {
      sizes[i] = new int[] {4 + 4 * i, 4};
    }
    byte[] bytes = FileMutations.apply(valid.bytes(), mutations, valid.gzip() ? new int[0][] : sizes);
    Path file = DIR.resolve(valid.gzip() ? "mutated.idx.gz" : "mutated.idx");
    Files.write(file, bytes);
    FileMutations.readsOrFailsNamingTheFile(file, mutations, () -> {
      Tensor t = Idx.read(file);
      purenet.tensor.Shape declared = Idx.header(file).shape();
      if (!declared.equals(t.shape())) {
        throw new AssertionError("read shape " + t.shape() + " but the header declares " + declared);
      }
      return t;
    });
  }
}
