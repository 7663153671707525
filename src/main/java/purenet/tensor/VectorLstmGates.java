package purenet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LstmGates} with the Vector API: the scalar definition ({@link LstmGates.Scalar}) lane for
 * lane, operation for operation (every operation exactly rounded, so the bits are the same), over
 * whole vectors of units; the units past the last whole vector go through the scalar code. Loaded
 * by name ({@link VectorModule}) by {@link LstmGates#get()} when the module {@code jdk.incubator.vector} is present.
 */
final class VectorLstmGates implements LstmGates {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
  private static final long SIGN = Long.MIN_VALUE;

  // Four small loops rather than one: with all five activations inlined into one loop body, C2
  // left some vector operations un-intrinsified and boxed vectors on every iteration.
  @Override
  public void forward(int units, double[] z, int zOff, double[] hw, int hwOff, double[] cPrev, int cPrevOff,
      double[] c, int cOff, double[] tanhC, int tanhCOff, double[] h, int hOff) {
    int whole = units - units % L;
    if (whole > 0) {
      sigmoids(whole, z, zOff, hw, hwOff);
      sigmoids(whole, z, zOff + units, hw, hwOff + units);
      tanhs(whole, z, zOff + 2 * units, hw, hwOff + 2 * units);
      sigmoids(whole, z, zOff + 3 * units, hw, hwOff + 3 * units);
      cells(whole, units, z, zOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, h, hOff);
    }
    for (int j = whole; j < units; j++) {
      Scalar.forwardUnit(units, j, z, zOff, hw, hwOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, h, hOff);
    }
  }

  /** z[j] = σ(z[j] + hw[j]) for j < n, a multiple of the vector length. */
  private static void sigmoids(int n, double[] z, int zOff, double[] hw, int hwOff) {
    for (int j = 0; j < n; j += L) {
      sigmoid(DoubleVector.fromArray(S, z, zOff + j).add(DoubleVector.fromArray(S, hw, hwOff + j)))
          .intoArray(z, zOff + j);
    }
  }

  /** z[j] = tanh(z[j] + hw[j]) for j < n, a multiple of the vector length. */
  private static void tanhs(int n, double[] z, int zOff, double[] hw, int hwOff) {
    for (int j = 0; j < n; j += L) {
      tanh(DoubleVector.fromArray(S, z, zOff + j).add(DoubleVector.fromArray(S, hw, hwOff + j)))
          .intoArray(z, zOff + j);
    }
  }

  /** c = f ⊙ c_prev + i ⊙ g, tanh c and h = o ⊙ tanh c for the first n units, from the activations. */
  private static void cells(int n, int units, double[] z, int zOff, double[] cPrev, int cPrevOff, double[] c,
      int cOff, double[] tanhC, int tanhCOff, double[] h, int hOff) {
    for (int j = 0; j < n; j += L) {
      int q = zOff + j;
      DoubleVector i = DoubleVector.fromArray(S, z, q);
      DoubleVector f = DoubleVector.fromArray(S, z, q + units);
      DoubleVector g = DoubleVector.fromArray(S, z, q + 2 * units);
      DoubleVector o = DoubleVector.fromArray(S, z, q + 3 * units);
      DoubleVector cv = f.mul(DoubleVector.fromArray(S, cPrev, cPrevOff + j)).add(i.mul(g));
      DoubleVector tc = tanh(cv);
      cv.intoArray(c, cOff + j);
      tc.intoArray(tanhC, tanhCOff + j);
      o.mul(tc).intoArray(h, hOff + j);
    }
  }

  @Override
  public void backward(int units, double[] gates, int gOff, double[] tanhC, int tanhCOff, double[] cPrev,
      int cPrevOff, double[] dh, int dhOff, double[] dc, int dcOff, double[] dz, int dzOff) {
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    int j = 0;
    for (; j + L <= units; j += L) {
      int q = gOff + j;
      DoubleVector i = DoubleVector.fromArray(S, gates, q);
      DoubleVector f = DoubleVector.fromArray(S, gates, q + units);
      DoubleVector g = DoubleVector.fromArray(S, gates, q + 2 * units);
      DoubleVector o = DoubleVector.fromArray(S, gates, q + 3 * units);
      DoubleVector tc = DoubleVector.fromArray(S, tanhC, tanhCOff + j);
      DoubleVector dhv = DoubleVector.fromArray(S, dh, dhOff + j);
      DoubleVector dcv = DoubleVector.fromArray(S, dc, dcOff + j).add(dhv.mul(o).mul(one.sub(tc.mul(tc))));
      int d = dzOff + j;
      dcv.mul(g).mul(i).mul(one.sub(i)).intoArray(dz, d);
      dcv.mul(DoubleVector.fromArray(S, cPrev, cPrevOff + j)).mul(f).mul(one.sub(f)).intoArray(dz, d + units);
      dcv.mul(i).mul(one.sub(g.mul(g))).intoArray(dz, d + 2 * units);
      dhv.mul(tc).mul(o).mul(one.sub(o)).intoArray(dz, d + 3 * units);
      dcv.mul(f).intoArray(dc, dcOff + j);
    }
    for (; j < units; j++) {
      Scalar.backwardUnit(units, j, gates, gOff, tanhC, tanhCOff, cPrev, cPrevOff, dh, dhOff, dc, dcOff, dz, dzOff);
    }
  }

  /** {@link LstmGates#sigmoid}, lane for lane. */
  private static DoubleVector sigmoid(DoubleVector x) {
    DoubleVector e = expNonPositive(x.abs().neg());
    VectorMask<Double> nonNegative = x.compare(VectorOperators.GE, 0.0);
    return e.blend(1.0, nonNegative).div(e.add(1.0));
  }

  /** {@link LstmGates#tanh}, lane for lane. */
  private static DoubleVector tanh(DoubleVector x) {
    DoubleVector y = x.abs().min(TANH_CEILING).mul(-2.0);
    DoubleVector t = y.fma(LOG2E, SHIFTER);
    DoubleVector q = expm1Reduced(reduce(y, t.sub(SHIFTER)));
    DoubleVector s = t.viewAsIntegralLanes().sub(SHIFTER_BITS).add(1023).lanewise(VectorOperators.LSHL, 52)
        .viewAsFloatingLanes();
    DoubleVector m = s.fma(q, s.sub(1.0));
    DoubleVector magnitude = m.neg().div(m.add(2.0));
    LongVector bits = magnitude.viewAsIntegralLanes().and(~SIGN).or(x.viewAsIntegralLanes().and(SIGN));
    return bits.viewAsFloatingLanes();
  }

  /** {@link LstmGates#expNonPositive}, lane for lane. */
  private static DoubleVector expNonPositive(DoubleVector y) {
    y = y.max(EXP_FLOOR);
    DoubleVector t = y.fma(LOG2E, SHIFTER);
    DoubleVector q = expm1Reduced(reduce(y, t.sub(SHIFTER)));
    LongVector k = t.viewAsIntegralLanes().sub(SHIFTER_BITS);
    LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
    DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    DoubleVector s2 = k.sub(k1).add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    return q.fma(s1, s1).mul(s2);
  }

  /** {@link LstmGates#reduce}, lane for lane. */
  private static DoubleVector reduce(DoubleVector y, DoubleVector kd) {
    return kd.fma(DoubleVector.broadcast(S, -LN2_LO), kd.fma(DoubleVector.broadcast(S, -LN2_HI), y));
  }

  /** {@link LstmGates#expm1Reduced}, lane for lane. */
  private static DoubleVector expm1Reduced(DoubleVector r) {
    DoubleVector p = r.fma(C13, C12);
    p = p.fma(r, DoubleVector.broadcast(S, C11));
    p = p.fma(r, DoubleVector.broadcast(S, C10));
    p = p.fma(r, DoubleVector.broadcast(S, C9));
    p = p.fma(r, DoubleVector.broadcast(S, C8));
    p = p.fma(r, DoubleVector.broadcast(S, C7));
    p = p.fma(r, DoubleVector.broadcast(S, C6));
    p = p.fma(r, DoubleVector.broadcast(S, C5));
    p = p.fma(r, DoubleVector.broadcast(S, C4));
    p = p.fma(r, DoubleVector.broadcast(S, C3));
    p = p.fma(r, DoubleVector.broadcast(S, C2));
    return r.mul(r).fma(p, r);
  }
}
