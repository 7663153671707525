package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;

/**
 * Laws of {@link LstmGates}: the Vector API implementation gives the scalar definition's bits, and
 * σ and tanh are within {@value #ULPS} ulp of the exact values (measured: 2 ulp at most over 200,000
 * arguments; {@code StrictMath.tanh} is also up to 2 ulp from the same reference).
 */
class LstmGatesLaws {
  /** The accuracy bound, in units in the last place of the exact value. */
  static final double ULPS = 3;
  private static final MathContext MC = new MathContext(40);

  /**
   * Arguments from every region that matters: around 0 (down to subnormals), the working range,
   * where σ and tanh saturate, and where e^{−|x|} underflows.
   */
  @Provide
  Arbitrary<Double> arguments() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-3, 3),
        Arbitraries.doubles().between(-40, 40),
        Arbitraries.doubles().between(-760, 760),
        Arbitraries.integers().between(-1074, -1).flatMap(e -> Arbitraries.doubles().between(-1, 1)
            .map(m -> Math.scalb(m, e))),
        Arbitraries.of(0.0, -0.0, 20.0, -20.0, 36.7, -36.7, 745.1, -745.1, Double.MIN_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
  }

  @Property(tries = 2000)
  void sigmoidIsWithinThreeUlpOfTheExactValue(@ForAll("arguments") double x) {
    double exact = exactSigmoid(x);
    double s = LstmGates.sigmoid(x);
    assertTrue(ulps(s, exact) <= ULPS, "σ(" + x + ") = " + s + ", exact " + exact);
  }

  @Property(tries = 2000)
  void tanhIsWithinThreeUlpOfTheExactValueAndOdd(@ForAll("arguments") double x) {
    double exact = exactTanh(x);
    double t = LstmGates.tanh(x);
    assertTrue(ulps(t, exact) <= ULPS, "tanh(" + x + ") = " + t + ", exact " + exact);
    assertEquals(Double.doubleToRawLongBits(-t), Double.doubleToRawLongBits(LstmGates.tanh(-x)), "odd at " + x);
  }

  /** A row of H units through both implementations, forward and backward: the same bits everywhere. */
  @Property(tries = 300)
  void vectorImplementationGivesTheScalarBits(@ForAll @IntRange(min = 1, max = 40) int units,
      @ForAll("scales") double scale, @ForAll long seed) {
    LstmGates vector = loadVector();
    Assume.that(vector != null);
    LstmGates scalar = new LstmGates.Scalar();
    Key[] k = Key.of(seed).split(5);
    double[] p = k[0].uniform(4 * units, -scale, scale);
    double[] hw = k[1].uniform(4 * units, -scale, scale);
    double[] cPrev = k[2].uniform(units, -scale, scale);
    double[] dh = k[3].uniform(units, -1, 1);
    double[] dc = k[4].uniform(units, -1, 1);
    double[][] a = run(scalar, units, p, hw, cPrev, dh, dc);
    double[][] b = run(vector, units, p, hw, cPrev, dh, dc);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], "output " + i + " for H = " + units);
    }
  }

  @Provide
  Arbitrary<Double> scales() {
    return Arbitraries.of(1e-6, 1.0, 4.0, 30.0, 800.0);
  }

  /** {z, c, tanh c, h, ∂z, ∂c_{t−1}} of one forward and backward at offset 3 in larger arrays. */
  private static double[][] run(LstmGates gates, int units, double[] p, double[] hw, double[] cPrev, double[] dh,
      double[] dc) {
    int o = 3;
    double[] z = shifted(p, o);
    double[] c = new double[units + o];
    double[] tc = new double[units + o];
    double[] h = new double[units + o];
    gates.forward(units, z, o, shifted(hw, o), o, shifted(cPrev, o), o, c, o, tc, o, h, o);
    double[] dz = new double[4 * units + o];
    double[] dcOut = shifted(dc, o);
    gates.backward(units, z, o, tc, o, shifted(cPrev, o), o, shifted(dh, o), o, dcOut, o, dz, o);
    return new double[][] {z, c, tc, h, dz, dcOut};
  }

  private static double[] shifted(double[] v, int offset) {
    double[] s = new double[v.length + offset];
    System.arraycopy(v, 0, s, offset, v.length);
    return s;
  }

  private static LstmGates loadVector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      return (LstmGates) Class.forName("purenet.tensor.VectorLstmGates").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new AssertionError("the vector module is present but VectorLstmGates does not load", e);
    }
  }

  /** |a − exact| in ulps of the exact value; equal infinities and equal zeros are 0. */
  private static double ulps(double a, double exact) {
    if (a == exact) {
      return 0;
    }
    return Math.abs(a - exact) / Math.ulp(exact);
  }

  /** 1/(1 + e^{−x}) to 40 digits, rounded to a double. */
  private static double exactSigmoid(double x) {
    if (x > 40) {
      return 1.0;   // 1 − e^{−40} ≈ 1 − 4e-18 rounds to 1
    }
    if (x < -760 || Double.isInfinite(x)) {
      return x > 0 ? 1.0 : 0.0;
    }
    BigDecimal e = exp(new BigDecimal(-x));
    return BigDecimal.ONE.divide(BigDecimal.ONE.add(e), MC).doubleValue();
  }

  /** tanh x to 40 digits, rounded to a double. */
  private static double exactTanh(double x) {
    if (Math.abs(x) > 30 || Double.isInfinite(x)) {
      return Math.signum(x);   // 1 − tanh 30 ≈ 2e-26
    }
    if (Math.abs(x) < 1e-9) {
      return x;   // tanh x = x(1 − x²/3 + …): the relative correction is below 1e-18
    }
    BigDecimal e = exp(new BigDecimal(2 * x));
    return e.subtract(BigDecimal.ONE).divide(e.add(BigDecimal.ONE), MC).doubleValue();
  }

  /** e^x to 40 digits: the Taylor series of x/2^k, squared k times. */
  private static BigDecimal exp(BigDecimal x) {
    int k = 0;
    BigDecimal y = x;
    BigDecimal two = BigDecimal.valueOf(2);
    while (y.abs().compareTo(new BigDecimal("0.01")) > 0) {
      y = y.divide(two, MC);
      k++;
    }
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    for (int n = 1; n < 30; n++) {
      term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
      sum = sum.add(term, MC);
    }
    for (int i = 0; i < k; i++) {
      sum = sum.multiply(sum, MC);
    }
    return sum;
  }
}
