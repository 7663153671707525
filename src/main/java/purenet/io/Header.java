package purenet.io;

import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * A checked safetensors header: the tensors' entries sorted by data offset, and the
 * {@code __metadata__} strings.
 *
 * <p>{@link #parse} accepts a header only if every entry is {@code {"dtype": …, "shape": […],
 * "data_offsets": [begin, end]}} with a dtype purenet reads, non-negative dimensions whose product
 * (times the element size) fits in 64 bits and equals end − begin, and if the entries, sorted by
 * offset, tile the data section exactly: starting at 0, without holes or overlaps, ending at its
 * last byte.
 *
 * @param entries  the tensors in the order of their data offsets (ties in header order)
 * @param metadata the {@code __metadata__} entries, in header order; empty if absent
 */
record Header(Vector<Header.Entry> entries, LinkedHashMap<String, String> metadata) {

  /** The largest header the reader accepts, in bytes: 100 MB, the limit of the reference implementation. */
  static final long MAX_BYTES = 100_000_000L;

  /** The key of the metadata object, which no tensor may take. */
  static final String METADATA = "__metadata__";

  /**
   * One tensor's description.
   *
   * @param name  its name: a tree path in files purenet writes
   * @param dtype its element type
   * @param shape its shape
   * @param begin the offset of its first byte in the data section
   * @param end   the offset after its last byte
   */
  record Entry(String name, Dtype dtype, Shape shape, long begin, long end) {}

