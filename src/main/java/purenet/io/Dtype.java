package purenet.io;

import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The element types purenet reads from safetensors files: {@code F64} (IEEE 754 binary64, what it
 * writes) and {@code F32} (binary32, widened exactly to {@code double} on reading). Both
 * little-endian.
 */
enum Dtype {
  /** 64-bit floating point, 8 bytes. */
  F64(8),
  /** 32-bit floating point, 4 bytes. */
  F32(4);

  /** Every dtype name the safetensors format defines, for telling "unsupported" from "unknown". */
  static final Vector<String> FORMAT = Vector.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4",
      "F6_E2M3", "F6_E3M2", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64", "C64");

  private final int bytes;

  Dtype(int bytes) {
    this.bytes = bytes;
  }

  /** The size of one element in bytes. */
  int bytes() {
    return bytes;
  }

  /** The dtype of a name, if purenet reads it. */
  static Option<Dtype> of(String name) {
    return Vector.of(values()).find(d -> d.name().equals(name));
  }
}
