package purenet.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Laws of the projections: the result lies in the set, projecting twice is projecting once, and
 * points inside the set are unchanged. Unit norms are computed here independently of the library
 * (element by element, grouping by the indices off the norm axes).
 */
class ConstraintLaws {

  /** Rounding of a norm computed over at most 6⁴ elements and one rescaling: 1e-12 relative. */
  private static final double TOL = 1e-12;

  /** A weight tensor of rank 1..4 with a non-empty set of norm axes. */
  record Case(Tensor w, Vector<Integer> axes) {}

  @Provide
  Arbitrary<Case> cases() {
    return RegularizeArbitraries.shapes(4).flatMap(shape -> {
      int rank = shape.rank();
      Arbitrary<Vector<Integer>> axes = Combinators.combine(
          Arbitraries.integers().between(0, rank - 1),
          Arbitraries.of(true, false).list().ofSize(rank)).as((first, more) -> {
            Vector<Integer> chosen = Vector.empty();
            for (int a = 0; a < rank; a++) {
              if (a == first || more.get(a)) {
                chosen = chosen.append(a);
              }
            }
            return chosen;
          });
      return Combinators.combine(RegularizeArbitraries.tensors(shape, -3, 3), axes).as(Case::new);
    });
  }

  @Provide
  Arbitrary<Double> bounds() {
    return Arbitraries.doubles().between(0.1, 5).ofScale(4);
  }

  // ---------------------------------------------------------------- max-norm

  @Property(tries = 200)
  void maxNormResultIsInsideTheBall(@ForAll("cases") Case c, @ForAll("bounds") double max) {
    Tensor p = new MaxNorm(max, c.axes()).apply(c.w());
    for (double n : unitNorms(p, c.axes()).norms()) {
      assertTrue(n <= max * (1 + TOL), () -> "norm " + n + " above " + max);
    }
  }

  @Property(tries = 200)
  void maxNormKeepsEachUnitsDirection(@ForAll("cases") Case c, @ForAll("bounds") double max) {
    Tensor p = new MaxNorm(max, c.axes()).apply(c.w());
    Units before = unitNorms(c.w(), c.axes());
    double[] w = c.w().toArray();
    double[] q = p.toArray();
    for (int i = 0; i < w.length; i++) {
      double n = before.norms()[before.unitOf()[i]];
      double expected = n > max ? w[i] * (max / n) : w[i];
      assertEquals(expected, q[i], TOL * Math.abs(w[i]));
    }
  }

  @Property(tries = 200)
  void maxNormIsIdempotent(@ForAll("cases") Case c, @ForAll("bounds") double max) {
    MaxNorm m = new MaxNorm(max, c.axes());
    Tensor once = m.apply(c.w());
    assertTrue(m.apply(once).allClose(once, TOL, TOL));
  }

  @Property(tries = 200)
  void maxNormIsTheIdentityInsideTheBall(@ForAll("cases") Case c, @ForAll("bounds") double max,
      @ForAll @DoubleRange(min = 0, max = 0.99) double shrink) {
    MaxNorm m = new MaxNorm(max, c.axes());
    Tensor inside = m.apply(c.w()).mul(shrink);
    assertEquals(inside, m.apply(inside), "points strictly inside are returned bit for bit");
  }

  // ---------------------------------------------------------------- unit norm

  @Property(tries = 200)
  void unitNormResultIsOnTheSphere(@ForAll("cases") Case c) {
    Tensor p = UnitNorm.of(c.axes().toJavaArray(Integer[]::new)).apply(c.w());
    Units before = unitNorms(c.w(), c.axes());
    Units after = unitNorms(p, c.axes());
    for (int u = 0; u < after.norms().length; u++) {
      double expected = before.norms()[u] == 0 ? 0 : 1;
      assertEquals(expected, after.norms()[u], TOL);
    }
  }

  @Property(tries = 200)
  void unitNormIsIdempotentAndTheIdentityOnTheSphere(@ForAll("cases") Case c) {
    UnitNorm m = new UnitNorm(c.axes());
    Tensor onSphere = m.apply(c.w());
    assertTrue(m.apply(onSphere).allClose(onSphere, TOL, TOL));
  }

  // ---------------------------------------------------------------- min-max norm

  @Property(tries = 200)
  void minMaxNormResultIsInsideTheShell(@ForAll("cases") Case c, @ForAll("bounds") double min,
      @ForAll("bounds") double width) {
    double max = min + width;
    Tensor p = new MinMaxNorm(min, max, c.axes()).apply(c.w());
    Units before = unitNorms(c.w(), c.axes());
    Units after = unitNorms(p, c.axes());
    for (int u = 0; u < after.norms().length; u++) {
      double n = after.norms()[u];
      if (before.norms()[u] == 0) {
        assertEquals(0.0, n, "a zero unit has no direction and stays zero");
      } else {
        assertTrue(n >= min * (1 - TOL) && n <= max * (1 + TOL), () -> "norm " + n + " outside [" + min + ", " + max + "]");
      }
    }
  }

  @Property(tries = 200)
  void minMaxNormIsIdempotent(@ForAll("cases") Case c, @ForAll("bounds") double min, @ForAll("bounds") double width) {
    MinMaxNorm m = new MinMaxNorm(min, min + width, c.axes());
    Tensor once = m.apply(c.w());
    assertTrue(m.apply(once).allClose(once, TOL, TOL));
  }

