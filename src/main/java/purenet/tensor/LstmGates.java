package purenet.tensor;

/**
 * The elementwise part of an LSTM step over one row of the batch (one sequence, H units): the gate
 * activations, the cell and the hidden state forward, and the gate gradients backward (the formulas
 * of {@link LstmRecurrence}). Both the fused pass and the step-by-step path call it, so both give the
 * same bits.
 *
 * <p>σ and tanh are computed here from one polynomial for e^r − 1 rather than by {@code Math.exp}
 * and {@code Math.tanh}: {@code Math.tanh} is a native call (≈ 25 ns, two per unit and step, which
 * made the gate loop cost more than all products of the step together) and neither vectorises.
 * Every operation below is an IEEE addition, multiplication, division, fused multiply-add,
 * comparison or bit manipulation of the exponent, each exactly rounded, so the Vector API
 * implementation ({@code VectorLstmGates}, used when the module {@code jdk.incubator.vector} is
 * present) gives the same bits lane for lane as the scalar one ({@link Scalar}), on any JIT tier.
 *
 * <p>Accuracy (measured against {@code Math.exp}/{@code Math.tanh} in {@code LstmGatesTest}):
 * σ within 4 ulp and tanh within 4 ulp over the whole double range.
 *
 * <p>e^y for y ≤ 0: k = round(y·log₂e), r = y − k·ln 2 (in two parts, |r| ≤ ln 2 / 2), e^r − 1 =
 * r + r²·P(r) with P the Taylor polynomial of degree 11 of (e^r − 1 − r)/r² (truncation below
 * 10⁻¹⁷ relative), then scaled by 2^k in two factors, so that results down to the subnormals are
 * right. Then σ(x) = {1 or e^{−|x|}}/(1 + e^{−|x|}) and tanh(x) = sign(x)·(−m)/(2 + m) with
 * m = e^{−2|x|} − 1 = 2^k·(e^r − 1) + (2^k − 1).
 */
interface LstmGates {

  /**
   * The forward of one row: on entry {@code z} holds the input side p of the four gate blocks
   * [i, f, g, o] (4H, at {@code zOff}), on exit their activations σ(p + r), σ, tanh, σ with r the
   * recurrent side ({@code hw}); then c = f ⊙ c_prev + i ⊙ g, tanh c and h = o ⊙ tanh c (H each).
   */
  void forward(int units, double[] z, int zOff, double[] hw, int hwOff, double[] cPrev, int cPrevOff,
      double[] c, int cOff, double[] tanhC, int tanhCOff, double[] h, int hOff);

  /**
   * The backward of one row, from the activations {@code gates} (4H), tanh c_t and c_{t−1} (H each):
   * with ∂h = {@code dh} (H) and ∂L/∂c_t = {@code dc} (H) on entry, writes ∂z (4H) and leaves
   * ∂L/∂c_{t−1} in {@code dc}.
   */
  void backward(int units, double[] gates, int gOff, double[] tanhC, int tanhCOff, double[] cPrev,
      int cPrevOff, double[] dh, int dhOff, double[] dc, int dcOff, double[] dz, int dzOff);

  /** The implementation for this run: the Vector API one when its module is present, else {@link Scalar}. */
  static LstmGates get() {
    return Loaded.INSTANCE;
  }

  /** log₂ e. */
  double LOG2E = 0x1.71547652b82fep0;
  /** ln 2 rounded to a double, and the rest. */
  double LN2_HI = 0x1.62e42fefa39efp-1;
  /** ln 2 − {@link #LN2_HI}. */
  double LN2_LO = 0x1.abc9e3b39803fp-56;
  /** 1.5·2⁵²: adding it rounds a value below 2⁵¹ in magnitude to an integer, held in the low bits. */
  double SHIFTER = 0x1.8p52;
  /** Below this, e^y is under half the smallest subnormal: the clamp keeps 2^k representable in two factors. */
  double EXP_FLOOR = -746.0;
  /** Above this |x|, tanh x rounds to ±1 (and e^{−2|x|} stays a normal number). */
  double TANH_CEILING = 20.0;
  /** 1/n!: C_n is the coefficient of r^(n−2) in P(r) = (e^r − 1 − r)/r². */
  double C2 = 1.0 / 2;
  /** 1/3!. */
  double C3 = 1.0 / 6;
  /** 1/4!. */
  double C4 = 1.0 / 24;
  /** 1/5!. */
  double C5 = 1.0 / 120;
  /** 1/6!. */
  double C6 = 1.0 / 720;
  /** 1/7!. */
  double C7 = 1.0 / 5040;
  /** 1/8!. */
  double C8 = 1.0 / 40320;
  /** 1/9!. */
  double C9 = 1.0 / 362880;
  /** 1/10!. */
  double C10 = 1.0 / 3628800;
  /** 1/11!. */
  double C11 = 1.0 / 39916800;
  /** 1/12!. */
  double C12 = 1.0 / 479001600;
  /** 1/13!. */
  double C13 = 1.0 / 6227020800L;

  /** σ(x) = 1/(1 + e^{−x}), as described above. */
  static double sigmoid(double x) {
    double e = expNonPositive(-Math.abs(x));
    return (x >= 0 ? 1.0 : e) / (1.0 + e);
  }

