package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link FiniteScan} (behind {@link Tensor#isFinite}) answers exactly as the element-by-element
 * {@code Double.isFinite} loop it replaced, by its vector and scalar forms alike: arrays of every
 * length from 0 past several vector blocks (so every ragged end), finite values including the
 * extremes where {@code v·0} could go wrong (±0, subnormals, ±{@code MAX_VALUE}), and up to two
 * non-finite elements (both NaNs, ±∞) at any positions.
 */
class FiniteScanLaws {

  @Provide
  Arbitrary<Double> finite() {
    return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0));
  }

  @Provide
  Arbitrary<Double> nonFinite() {
    return Arbitraries.of(Double.NaN, Double.longBitsToDouble(0xfff8000000000001L), Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY);
  }

  @Property(tries = 500)
  void scanAgreesWithTheElementwiseTest(@ForAll @IntRange(min = 0, max = 150) int length,
      @ForAll("finite") double fill, @ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int bad,
      @ForAll("nonFinite") double first, @ForAll("nonFinite") double second,
      @ForAll @IntRange(min = 0, max = 1_000_000) int at1, @ForAll @IntRange(min = 0, max = 1_000_000) int at2) {
    double[] values = new java.util.Random(seed).doubles(length, -1e300, 1e300).toArray();
    for (int i = 0; i < length; i += 7) {
      values[i] = fill;
    }
    if (length > 0 && bad >= 1) {
      values[at1 % length] = first;
    }
    if (length > 0 && bad == 2) {
      values[at2 % length] = second;
    }
    boolean expected = true;
    for (double v : values) {
      expected &= Double.isFinite(v);
    }
    assertEquals(expected, FiniteScan.all(values), "FiniteScan.all");
    assertEquals(expected, FiniteScan.scalar(values), "FiniteScan.scalar");
    if (FiniteScan.vector() != null) {
      assertEquals(expected, FiniteScan.vector().test(values), "VectorFiniteScan");
    }
    assertEquals(expected, Tensor.of(values, length).isFinite(), "Tensor.isFinite");
  }
}
