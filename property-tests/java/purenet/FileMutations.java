package purenet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;

/**
 * Random corruptions of valid files, for the fuzz properties of the file readers ({@code *Fuzz}
 * classes, run in their own surefire execution with a bounded heap): each mutation is a value
 * (kind, position as a fraction of the length, amount, payload), so a failing file shrinks and
 * prints readably, and applying a list of them is a pure function of the bytes.
 */
public final class FileMutations {
  private FileMutations() {}

  /** How a mutation changes the bytes. */
  public enum Kind {
    /** Flip one bit. */
    FLIP_BIT,
    /** Keep only the bytes before the position. */
    TRUNCATE,
    /** Insert 1..16 bytes at the position. */
    INSERT,
    /** Delete 1..16 bytes at the position. */
    DELETE,
    /** Overwrite 1, 2, 4 or 8 bytes at the position with a huge number's bytes (both byte orders). */
    HUGE_BYTES,
    /** Replace a run of decimal digits in the text (a JSON shape, offset, a CSV value) with a huge number. */
    HUGE_DIGITS,
    /** Overwrite a declared size at an offset the format names (an IDX dimension, the safetensors header length). */
    HUGE_DECLARED_SIZE
  }

  /** Huge numbers as text, for {@link Kind#HUGE_DIGITS}. */
  private static final List<String> HUGE_TEXT = List.of("18446744073709551616", "9223372036854775807",
      "4294967296", "2147483648", "2147483647", "99999999999999999999999999999", "1e999999", "100000000");

  /** Huge values, for {@link Kind#HUGE_BYTES} and {@link Kind#HUGE_DECLARED_SIZE}. */
  private static final long[] HUGE = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, 0x80000000L,
      0x40000000L, 1L << 40, 100_000_000L, 0xFFFFL};

  /**
   * One mutation.
   *
   * @param kind    what it does
   * @param where   the position as a fraction of the current length, in [0, 1]
   * @param amount  a count or choice (bytes inserted or deleted, bit, width, which huge value, which
   *                declared size), ≥ 0
   * @param payload bytes to insert
   */
  public record Mutation(Kind kind, double where, int amount, byte[] payload) {
    @Override
    public String toString() {
      return kind + "@" + String.format(java.util.Locale.ROOT, "%.3f", where) + "/" + amount
          + (kind == Kind.INSERT ? Arrays.toString(payload) : "");
    }
  }

  /** One to four mutations of every kind. */
  public static Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1),
        Arbitraries.integers().between(0, 63), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
        .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  /**
   * The bytes after every mutation in order.
   *
   * @param valid         the file before
   * @param mutations     what to do
   * @param declaredSizes the offsets of the format's size fields and their widths in bytes (big-endian
   *                      when positive, little-endian when negative), for {@link Kind#HUGE_DECLARED_SIZE}
   */
  public static byte[] apply(byte[] valid, List<Mutation> mutations, int[][] declaredSizes) {
    byte[] b = valid.clone();
    for (Mutation m : mutations) {
      int at = (int) Math.min(b.length, Math.floor(m.where() * b.length));
      switch (m.kind()) {
        case FLIP_BIT -> {
          if (b.length > 0) {
            int i = Math.min(at, b.length - 1);
            b[i] ^= (byte) (1 << (m.amount() % 8));
          }
        }
        case TRUNCATE -> b = Arrays.copyOf(b, at);
        case INSERT -> b = splice(b, at, 0, m.payload());
        case DELETE -> b = splice(b, at, Math.min(b.length - at, 1 + m.amount() % 16), new byte[0]);
        case HUGE_BYTES -> {
          int width = new int[] {1, 2, 4, 8}[m.amount() % 4];
          b = overwrite(b, at, HUGE[m.amount() % HUGE.length], m.amount() % 2 == 0 ? width : -width);
        }
        case HUGE_DIGITS -> b = hugeDigits(b, m);
        case HUGE_DECLARED_SIZE -> {
          if (declaredSizes.length > 0) {
            int[] field = declaredSizes[m.amount() % declaredSizes.length];
            b = overwrite(b, field[0], HUGE[(m.amount() / declaredSizes.length) % HUGE.length], field[1]);
          }
        }
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  /** Writes |width| bytes of {@code value} at {@code at} (as far as the file reaches), big-endian if width &gt; 0. */
  private static byte[] overwrite(byte[] b, int at, long value, int width) {
    byte[] out = b.clone();
    int n = Math.abs(width);
    for (int i = 0; i < n && at + i < out.length; i++) {
      int shift = width > 0 ? 8 * (n - 1 - i) : 8 * i;
      out[at + i] = (byte) (value >>> shift);
    }
    return out;
  }

  /** Replaces the first run of ASCII digits at or after the position (or the last run before it). */
  private static byte[] hugeDigits(byte[] b, Mutation m) {
    int start = -1;
    int at = (int) Math.min(b.length, Math.floor(m.where() * b.length));
    for (int i = at; i < b.length && start < 0; i++) {
      if (b[i] >= '0' && b[i] <= '9') {
        start = i;
      }
    }
    for (int i = Math.min(at, b.length) - 1; i >= 0 && start < 0; i--) {
      if (b[i] >= '0' && b[i] <= '9') {
        start = i;
        while (start > 0 && b[start - 1] >= '0' && b[start - 1] <= '9') {
          start--;
        }
      }
    }
    if (start < 0) {
      return b;
    }
    int end = start;
    while (end < b.length && b[end] >= '0' && b[end] <= '9') {
      end++;
    }
    byte[] huge = HUGE_TEXT.get(m.amount() % HUGE_TEXT.size()).getBytes(StandardCharsets.US_ASCII);
    return splice(b, start, end - start, huge);
  }

  /** {@code bytes} compressed as one gzip member. */
  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Runs {@code read} on {@code file}: it must return (and the caller's checks in {@code read} must
   * hold) or throw an {@link IOException} whose message names the file. Any other throwable —
   * another exception, an {@link OutOfMemoryError}, a {@link StackOverflowError} — fails the
   * property with the mutations that caused it. Counts both outcomes in jqwik's statistics.
   *
   * @param file      the mutated file
   * @param mutations what was done to it, for the failure message
   * @param read      reads the file and checks the value
   */
  public static void readsOrFailsNamingTheFile(Path file, List<Mutation> mutations, Callable<?> read) {
    try {
      read.call();
      Statistics.collect("read a valid value");
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains(file.toString())) {
        throw new AssertionError("the IOException does not name the file " + file + " after " + mutations + ": " + e, e);
      }
      Statistics.collect("IOException naming the file");
    } catch (Throwable t) {
      throw new AssertionError("reading " + file + " after " + mutations + " threw " + t
          + " instead of a value or an IOException naming the file", t);
    }
  }
}
