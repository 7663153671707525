package purenet.io;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.ByteBuffer;

/**
 * The safetensors element types purenet reads, and how each becomes a {@code double}. All are
 * little-endian.
 *
 * <table>
 *   <caption>Reading: element type → double</caption>
 *   <tr><th>dtype</th><th>bytes</th><th>conversion</th></tr>
 *   <tr><td>F64</td><td>8</td><td>bit for bit (−0.0, ±∞, NaN payloads, subnormals)</td></tr>
 *   <tr><td>F32</td><td>4</td><td>exact widening</td></tr>
 *   <tr><td>F16</td><td>2</td><td>exact: IEEE 754 binary16 (1 sign, 5 exponent, 10 fraction bits,
 *       subnormals, ±∞, NaN)</td></tr>
 *   <tr><td>BF16</td><td>2</td><td>exact: bfloat16 is the upper half of a binary32</td></tr>
 *   <tr><td>I64</td><td>8</td><td>exact for |v| ≤ 2⁵³; larger magnitudes round to the nearest
 *       double (ties to even), as Java's {@code (double) long}</td></tr>
 *   <tr><td>I32, I16, I8</td><td>4, 2, 1</td><td>exact (two's complement)</td></tr>
 *   <tr><td>U8</td><td>1</td><td>exact, 0 .. 255</td></tr>
 *   <tr><td>BOOL</td><td>1</td><td>byte 0 → 0.0, byte 1 → 1.0; any other byte is a corrupt file</td></tr>
 * </table>
 *
 * <p>Writing: {@link #F64} (exact) or {@link #F32} (each value rounded to the nearest binary32, ties
 * to even; a finite value beyond ±{@link Float#MAX_VALUE} is refused rather than written as ∞).
 */
public enum Dtype {
  /** IEEE 754 binary64, 8 bytes. */
  F64(8),
  /** IEEE 754 binary32, 4 bytes. */
  F32(4),
  /** IEEE 754 binary16, 2 bytes. */
  F16(2),
  /** bfloat16 (the upper 16 bits of a binary32), 2 bytes. */
  BF16(2),
  /** Signed 64-bit integer, 8 bytes. */
  I64(8),
  /** Signed 32-bit integer, 4 bytes. */
  I32(4),
  /** Signed 16-bit integer, 2 bytes. */
  I16(2),
  /** Signed 8-bit integer, 1 byte. */
  I8(1),
  /** Unsigned 8-bit integer, 1 byte. */
  U8(1),
  /** Boolean, one byte holding 0 or 1. */
  BOOL(1);

  /** Every dtype name the safetensors format defines, for telling "unsupported" from "unknown". */
  static final Vector<String> FORMAT = Vector.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4",
      "F6_E2M3", "F6_E3M2", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64", "C64");

  private final int bytes;

  Dtype(int bytes) {
    this.bytes = bytes;
  }

  /**
   * The size of one element in bytes.
   *
   * @return 1, 2, 4 or 8
   */
  public int bytes() {
    return bytes;
  }

  /**
   * Whether purenet writes this dtype: F64 and F32.
   *
   * @return true for F64 and F32
   */
  public boolean writable() {
    return this == F64 || this == F32;
  }

  /** The dtype of a name, if purenet reads it. */
  static Option<Dtype> of(String name) {
    return Vector.of(values()).find(d -> d.name().equals(name));
  }

  /** Every dtype purenet reads, as text for messages. */
  static String readable() {
    return Vector.of(values()).mkString(", ");
  }

  /**
   * Reads the next element of a little-endian buffer as a double.
   *
   * @throws IllegalArgumentException for a BOOL byte other than 0 or 1
   */
  double read(ByteBuffer b) {
    return switch (this) {
      case F64 -> b.getDouble();
      case F32 -> b.getFloat();
      case F16 -> halfToDouble(b.getShort());
      case BF16 -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
      case I64 -> (double) b.getLong();
      case I32 -> b.getInt();
      case I16 -> b.getShort();
      case I8 -> b.get();
      case U8 -> b.get() & 0xFF;
      case BOOL -> {
        int v = b.get() & 0xFF;
        if (v > 1) {
          throw new IllegalArgumentException("a BOOL element must be the byte 0 or 1, found " + v);
        }
        yield v;
      }
    };
  }

  /**
   * The value of an IEEE 754 binary16 bit pattern: (−1)^s · 2^(e − 15) · (1 + f/1024) for
   * 0 &lt; e &lt; 31, (−1)^s · 2^−14 · f/1024 for e = 0 (subnormals and ±0), ±∞ or NaN for e = 31.
   * Every binary16 value is a double, so the result is exact.
   *
   * @param bits the 16 bits, in the low half of a short
   * @return the value
   */
  static double halfToDouble(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h >>> 15) == 1 ? -1 : 1;
    int exponent = (h >>> 10) & 0x1F;
    int fraction = h & 0x3FF;
    if (exponent == 0x1F) {
      return fraction == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (exponent == 0) {
      return sign * Math.scalb((double) fraction, -24);
    }
    return sign * Math.scalb((double) (1024 + fraction), exponent - 25);
  }
}