  /** tanh x, as described above. */
  static double tanh(double x) {
    double y = -2.0 * Math.min(Math.abs(x), TANH_CEILING);
    double t = Math.fma(y, LOG2E, SHIFTER);
    double kd = t - SHIFTER;
    double q = expm1Reduced(reduce(y, kd));
    double s = Double.longBitsToDouble((Double.doubleToRawLongBits(t) - Double.doubleToRawLongBits(SHIFTER) + 1023) << 52);
    double m = Math.fma(s, q, s - 1.0);
    return Math.copySign(-m / (2.0 + m), x);
  }

  /** e^y for y ≤ 0 (NaN for NaN). */
  static double expNonPositive(double y) {
    y = Math.max(y, EXP_FLOOR);
    double t = Math.fma(y, LOG2E, SHIFTER);
    double kd = t - SHIFTER;
    double q = expm1Reduced(reduce(y, kd));
    long k = Double.doubleToRawLongBits(t) - Double.doubleToRawLongBits(SHIFTER);
    long k1 = k >> 1;
    double s1 = Double.longBitsToDouble((k1 + 1023) << 52);
    double s2 = Double.longBitsToDouble((k - k1 + 1023) << 52);
    return Math.fma(q, s1, s1) * s2;
  }

  /** r = y − k·ln 2, in two fused steps. */
  static double reduce(double y, double kd) {
    return Math.fma(kd, -LN2_LO, Math.fma(kd, -LN2_HI, y));
  }

  /** e^r − 1 for |r| ≤ ln 2 / 2: r + r²·P(r), P by Horner from the highest coefficient. */
  static double expm1Reduced(double r) {
    double p = Math.fma(C13, r, C12);
    p = Math.fma(p, r, C11);
    p = Math.fma(p, r, C10);
    p = Math.fma(p, r, C9);
    p = Math.fma(p, r, C8);
    p = Math.fma(p, r, C7);
    p = Math.fma(p, r, C6);
    p = Math.fma(p, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    return Math.fma(r * r, p, r);
  }

  /** The scalar implementation: the definition the vector one follows operation for operation. */
  final class Scalar implements LstmGates {
    @Override
    public void forward(int units, double[] z, int zOff, double[] hw, int hwOff, double[] cPrev, int cPrevOff,
        double[] c, int cOff, double[] tanhC, int tanhCOff, double[] h, int hOff) {
      for (int j = 0; j < units; j++) {
        forwardUnit(units, j, z, zOff, hw, hwOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, h, hOff);
      }
    }

    @Override
    public void backward(int units, double[] gates, int gOff, double[] tanhC, int tanhCOff, double[] cPrev,
        int cPrevOff, double[] dh, int dhOff, double[] dc, int dcOff, double[] dz, int dzOff) {
      for (int j = 0; j < units; j++) {
        backwardUnit(units, j, gates, gOff, tanhC, tanhCOff, cPrev, cPrevOff, dh, dhOff, dc, dcOff, dz, dzOff);
      }
    }

    /** Unit j of {@link #forward}; the vector implementation's tail too. */
    static void forwardUnit(int units, int j, double[] z, int zOff, double[] hw, int hwOff, double[] cPrev,
        int cPrevOff, double[] c, int cOff, double[] tanhC, int tanhCOff, double[] h, int hOff) {
      int q = zOff + j;
      int r = hwOff + j;
      // z = p + h·W_h, in that order, then the activations in place of p.
      double i = sigmoid(z[q] + hw[r]);
      double f = sigmoid(z[q + units] + hw[r + units]);
      double g = tanh(z[q + 2 * units] + hw[r + 2 * units]);
      double o = sigmoid(z[q + 3 * units] + hw[r + 3 * units]);
      z[q] = i;
      z[q + units] = f;
      z[q + 2 * units] = g;
      z[q + 3 * units] = o;
      double cv = f * cPrev[cPrevOff + j] + i * g;
      double tc = tanh(cv);
      c[cOff + j] = cv;
      tanhC[tanhCOff + j] = tc;
      h[hOff + j] = o * tc;
    }

    /** Unit j of {@link #backward}; the vector implementation's tail too. */
    static void backwardUnit(int units, int j, double[] gates, int gOff, double[] tanhC, int tanhCOff,
        double[] cPrev, int cPrevOff, double[] dh, int dhOff, double[] dc, int dcOff, double[] dz, int dzOff) {
      int q = gOff + j;
      double i = gates[q];
      double f = gates[q + units];
      double g = gates[q + 2 * units];
      double o = gates[q + 3 * units];
      double tc = tanhC[tanhCOff + j];
      double dhv = dh[dhOff + j];
      double dcv = dc[dcOff + j] + dhv * o * (1 - tc * tc);
      int d = dzOff + j;
      dz[d] = dcv * g * i * (1 - i);
      dz[d + units] = dcv * cPrev[cPrevOff + j] * f * (1 - f);
      dz[d + 2 * units] = dcv * i * (1 - g * g);
      dz[d + 3 * units] = dhv * tc * o * (1 - o);
      dc[dcOff + j] = dcv * f;
    }
  }

  /** Holds the implementation, chosen once. */
  final class Loaded {
    static final LstmGates INSTANCE = load();

    private Loaded() {}

    private static LstmGates load() {
      return VectorModule.load("VectorLstmGates", LstmGates.class).orElseGet(Scalar::new);
    }
  }
}
