package purenet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector micro-kernel 4 rows x 4 vectors. */
final class VectorGemmC4x4 implements MicroKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 4;
  private static final int NR = 4 * L;

  @Override public int mr() { return MR; }
  @Override public int nr() { return NR; }
  @Override public String name() { return "vectorC " + MR + "x" + NR; }

  @Override
  public void tile(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc) {
    DoubleVector c00 = DoubleVector.fromArray(S, c, cOff + 0 * ldc + 0 * L); DoubleVector c01 = DoubleVector.fromArray(S, c, cOff + 0 * ldc + 1 * L); DoubleVector c02 = DoubleVector.fromArray(S, c, cOff + 0 * ldc + 2 * L); DoubleVector c03 = DoubleVector.fromArray(S, c, cOff + 0 * ldc + 3 * L);
    DoubleVector c10 = DoubleVector.fromArray(S, c, cOff + 1 * ldc + 0 * L); DoubleVector c11 = DoubleVector.fromArray(S, c, cOff + 1 * ldc + 1 * L); DoubleVector c12 = DoubleVector.fromArray(S, c, cOff + 1 * ldc + 2 * L); DoubleVector c13 = DoubleVector.fromArray(S, c, cOff + 1 * ldc + 3 * L);
    DoubleVector c20 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 0 * L); DoubleVector c21 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 1 * L); DoubleVector c22 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 2 * L); DoubleVector c23 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 3 * L);
    DoubleVector c30 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 0 * L); DoubleVector c31 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 1 * L); DoubleVector c32 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 2 * L); DoubleVector c33 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 3 * L);
    for (int p = 0; p < kc; p++) {
      int bp = bOff + p * NR;
      int ap = aOff + p * MR;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp + 0 * L);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + 1 * L);
      DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
      DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
      DoubleVector a0 = DoubleVector.broadcast(S, a[ap + 0]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      c02 = a0.fma(b2, c02);
      c03 = a0.fma(b3, c03);
      DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      c12 = a1.fma(b2, c12);
      c13 = a1.fma(b3, c13);
      DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      c22 = a2.fma(b2, c22);
      c23 = a2.fma(b3, c23);
      DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      c32 = a3.fma(b2, c32);
      c33 = a3.fma(b3, c33);
    }
    c00.intoArray(c, cOff + 0 * ldc + 0 * L);
    c01.intoArray(c, cOff + 0 * ldc + 1 * L);
    c02.intoArray(c, cOff + 0 * ldc + 2 * L);
    c03.intoArray(c, cOff + 0 * ldc + 3 * L);
    c10.intoArray(c, cOff + 1 * ldc + 0 * L);
    c11.intoArray(c, cOff + 1 * ldc + 1 * L);
    c12.intoArray(c, cOff + 1 * ldc + 2 * L);
    c13.intoArray(c, cOff + 1 * ldc + 3 * L);
    c20.intoArray(c, cOff + 2 * ldc + 0 * L);
    c21.intoArray(c, cOff + 2 * ldc + 1 * L);
    c22.intoArray(c, cOff + 2 * ldc + 2 * L);
    c23.intoArray(c, cOff + 2 * ldc + 3 * L);
    c30.intoArray(c, cOff + 3 * ldc + 0 * L);
    c31.intoArray(c, cOff + 3 * ldc + 1 * L);
    c32.intoArray(c, cOff + 3 * ldc + 2 * L);
    c33.intoArray(c, cOff + 3 * ldc + 3 * L);
  }
}
