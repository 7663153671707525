package purenet.train;

import java.util.Locale;

/**
 * How training prints losses: at most 6 significant digits in fixed notation for magnitudes in
 * [10⁻⁴, 10⁶), at most 4 in scientific notation outside it, trailing zeros dropped — so a loss of
 * 1.1·10²⁵⁵ prints as {@code 1.1e+255}, never as a 256-digit number; NaN and ±Infinity are spelled
 * out.
 */
final class CompactNumber {
  private CompactNumber() {}

  /** E.g. {@code 0.0013}, {@code 2.30259}, {@code 123457}, {@code 1.1e+255}, {@code 2.5e-07} → {@code 2.5e-7}. */
  static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    double a = Math.abs(value);
    if (a != 0 && (a >= 1e6 || a < 1e-4)) {
      String[] parts = String.format(Locale.ROOT, "%.3e", value).split("e");
      int exponent = Integer.parseInt(parts[1]);
      return trimZeros(parts[0]) + "e" + (exponent > 0 ? "+" : "") + exponent;
    }
    return trimZeros(String.format(Locale.ROOT, "%.6g", value));
  }

  /**
   * A loss on a progress line: four decimals ({@code 0.3412}) where that shows it, i.e. for 0 and
   * magnitudes in [10⁻⁴, 10⁶); {@link #format} elsewhere.
   */
  static String progress(double value) {
    double a = Math.abs(value);
    return Double.isFinite(value) && (a == 0 || (a >= 1e-4 && a < 1e6))
        ? String.format(Locale.ROOT, "%.4f", value) : format(value);
  }

  private static String trimZeros(String fixed) {
    return fixed.indexOf('.') < 0 ? fixed : fixed.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
