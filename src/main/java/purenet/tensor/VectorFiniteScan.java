package purenet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FiniteScan} with the Vector API: four vector accumulators of {@code fma(v, 0, s)}, whose
 * lanes are ±0 while every element is finite and NaN once one is not; the ragged end is scalar.
 * Loaded only by {@link FiniteScan}, by name ({@link VectorModule}), when the module {@code jdk.incubator.vector} is present.
 */
final class VectorFiniteScan implements FiniteScan.Kernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public boolean test(double[] values, int from, int to) {
    DoubleVector zero = DoubleVector.zero(S);
    DoubleVector s0 = zero;
    DoubleVector s1 = zero;
    DoubleVector s2 = zero;
    DoubleVector s3 = zero;
    int i = from;
    for (int end = to - 4 * L; i <= end; i += 4 * L) {
      s0 = DoubleVector.fromArray(S, values, i).fma(zero, s0);
      s1 = DoubleVector.fromArray(S, values, i + L).fma(zero, s1);
      s2 = DoubleVector.fromArray(S, values, i + 2 * L).fma(zero, s2);
      s3 = DoubleVector.fromArray(S, values, i + 3 * L).fma(zero, s3);
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < to; i++) {
      s += values[i] * 0.0;
    }
    return s == 0;
  }
}
