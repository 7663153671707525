package purenet.tensor;

import java.util.function.Predicate;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FiniteScan} with the Vector API: four vector accumulators of {@code fma(v, 0, s)}, whose
 * lanes are ±0 while every element is finite and NaN once one is not; the ragged end is scalar.
 * Loaded only by {@link FiniteScan}, by name ({@link VectorModule}), when the module {@code jdk.incubator.vector} is present.
 */
final class VectorFiniteScan implements Predicate<double[]> {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** {@return whether every element of {@code values} is finite} */
  @Override
  public boolean test(double[] values) {
    DoubleVector zero = DoubleVector.zero(S);
    DoubleVector s0 = zero;
    DoubleVector s1 = zero;
    DoubleVector s2 = zero;
    DoubleVector s3 = zero;
    int i = 0;
    for (int end = values.length - 4 * L; i <= end; i += 4 * L) {
      s0 = DoubleVector.fromArray(S, values, i).fma(zero, s0);
      s1 = DoubleVector.fromArray(S, values, i + L).fma(zero, s1);
      s2 = DoubleVector.fromArray(S, values, i + 2 * L).fma(zero, s2);
      s3 = DoubleVector.fromArray(S, values, i + 3 * L).fma(zero, s3);
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < values.length; i++) {
      s += values[i] * 0.0;
    }
    return s == 0;
  }
}
