package purenet.io;

import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Saves and loads {@link Tree}s in the safetensors format of Hugging Face
 * (<a href="https://github.com/huggingface/safetensors">github.com/huggingface/safetensors</a>),
 * so parameters written here load in PyTorch, JAX or NumPy and theirs load here.
 *
 * <p>Layout: 8 bytes, the header length N as an unsigned little-endian 64-bit integer; N bytes of
 * UTF-8 JSON, {@code {"<name>": {"dtype": "F64", "shape": [d₀, …], "data_offsets": [begin, end]},
 * …, "__metadata__": {"<key>": "<value>", …}}} (the metadata optional); then the data section,
 * each tensor's elements row-major and little-endian in bytes [begin, end) of it. The tensors tile
 * the data section exactly.
 *
 * <p>Writing: every leaf of the tree becomes one tensor named by its path ({@code "0/weight"};
 * a tree that is a single leaf gives the name {@code ""}), in tree order, all of one dtype chosen per
 * file: {@link Dtype#F64} (the default; values bit for bit, −0.0, ±∞, subnormals and NaNs
 * included) or {@link Dtype#F32} (half the size; each value rounded to the nearest binary32, and a
 * finite value beyond the binary32 range refused, naming the tensor, rather than written as ∞). The header is compact JSON padded with spaces to a
 * multiple of 8 bytes, so the data is 8-byte aligned, as the reference implementation does. The file
 * is written atomically ({@link AtomicFile}). Nodes without leaves are not stored: the format has
 * tensors only (read with a template, {@link #read(Path, Tree)}, to get them back).
 *
 * <p>Reading: F64, F32, F16, BF16, I64, I32, I16, I8, U8 and BOOL tensors, each converted to
 * double as {@link Dtype} states (exactly, except I64 beyond ±2⁵³, which rounds to the nearest
 * double); integer and boolean tensors load as tensors of whole numbers. The tree is rebuilt with
 * {@link Tree#unflatten} from the names, in the order of the data offsets. The reader checks before
 * it allocates: the header length against the file size and a limit of 100 MB (10⁸ bytes, that
 * of the reference implementation), the JSON strictly, every dtype, shape and offset (no overflow, each tensor's bytes =
 * elements × element size, no holes, overlaps or trailing bytes), and that the names form a tree.
 * Every problem is an {@link IOException} naming the file, what was expected and what was found.
 */
public final class Safetensors {
  private static final int CHUNK = 1 << 16;

  private Safetensors() {}

  /**
   * Writes {@code tree} to {@code file} as F64 without metadata; see {@link #write(Path, Tree, Map, Dtype)}.
   *
   * @param file the file
   * @param tree the tensors
   * @throws IOException if the file cannot be written; it is then unchanged
   */
  public static void write(Path file, Tree tree) throws IOException {
    write(file, tree, LinkedHashMap.empty(), Dtype.F64);
  }

  /**
   * Writes {@code tree} to {@code file} in {@code dtype} without metadata; see
   * {@link #write(Path, Tree, Map, Dtype)}.
   *
   * @param file  the file
   * @param tree  the tensors
   * @param dtype {@link Dtype#F64} or {@link Dtype#F32}
   * @throws IOException if the file cannot be written; it is then unchanged
   */
  public static void write(Path file, Tree tree, Dtype dtype) throws IOException {
    write(file, tree, LinkedHashMap.empty(), dtype);
  }

  /**
   * Writes {@code tree} and {@code metadata} to {@code file} as F64; see
   * {@link #write(Path, Tree, Map, Dtype)}.
   *
   * @param file     the file
   * @param tree     the tensors
   * @param metadata string metadata
   * @throws IOException if the file cannot be written; it is then unchanged
   */
  public static void write(Path file, Tree tree, Map<String, String> metadata) throws IOException {
    write(file, tree, metadata, Dtype.F64);
  }

  /**
   * Writes {@code tree} and {@code metadata} to {@code file} (atomically, creating missing parent
   * directories), one tensor of {@code dtype} per leaf, named by its path, in tree order.
   *
   * @param file     the file
   * @param tree     the tensors
   * @param metadata string metadata
   * @param dtype    {@link Dtype#F64} (exact) or {@link Dtype#F32} (rounded to nearest)
   * @throws IllegalArgumentException if {@code dtype} is not F64 or F32, a leaf's path is
   *                                  {@code "__metadata__"}, a name or metadata string is not
   *                                  well-formed Unicode, or (F32) a finite value exceeds the
   *                                  binary32 range
   * @throws IOException              if the file cannot be written; it is then unchanged
   */
  public static void write(Path file, Tree tree, Map<String, String> metadata, Dtype dtype) throws IOException {
    if (dtype == null || !dtype.writable()) {
      throw new IllegalArgumentException("safetensors files are written as F64 or F32, got " + dtype);
    }
    Vector<Tuple2<String, Tensor>> leaves = tree.flatten();
    if (dtype == Dtype.F32) {
      leaves.forEach(Safetensors::requireFloatRange);
    }
    byte[] header = Header.render(leaves, metadata, dtype);
    AtomicFile.write(file, channel -> {
      ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
      AtomicFile.writeFully(channel, length.flip());
      AtomicFile.writeFully(channel, ByteBuffer.wrap(header));
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (Tuple2<String, Tensor> leaf : leaves) {
        if (dtype == Dtype.F64) {
          writeDoubles(channel, leaf._2.toArray(), buffer);
        } else {
          writeFloats(channel, leaf._2.toArray(), buffer);
        }
      }
    });
  }

  /**
   * {@return the tree in {@code file}}
   *
   * @param file the safetensors file
   * @throws IOException if the file cannot be read or is not a well-formed safetensors file of
   *                     tensors of the dtypes {@link Dtype} lists whose names form a tree
   */
  public static Tree read(Path file) throws IOException {
    return readWithMetadata(file).tree();
  }

  /**
   * {@return the tree in {@code file}, in the structure of {@code like}: {@code like}'s nodes and
   * order, the file's values} The file must hold exactly {@code like}'s leaf paths with the same
   * shapes.
   *
   * @param file the safetensors file
   * @param like a tree of the expected structure and shapes
   * @throws IllegalArgumentException naming the file and the paths that are missing, unexpected or
   *                                  of another shape
   * @throws IOException              as {@link #read(Path)}
   */
  public static Tree read(Path file, Tree like) throws IOException {
    Tree found = read(file);
    Fitting.problems(found, like, "file", "expected tree").forEach(p -> {
      throw new IllegalArgumentException(file + " does not fit the expected tree: " + p);
    });
    return Fitting.fill(found, like);
  }

  /**
   * {@return the tree and the metadata in {@code file}}
   *
   * @param file the safetensors file
   * @throws IOException as {@link #read(Path)}
   */
  public static TreeFile readWithMetadata(Path file) throws IOException {
    String source = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 8) {
        throw new IOException(source + ": not a safetensors file: " + size
            + " bytes, fewer than the 8 of the header length");
      }
      ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, 0, prefix, source, "the header length");
      long n = prefix.flip().getLong();
      if (Long.compareUnsigned(n, Header.MAX_BYTES) > 0) {
        throw new IOException(source + ": header length " + Long.toUnsignedString(n) + " bytes exceeds the limit of "
            + Header.MAX_BYTES + " (100 MB); the file is corrupt or not a safetensors file");
      }
      if (n > size - 8) {
        throw new IOException(source + ": header length " + n + " bytes exceeds the file: only " + (size - 8)
            + " bytes follow the length; the file is truncated or not a safetensors file");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
      readFully(channel, 8, headerBytes, source, "the header");
      Header header = Header.parse(utf8(headerBytes.flip(), source), size - 8 - n, source);
      Vector<Tuple2<String, Tensor>> tensors = Vector.empty();
      LinkedHashMap<String, Dtype> dtypes = LinkedHashMap.empty();
      for (Header.Entry e : header.entries()) {
        tensors = tensors.append(new Tuple2<>(e.name(), readTensor(channel, 8 + n, e, source)));
        dtypes = dtypes.put(e.name(), e.dtype());
      }
      return new TreeFile(tree(tensors, source), header.metadata(), dtypes);
    }
  }

  private static String utf8(ByteBuffer bytes, String source) throws IOException {
    try {
      CharBuffer text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      return text.toString();
    } catch (CharacterCodingException e) {
      throw new IOException(source + ": the safetensors header is not valid UTF-8 (" + e.getMessage() + ")", e);
    }
  }

  private static Tensor readTensor(FileChannel channel, long dataStart, Header.Entry e, String source)
      throws IOException {
    int count = e.shape().size();
    int width = e.dtype().bytes();
    double[] values = new double[count];
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    long position = dataStart + e.begin();
    int done = 0;
    while (done < count) {
      int take = Math.min(count - done, CHUNK / width);
      buffer.clear().limit(take * width);
      readFully(channel, position, buffer, source, "tensor " + Header.quoted(e.name()));
      buffer.flip();
      if (e.dtype() == Dtype.F64) {
        buffer.asDoubleBuffer().get(values, done, take);
      } else {
        for (int i = 0; i < take; i++) {
          try {
            values[done + i] = e.dtype().read(buffer);
          } catch (IllegalArgumentException bad) {
            throw new IOException(source + ": tensor " + Header.quoted(e.name()) + " element " + (done + i) + ": "
                + bad.getMessage(), bad);
          }
        }
      }
      position += (long) take * width;
      done += take;
    }
    return Tensor.of(values, e.shape());
  }

  /**
   * The tree of named tensors; the names must be tree paths: non-empty segments separated by
   * {@code /}, none both a tensor and a prefix of another (the empty name only if alone).
   */
  private static Tree tree(Vector<Tuple2<String, Tensor>> tensors, String source) throws IOException {
    if (tensors.isEmpty()) {
      return Tree.empty();
    }
    HashSet<String> names = HashSet.ofAll(tensors.map(Tuple2::_1));
    for (Tuple2<String, Tensor> t : tensors) {
      String name = t._1;
      if (name.isEmpty()) {
        if (tensors.size() > 1) {
          throw new IOException(source + ": a tensor named \"\" (a tree that is one leaf) must be the only tensor, but there are "
              + tensors.size());
        }
        continue;
      }
      for (String segment : name.split("/", -1)) {
        if (segment.isEmpty()) {
          throw new IOException(source + ": the tensor name " + Header.quoted(name)
              + " is not a tree path: it has an empty segment between '/'s");
        }
      }
      for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
        String prefix = name.substring(0, slash);
        if (names.contains(prefix)) {
          throw new IOException(source + ": the tensor names " + Header.quoted(prefix) + " and " + Header.quoted(name)
              + " conflict: " + Header.quoted(prefix) + " would be both a tensor and a node of the tree");
        }
      }
    }
    return Tree.unflatten(tensors);
  }

  private static void readFully(FileChannel channel, long position, ByteBuffer buffer, String source, String what)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new EOFException(source + ": the file ended at byte " + at + " while reading " + what);
      }
      at += read;
    }
  }

  private static void requireFloatRange(Tuple2<String, Tensor> leaf) {
    double[] v = leaf._2.toArray();
    for (int i = 0; i < v.length; i++) {
      if (Double.isFinite(v[i]) && Float.isInfinite((float) v[i])) {
        throw new IllegalArgumentException("cannot write tensor " + Header.quoted(leaf._1) + " as F32: element " + i
            + " is " + v[i] + ", beyond the binary32 range ±" + Float.MAX_VALUE + "; write F64 instead");
      }
    }
  }

  private static void writeFloats(WritableByteChannel channel, double[] values, ByteBuffer buffer)
      throws IOException {
    int perChunk = buffer.capacity() / Float.BYTES;
    for (int from = 0; from < values.length; from += perChunk) {
      int take = Math.min(perChunk, values.length - from);
      buffer.clear();
      for (int i = 0; i < take; i++) {
        buffer.putFloat((float) values[from + i]);
      }
      buffer.flip();
      AtomicFile.writeFully(channel, buffer);
    }
  }

  private static void writeDoubles(WritableByteChannel channel, double[] values, ByteBuffer buffer)
      throws IOException {
    int perChunk = buffer.capacity() / Double.BYTES;
    for (int from = 0; from < values.length; from += perChunk) {
      int take = Math.min(perChunk, values.length - from);
      buffer.clear();
      buffer.asDoubleBuffer().put(values, from, take);
      buffer.limit(take * Double.BYTES);
      AtomicFile.writeFully(channel, buffer);
    }
  }
}