  @Property(tries = 200)
  void minMaxNormIsTheIdentityInsideTheShell(@ForAll("cases") Case c, @ForAll("bounds") double min,
      @ForAll("bounds") double width, @ForAll @DoubleRange(min = 0.01, max = 0.99) double t) {
    double max = min + width;
    // Every unit rescaled to the norm min + t·(max - min), strictly inside the shell.
    Units units = unitNorms(c.w(), c.axes());
    double target = min + t * (max - min);
    double[] w = c.w().toArray();
    for (int i = 0; i < w.length; i++) {
      double n = units.norms()[units.unitOf()[i]];
      w[i] = n == 0 ? 0 : w[i] * (target / n);
    }
    Tensor inside = Tensor.of(w, c.w().shape());
    assertEquals(inside, new MinMaxNorm(min, max, c.axes()).apply(inside));
  }

  // ---------------------------------------------------------------- non-negativity

  @Property(tries = 200)
  void nonNegIsAProjectionOntoTheOrthant(@ForAll("cases") Case c) {
    NonNeg m = new NonNeg();
    Tensor p = m.apply(c.w());
    assertTrue(p.min() >= 0);
    assertEquals(p, m.apply(p), "idempotent, and the identity on its own results");
    Tensor inside = c.w().abs();
    assertEquals(inside, m.apply(inside), "the identity on non-negative points");
    assertEquals(c.w().map(v -> Math.max(v, 0)), p);
  }

  // ---------------------------------------------------------------- trees and bad values

  @Property(tries = 200)
  void treeConstraintTouchesOnlySelectedLeaves(@ForAll("params") Tree params, @ForAll("bounds") double max) {
    Tree projected = MaxNorm.of(max).onWeights().andThen(new NonNeg().where(Selector.named("gamma"))).apply(params);
    assertTrue(projected.sameStructure(params));
    assertEquals(MaxNorm.of(max).apply(params.tensor("0/weight")), projected.tensor("0/weight"));
    assertEquals(MaxNorm.of(max).apply(params.tensor("2/weight")), projected.tensor("2/weight"));
    assertEquals(params.tensor("0/bias"), projected.tensor("0/bias"));
    assertEquals(params.tensor("3/beta"), projected.tensor("3/beta"));
    assertEquals(new NonNeg().apply(params.tensor("3/gamma")), projected.tensor("3/gamma"));
    assertEquals(params, TreeConstraint.none().apply(params));
  }

  @Provide
  Arbitrary<Tree> params() {
    return RegularizeArbitraries.networkParams();
  }

  @Property(tries = 200)
  void nonPositiveBoundsFailNamingTheValue(@ForAll @DoubleRange(min = -10, max = 0) double bad) {
    String value = String.valueOf(bad);
    PenaltyLaws.assertContains(PenaltyLaws.failure(() -> MaxNorm.of(bad)), "max-norm", value);
    PenaltyLaws.assertContains(PenaltyLaws.failure(() -> MinMaxNorm.of(0, bad)), "MinMaxNorm max", value);
  }

  // ---------------------------------------------------------------- the reference norms

  /**
   * The norm of every unit and the unit of every element.
   *
   * @param norms  ‖w_u‖ per unit u
   * @param unitOf the unit of each row-major element
   */
  record Units(double[] norms, int[] unitOf) {}

  /** Unit norms by brute force: the unit of an element is its index with the norm axes dropped. */
  static Units unitNorms(Tensor w, Vector<Integer> axes) {
    int[] dims = w.dims();
    int units = 1;
    for (int a = 0; a < dims.length; a++) {
      if (!axes.contains(a)) {
        units *= dims[a];
      }
    }
    double[] sums = new double[units];
    int[] unitOf = new int[w.size()];
    double[] x = w.toArray();
    int[] idx = new int[dims.length];
    for (int i = 0; i < x.length; i++) {
      int rest = i;
      for (int a = dims.length - 1; a >= 0; a--) {
        idx[a] = rest % dims[a];
        rest /= dims[a];
      }
      int u = 0;
      for (int a = 0; a < dims.length; a++) {
        if (!axes.contains(a)) {
          u = u * dims[a] + idx[a];
        }
      }
      unitOf[i] = u;
      sums[u] += x[i] * x[i];
    }
    for (int u = 0; u < units; u++) {
      sums[u] = Math.sqrt(sums[u]);
    }
    return new Units(sums, unitOf);
  }

  @Property(tries = 200)
  void denseDefaultNormsAreColumns(@ForAll("matrices") Tensor w) {
    Units units = unitNorms(w, Vector.of(0));
    assertEquals(w.dim(1), units.norms().length, "one unit per output column");
    for (int j = 0; j < w.dim(1); j++) {
      double s = 0;
      for (int i = 0; i < w.dim(0); i++) {
        s += w.get(i, j) * w.get(i, j);
      }
      assertEquals(Math.sqrt(s), units.norms()[j], 1e-12 * (1 + Math.sqrt(s)));
    }
    Tensor p = MaxNorm.of(1.0).apply(w);
    for (int j = 0; j < w.dim(1); j++) {
      double s = 0;
      for (int i = 0; i < w.dim(0); i++) {
        s += p.get(i, j) * p.get(i, j);
      }
      assertTrue(Math.sqrt(s) <= 1 + TOL);
    }
  }

  @Provide
  Arbitrary<Tensor> matrices() {
    return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 6))
        .flatAs((r, k) -> RegularizeArbitraries.tensors(Shape.of(r, k), -3, 3));
  }
}
