package purenet.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types of the IDX format (LeCun et al., the MNIST file format): the third byte of
 * the magic number names one of them. Multi-byte values are stored big-endian.
 */
public enum IdxType {
  /** 0x08: unsigned byte, 0..255 (MNIST pixels and labels). */
  UNSIGNED_BYTE(0x08, 1),
  /** 0x09: signed byte, -128..127. */
  SIGNED_BYTE(0x09, 1),
  /** 0x0B: signed 16-bit integer. */
  SHORT(0x0B, 2),
  /** 0x0C: signed 32-bit integer. */
  INT(0x0C, 4),
  /** 0x0D: IEEE 754 single-precision float. */
  FLOAT(0x0D, 4),
  /** 0x0E: IEEE 754 double-precision float. */
  DOUBLE(0x0E, 8);

  private final int code;
  private final int bytes;

  IdxType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** {@return the type code, the third byte of the magic number} */
  public int code() {
    return code;
  }

  /**
   * Bytes per element.
   *
   * @return the number of bytes per element
   */
  public int bytes() {
    return bytes;
  }

  /**
   * {@return the type with the given code}
   *
   * @param code the third byte of the magic number
   * @throws IllegalArgumentException naming the known codes if {@code code} is none of them
   */
  public static IdxType ofCode(int code) {
    for (IdxType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException(String.format(
        "unknown IDX type code 0x%02X, expected one of %s", code, known()));
  }

  /** The known codes with their names, for error messages. */
  static String known() {
    return Arrays.stream(values())
        .map(t -> String.format("0x%02X (%s)", t.code, t.name().toLowerCase().replace('_', ' ')))
        .collect(Collectors.joining(", "));
  }
}
