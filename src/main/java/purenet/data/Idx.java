package purenet.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST (LeCun, Cortes, Burges,
 * "The MNIST database of handwritten digits").
 *
 * <p>Layout: a magic number {@code 00 00 TT RR} where {@code TT} is the element type
 * ({@link IdxType}: 0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float,
 * 0x0E double) and {@code RR} the rank r (1..8); then r big-endian 32-bit dimensions d₀ … d_{r-1};
 * then ∏dᵢ elements, big-endian, row-major. A file of shape (d₀, …) becomes a {@link Tensor} of
 * that shape.
 *
 * <p>A file may be gzip-compressed; that is decided by its first two bytes ({@code 1f 8b}), not by
 * its name. The reader checks the header before it allocates anything: the declared size is
 * computed in {@code long} arithmetic and compared with the bytes the file actually has (raw
 * files) and with a cap of {@value #MAX_DATA_BYTES} bytes, and the data of a gzip file is read
 * into a buffer that grows only as decompressed bytes arrive — so a corrupt header can never make
 * the reader exhaust memory. Every problem (bad magic, unknown type, bad rank, absurd dimensions,
 * truncated data, trailing bytes) is an {@link IOException} whose message names the file, what was
 * expected and what was found.
 */
public final class Idx {
  /** The largest rank the reader accepts. */
  public static final int MAX_RANK = 8;
  /** The largest data section the reader accepts, in bytes: the largest Java byte array. */
  public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

  private static final int FIRST_CHUNK = 1 << 20;
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

  private Idx() {}

  /**
   * {@return the header of an IDX file (type and shape), read and checked without reading the data}
   *
   * @param file the IDX file, raw or gzip
   * @throws IOException if the file cannot be read or its header is malformed
   */
  public static IdxHeader header(Path file) throws IOException {
    try (InputStream in = Compressed.open(file)) {
      return readHeader(in, file);
    } catch (IOException e) {
      throw Compressed.named(file, e);
    }
  }

  /**
   * {@return the contents of an IDX file (raw or gzip) as a tensor of the file's shape, every
   * element converted to {@code double} exactly}
   *
   * @param file the IDX file, raw or gzip
   * @throws IOException if the file cannot be read or is not a well-formed IDX file
   */
  public static Tensor read(Path file) throws IOException {
    return read(file, DoubleUnaryOperator.identity());
  }

  /**
   * {@return the contents of an IDX file with {@code transform} applied to every element during the
   * one conversion pass, e.g. {@code v -> v / 255} to scale MNIST pixels to [0, 1] without a second
   * full-size array}
   *
   * @param file the IDX file, raw or gzip
   * @param transform applied to every element as it is read
   * @throws IOException if the file cannot be read or is not a well-formed IDX file
   */
  public static Tensor read(Path file, DoubleUnaryOperator transform) throws IOException {
    boolean gzip = Compressed.isGzip(file);
    try (InputStream in = Compressed.open(file)) {
      IdxHeader header = readHeader(in, file);
      long need = header.dataBytes();
      if (!gzip) {
        long available = Files.size(file) - header.headerBytes();
        if (available < need) {
          throw new EOFException(file + ": truncated IDX data: " + describe(header) + " needs " + need
              + " bytes after the " + header.headerBytes() + "-byte header, the file has only " + available);
        }
        if (available > need) {
          throw new IOException(file + ": trailing garbage: " + describe(header) + " needs " + need
              + " bytes after the " + header.headerBytes() + "-byte header, the file has " + available
              + " (" + (available - need) + " extra)");
        }
        requireHeap(file, header);
      }
      byte[] data = readData(in, (int) need, gzip, file, header);
      if (gzip) {
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
          throw new IOException(file + ": trailing garbage: " + describe(header) + " needs " + need
              + " data bytes, the decompressed file has " + extra + " more");
        }
        // Only now: a gzip header's size is believed once that much data has really arrived.
        requireHeap(file, header);
      }
      return decode(header, data, transform);
    } catch (ZipException e) {
      throw new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (EOFException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      EOFException named = new EOFException(file + ": truncated gzip stream (" + e.getMessage() + ")");
      named.initCause(e);
      throw named;
    }
  }

  /**
   * Writes a tensor as an IDX file of the given element type, gzip-compressed if the file name
   * ends in {@code .gz}.
   *
   * @param file the file to write (a {@code .gz} name is gzip-compressed)
   * @param tensor the tensor to store
   * @param type the element type of the file, able to hold every element
   * @throws IllegalArgumentException if the rank is not in 1..8 or a value does not fit the type
   *     exactly (integer types need integers in range; FLOAT rounds to the nearest float but
   *     rejects finite values beyond its range)
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, Tensor tensor, IdxType type) throws IOException {
    if (tensor.rank() < 1 || tensor.rank() > MAX_RANK) {
      throw new IllegalArgumentException("IDX needs rank 1.." + MAX_RANK + ", got shape " + tensor.shape());
    }
    for (int i = 0; i < tensor.size(); i++) {
      requireFits(tensor.at(i), i, type);
    }
    OutputStream raw = Files.newOutputStream(file);
    OutputStream sink = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16))) {
      out.write(new byte[] {0, 0, (byte) type.code(), (byte) tensor.rank()});
      for (int d : tensor.dims()) {
        out.writeInt(d);
      }
      for (int i = 0; i < tensor.size(); i++) {
        double v = tensor.at(i);
        switch (type) {
          case UNSIGNED_BYTE, SIGNED_BYTE -> out.writeByte((int) v);
          case SHORT -> out.writeShort((int) v);
          case INT -> out.writeInt((int) v);
          case FLOAT -> out.writeFloat((float) v);
          case DOUBLE -> out.writeDouble(v);
        }
      }
    }
  }

  // ---------------------------------------------------------------- reading

  private static IdxHeader readHeader(InputStream in, Path file) throws IOException {
    byte[] magic = new byte[4];
    int got = readFully(in, magic, 0, 4);
    if (got < 4) {
      throw new EOFException(file + ": not an IDX file: expected a 4-byte magic number 00 00 <type> <rank>, found only "
          + got + " bytes");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IOException(file + ": not an IDX file: expected magic number 00 00 <type> <rank>, found " + hex(magic));
    }
    IdxType type;
    try {
      type = IdxType.ofCode(magic[2] & 0xFF);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage() + " (magic number " + hex(magic) + ")", e);
    }
    int rank = magic[3] & 0xFF;
    if (rank < 1 || rank > MAX_RANK) {
      throw new IOException(file + ": IDX rank (4th byte of the magic number) must be in 1.." + MAX_RANK
          + ", found " + rank);
    }
    byte[] dimBytes = new byte[4 * rank];
    got = readFully(in, dimBytes, 0, dimBytes.length);
    if (got < dimBytes.length) {
      throw new EOFException(file + ": truncated IDX header: rank " + rank + " needs " + dimBytes.length
          + " bytes of dimensions, found only " + got);
    }
    long[] dims = new long[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = Integer.toUnsignedLong((int) INT.get(dimBytes, 4 * i));
    }
    for (int i = 0; i < rank; i++) {
      // Found by fuzzing: with another dimension 0 the product is 0, so the size limit below would
      // let a dimension past 2³¹ − 1 through to the int shape.
      if (dims[i] > Integer.MAX_VALUE && elements(dims) == 0) {
        throw new IOException(file + ": absurd IDX header: shape " + format(dims) + " has dimension " + i + " = "
            + dims[i] + ", more than the largest array dimension " + Integer.MAX_VALUE);
      }
    }
    long elements = elements(dims);
    if (elements < 0 || elements * type.bytes() > MAX_DATA_BYTES) {
      BigInteger bytes = LongStream.of(dims).mapToObj(BigInteger::valueOf)
          .reduce(BigInteger.valueOf(type.bytes()), BigInteger::multiply);
      throw new IOException(file + ": absurd IDX header: shape " + format(dims) + " of " + name(type) + " declares "
          + bytes + " data bytes, more than the limit of " + MAX_DATA_BYTES);
    }
    int[] intDims = new int[rank];
    for (int i = 0; i < rank; i++) {
      intDims[i] = (int) dims[i];
    }
    return new IdxHeader(type, Shape.of(intDims));
  }

  /** ∏ dims, or -1 if it exceeds {@link #MAX_DATA_BYTES} (so the caller never multiplies past a long). */
  private static long elements(long[] dims) {
    if (LongStream.of(dims).anyMatch(d -> d == 0)) {
      return 0;
    }
    long n = 1;
    for (long d : dims) {
      if (d > MAX_DATA_BYTES || n > MAX_DATA_BYTES / d) {
        return -1;
      }
      n *= d;
    }
    return n;
  }

  private static void requireHeap(Path file, IdxHeader header) throws IOException {
    long needed = header.shape().size() * 8L + header.dataBytes();
    long max = Runtime.getRuntime().maxMemory();
    if (needed > max) {
      throw new IOException(file + ": " + describe(header) + " needs " + (needed >> 20)
          + " MiB of heap (the bytes plus one double per element), the JVM's maximum heap is " + (max >> 20)
          + " MiB: raise -Xmx");
    }
  }

  /**
   * Reads exactly {@code need} bytes. A raw file's size was already checked, so its buffer is
   * allocated at once; a gzip buffer grows by doubling as data arrives, so a header that lies
   * about the size costs only as much memory as the stream really holds.
   */
  private static byte[] readData(InputStream in, int need, boolean gzip, Path file, IdxHeader header)
      throws IOException {
    byte[] buf = new byte[gzip ? Math.min(need, FIRST_CHUNK) : need];
    int filled = 0;
    try {
      while (filled < need) {
        if (filled == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min(need, 2L * buf.length));
        }
        int r = in.read(buf, filled, buf.length - filled);
        if (r < 0) {
          break;
        }
        filled += r;
      }
    } catch (EOFException e) {
      // A gzip stream cut short ends in an EOFException from the inflater rather than a -1.
    }
    if (filled < need) {
      throw new EOFException(file + ": truncated IDX data: " + describe(header) + " needs " + need
          + " data bytes, found only " + filled);
    }
    return buf;
  }

  private static int readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
    int filled = 0;
    try {
      while (filled < len) {
        int r = in.read(buf, off + filled, len - filled);
        if (r < 0) {
          break;
        }
        filled += r;
      }
    } catch (EOFException e) {
      // Cut-short gzip: report what arrived; the caller names what was expected.
    }
    return filled;
  }

  private static Tensor decode(IdxHeader header, byte[] b, DoubleUnaryOperator f) {
    IntToDoubleFunction element = switch (header.type()) {
      case UNSIGNED_BYTE -> i -> f.applyAsDouble(b[i] & 0xFF);
      case SIGNED_BYTE -> i -> f.applyAsDouble(b[i]);
      case SHORT -> i -> f.applyAsDouble((short) SHORT.get(b, 2 * i));
      case INT -> i -> f.applyAsDouble((int) INT.get(b, 4 * i));
      case FLOAT -> i -> f.applyAsDouble((float) FLOAT.get(b, 4 * i));
      case DOUBLE -> i -> f.applyAsDouble((double) DOUBLE.get(b, 8 * i));
    };
    return Tensor.generate(header.shape(), element);
  }

  // ---------------------------------------------------------------- writing

  private static void requireFits(double v, int i, IdxType type) {
    boolean fits = switch (type) {
      case UNSIGNED_BYTE -> v == Math.rint(v) && v >= 0 && v <= 255;
      case SIGNED_BYTE -> v == Math.rint(v) && v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
      case SHORT -> v == Math.rint(v) && v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      case INT -> v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      case FLOAT -> !Double.isFinite(v) || Float.isFinite((float) v);
      case DOUBLE -> true;
    };
    if (!fits) {
      throw new IllegalArgumentException("value " + v + " at element " + i + " does not fit IDX type " + name(type));
    }
  }

  // ---------------------------------------------------------------- messages

  private static String describe(IdxHeader header) {
    return "shape " + header.shape() + " of " + name(header.type());
  }

  private static String name(IdxType type) {
    return type.name().toLowerCase().replace('_', ' ');
  }

  private static String format(long[] dims) {
    return LongStream.of(dims).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
    }
    return s.toString();
  }
}