  /**
   * Parses and checks a header.
   *
   * @param text      the header text, decoded from UTF-8
   * @param dataBytes the size of the data section: the file size − 8 − the header length
   * @param source    the file, for messages
   * @throws IOException naming the source and the problem if the header is malformed or does not
   *                     describe the data section exactly
   */
  static Header parse(String text, long dataBytes, String source) throws IOException {
    Json.Obj root = Json.parse(text, source);
    LinkedHashMap<String, String> metadata = LinkedHashMap.empty();
    Vector<Entry> entries = Vector.empty();
    for (Tuple2<String, Json> member : root.members()) {
      if (member._1.equals(METADATA)) {
        metadata = metadata(member._2, source);
      } else {
        entries = entries.append(entry(member._1, member._2, source));
      }
    }
    Vector<Entry> sorted = entries.sorted(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    requireTiling(sorted, dataBytes, source);
    return new Header(sorted, metadata);
  }

  private static LinkedHashMap<String, String> metadata(Json value, String source) throws IOException {
    if (!(value instanceof Json.Obj object)) {
      throw error(source, "\"__metadata__\" must be an object of strings, found " + value.kind());
    }
    LinkedHashMap<String, String> metadata = LinkedHashMap.empty();
    for (Tuple2<String, Json> m : object.members()) {
      if (!(m._2 instanceof Json.Str s)) {
        throw error(source, "\"__metadata__\" must map strings to strings, but " + quoted(m._1) + " maps to "
            + m._2.kind());
      }
      metadata = metadata.put(m._1, s.value());
    }
    return metadata;
  }

  private static Entry entry(String name, Json value, String source) throws IOException {
    String tensor = "tensor " + quoted(name);
    if (!(value instanceof Json.Obj object)) {
      throw error(source, tensor + " must be described by an object, found " + value.kind());
    }
    for (Tuple2<String, Json> field : object.members()) {
      if (!Vector.of("dtype", "shape", "data_offsets").contains(field._1)) {
        throw error(source, tensor + " has an unknown field " + quoted(field._1)
            + "; expected exactly \"dtype\", \"shape\" and \"data_offsets\"");
      }
    }
    Dtype dtype = dtype(tensor, field(object, "dtype", tensor, source), source);
    Vector<Long> dims = integers(tensor, "shape", field(object, "shape", tensor, source), source);
    Vector<Long> offsets = integers(tensor, "data_offsets", field(object, "data_offsets", tensor, source), source);
    String shapeText = dims.mkString("[", ", ", "]");
    long elements = 1;
    long bytes;
    try {
      for (long d : dims) {
        elements = Math.multiplyExact(elements, d);
      }
      bytes = Math.multiplyExact(elements, (long) dtype.bytes());
    } catch (ArithmeticException e) {
      throw error(source, tensor + " has shape " + shapeText + ", whose size in bytes overflows 64 bits");
    }
    if (offsets.size() != 2) {
      throw error(source, tensor + " needs data_offsets [begin, end], found " + offsets.size() + " numbers "
          + offsets.mkString("[", ", ", "]"));
    }
    long begin = offsets.get(0);
    long end = offsets.get(1);
    if (begin > end) {
      throw error(source, tensor + " has data_offsets [" + begin + ", " + end + "] that end before they begin");
    }
    if (end - begin != bytes) {
      throw error(source, tensor + " (" + dtype + ", shape " + shapeText + ") needs " + bytes
          + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
    }
    for (long d : dims) {
      if (d > Integer.MAX_VALUE) {
        throw error(source, tensor + " has dimension " + d + " in shape " + shapeText
            + ", more than a purenet tensor allows (" + Integer.MAX_VALUE + ")");
      }
    }
    if (elements > Integer.MAX_VALUE) {
      throw error(source, tensor + " has " + elements + " elements (shape " + shapeText
          + "), more than a purenet tensor holds (" + Integer.MAX_VALUE + ")");
    }
    return new Entry(name, dtype, Shape.of(dims.toJavaStream().mapToInt(Long::intValue).toArray()), begin, end);
  }

  private static Json field(Json.Obj object, String key, String tensor, String source) throws IOException {
    for (Tuple2<String, Json> m : object.members()) {
      if (m._1.equals(key)) {
        return m._2;
      }
    }
    throw error(source, tensor + " has no \"" + key + "\"");
  }

  private static Dtype dtype(String tensor, Json value, String source) throws IOException {
    if (!(value instanceof Json.Str s)) {
      throw error(source, tensor + " needs a dtype string, found " + value.kind());
    }
    return Dtype.of(s.value()).getOrElseThrow(() -> error(source, Dtype.FORMAT.contains(s.value())
        ? tensor + " has dtype " + s.value() + ", which purenet does not read; it reads " + Dtype.readable()
        : tensor + " has an unknown dtype " + quoted(s.value()) + "; safetensors dtypes are "
            + Dtype.FORMAT.mkString(", ")));
  }

  private static Vector<Long> integers(String tensor, String key, Json value, String source) throws IOException {
    if (!(value instanceof Json.Arr array)) {
      throw error(source, tensor + " needs \"" + key + "\" to be an array of integers, found " + value.kind());
    }
    Vector<Long> out = Vector.empty();
    for (Json item : array.items()) {
      if (!(item instanceof Json.Int i) || i.value() < 0) {
        throw error(source, tensor + " needs \"" + key + "\" to hold non-negative integers, found "
            + (item instanceof Json.Int i ? "the negative " + i.value() : item.kind()));
      }
      out = out.append(i.value());
    }
    return out;
  }

  /** The sorted entries must cover [0, dataBytes) exactly, each byte by one tensor. */
  private static void requireTiling(Vector<Entry> sorted, long dataBytes, String source) throws IOException {
    long covered = 0;
    Entry previous = null;
    for (Entry e : sorted) {
      if (e.begin() > covered) {
        throw error(source, "bytes [" + covered + ", " + e.begin() + ") of the data section belong to no tensor ("
            + (previous == null ? "before " + quoted(e.name()) : "between " + quoted(previous.name()) + " and "
            + quoted(e.name())) + "); the tensors must tile the data without holes");
      }
      if (e.begin() < covered) {
        throw error(source, "the data of tensors " + quoted(previous.name()) + " [" + previous.begin() + ", "
            + previous.end() + ") and " + quoted(e.name()) + " [" + e.begin() + ", " + e.end() + ") overlap");
      }
      covered = e.end();
      previous = e;
    }
    if (covered > dataBytes) {
      throw error(source, "truncated: the header's tensors need " + covered + " bytes of data, but only "
          + dataBytes + " follow the header");
    }
    if (covered < dataBytes) {
      throw error(source, (dataBytes - covered) + " bytes follow the last tensor's data (the tensors cover "
          + covered + " of " + dataBytes + " data bytes); a safetensors file ends with its last tensor");
    }
  }

  /**
   * The header of a file holding {@code tensors} as {@code dtype} in the given order, back to back from data
   * offset 0, as compact JSON in UTF-8, {@code __metadata__} first (if not empty), padded with
   * spaces to a multiple of 8 bytes so that the data starts 8-byte aligned.
   *
   * @throws IllegalArgumentException if a name is {@code __metadata__} or a string is not
   *                                  well-formed Unicode (an unpaired surrogate)
   */
  static byte[] render(Vector<Tuple2<String, Tensor>> tensors, Map<String, String> metadata, Dtype dtype) {
    StringBuilder json = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      json.append('"').append(METADATA).append("\":{");
      boolean first = true;
      for (Tuple2<String, String> m : metadata) {
        json.append(first ? "" : ",");
        first = false;
        Json.quote(requireText("metadata key", m._1), json);
        json.append(':');
        Json.quote(requireText("metadata value", m._2), json);
      }
      json.append('}');
    }
    long offset = 0;
    for (Tuple2<String, Tensor> t : tensors) {
      if (t._1.equals(METADATA)) {
        throw new IllegalArgumentException("a tensor cannot be named " + METADATA
            + ": safetensors reserves the name for the metadata");
      }
      json.append(json.length() > 1 ? "," : "");
      Json.quote(requireText("tensor name", t._1), json);
      long bytes = (long) dtype.bytes() * t._2.size();
      json.append(":{\"dtype\":\"").append(dtype.name()).append("\",\"shape\":[");
      int[] dims = t._2.dims();
      for (int i = 0; i < dims.length; i++) {
        json.append(i == 0 ? "" : ",").append(dims[i]);
      }
      json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
      offset += bytes;
    }
    json.append('}');
    byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
    long length = (text.length + 7L) / 8 * 8;
    if (length > MAX_BYTES) {
      throw new IllegalArgumentException("the header of " + tensors.size() + " tensors would take " + length
          + " bytes, more than the " + MAX_BYTES + " that safetensors readers accept");
    }
    byte[] padded = Arrays.copyOf(text, (int) length);
    Arrays.fill(padded, text.length, padded.length, (byte) ' ');
    return padded;
  }

  private static String requireText(String what, String s) {
    if (s == null) {
      throw new IllegalArgumentException("a " + what + " is null");
    }
    int bad = Json.unpairedSurrogate(s);
    if (bad >= 0) {
      throw new IllegalArgumentException("the " + what + " " + quoted(s) + " has an unpaired surrogate at index "
          + bad + ", which UTF-8 cannot encode");
    }
    return s;
  }

  static String quoted(String s) {
    StringBuilder out = new StringBuilder();
    Json.quote(s, out);
    return out.toString();
  }

  private static IOException error(String source, String problem) {
    return new IOException(source + ": " + problem);
  }
}
