package purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The conversions of {@link Dtype}: every value is built from its parts (sign, exponent, fraction,
 * or an integer), encoded little-endian as the format stores it, and must read back as the double
 * an independent route computes — exactly (tolerance 0), except I64 beyond 2⁵³, which must be the
 * nearest double, and F32 writing, which must be the nearest binary32.
 */
class DtypeProperties {

  private static ByteBuffer bytes(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** binary16 (s, e, f) is (−1)^s·2^(e−15)·(1 + f/1024), or (−1)^s·f·2^−24 for e = 0: via binary32 arithmetic. */
  @Property(tries = 500)
  void f16IsExact(@ForAll @IntRange(min = 0, max = 1) int sign, @ForAll @IntRange(min = 0, max = 30) int exponent,
      @ForAll @IntRange(min = 0, max = 1023) int fraction) {
    short bits = (short) (sign << 15 | exponent << 10 | fraction);
    float magnitude = exponent == 0 ? fraction * 0x1p-24f
        : Float.intBitsToFloat((exponent - 15 + 127) << 23 | fraction << 13);
    double expected = sign == 1 ? -(double) magnitude : magnitude;
    assertEquals(expected, Dtype.F16.read(bytes(2).putShort(bits).flip()), 0.0);
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Dtype.halfToDouble(bits)),
        "sign of zero kept");
  }

  /** F16 exponent 31: ±∞ for fraction 0, NaN otherwise. */
  @Property(tries = 100)
  void f16InfinitiesAndNaNs(@ForAll @IntRange(min = 0, max = 1) int sign, @ForAll @IntRange(min = 0, max = 1023) int fraction) {
    double v = Dtype.halfToDouble((short) (sign << 15 | 0x1F << 10 | fraction));
    assertEquals(fraction == 0 ? (sign == 1 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.NaN, v);
  }

  /** A normal bfloat16 (s, e, m) is (−1)^s·2^(e−127)·(1 + m/128). */
  @Property(tries = 500)
  void bf16IsExact(@ForAll @IntRange(min = 0, max = 1) int sign, @ForAll @IntRange(min = 1, max = 254) int exponent,
      @ForAll @IntRange(min = 0, max = 127) int mantissa) {
    short bits = (short) (sign << 15 | exponent << 7 | mantissa);
    double expected = (sign == 1 ? -1 : 1) * Math.scalb(1 + mantissa / 128.0, exponent - 127);
    assertEquals(expected, Dtype.BF16.read(bytes(2).putShort(bits).flip()), 0.0);
  }

  /** I64 is exact up to 2⁵³ and the nearest double (Java's long → double) beyond. */
  @Property(tries = 500)
  void i64IsExactUpTo2To53(@ForAll @LongRange(min = -(1L << 53), max = 1L << 53) long small, @ForAll long any) {
    assertEquals(small, (long) Dtype.I64.read(bytes(8).putLong(small).flip()));
    double big = Dtype.I64.read(bytes(8).putLong(any).flip());
    assertEquals(new java.math.BigDecimal(any).doubleValue(), big, 0.0, "nearest double, ties to even");
  }

  /** I32, I16, I8 and U8 are exact. */
  @Property(tries = 500)
  void smallIntegersAreExact(@ForAll int i, @ForAll short s, @ForAll byte b) {
    assertEquals(i, Dtype.I32.read(bytes(4).putInt(i).flip()), 0.0);
    assertEquals(s, Dtype.I16.read(bytes(2).putShort(s).flip()), 0.0);
    assertEquals(b, Dtype.I8.read(bytes(1).put(b).flip()), 0.0);
    assertEquals(b < 0 ? b + 256 : b, Dtype.U8.read(bytes(1).put(b).flip()), 0.0);
  }

  /** F32 files: a double reads back as its nearest binary32; a binary32 value reads back exactly. */
  @Property(tries = 100)
  void f32FilesRoundToNearest(@ForAll @DoubleRange(min = -3e38, max = 3e38) double d, @ForAll float f)
      throws IOException {
    Path file = Files.createTempFile("purenet-dtype", ".safetensors");
    try {
      Safetensors.write(file, Tree.empty().with("x", Tensor.vector(d, f)), Dtype.F32);
      Tensor read = Safetensors.read(file).tensor("x");
      assertEquals((double) (float) d, read.at(0), 0.0);
      assertEquals(Double.doubleToLongBits(f), Double.doubleToLongBits(read.at(1)));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
