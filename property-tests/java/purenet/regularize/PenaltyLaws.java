package purenet.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.Tuple2;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/** Laws of the weight penalties: values, gradients against finite differences, composition. */
class PenaltyLaws {

  private static final double H = 1e-6;

  @Provide
  Arbitrary<Tensor> weights() {
    return RegularizeArbitraries.tensors(-3, 3);
  }

  /** L1 has a kink at 0: keep every |w| at least 0.01, far beyond the step 1e-6. */
  @Provide
  Arbitrary<Tensor> weightsAwayFromZero() {
    return RegularizeArbitraries.awayFromZero(0.01, 3);
  }

  @Provide
  Arbitrary<Double> lambdas() {
    return RegularizeArbitraries.lambdas();
  }

  @Provide
  Arbitrary<Tree> params() {
    return RegularizeArbitraries.networkParams();
  }

  @Provide
  Arbitrary<Regularizer> regularizers() {
    Arbitrary<Double> l = RegularizeArbitraries.lambdas();
    return Arbitraries.oneOf(l.map(L2::new), l.map(L1::new), Combinators.combine(l, l).as(ElasticNet::new));
  }

  @Property(tries = 200)
  void l2ValueIsHalfLambdaTimesSumOfSquares(@ForAll("weights") Tensor w, @ForAll("lambdas") double lambda) {
    double sum = 0;
    for (double v : w.toArray()) {
      sum += v * v;
    }
    Penalty p = new L2(lambda).apply(w);
    // The same terms in the same order: equal up to the rounding of the final products.
    assertEquals(lambda / 2 * sum, p.value(), 1e-14 * (1 + lambda * sum));
    assertEquals(w.mul(lambda), p.gradient());
  }

  @Property(tries = 200)
  void l1ValueIsLambdaTimesSumOfMagnitudesAndSubgradientIsLambdaSign(@ForAll("weights") Tensor w,
      @ForAll("lambdas") double lambda) {
    double sum = 0;
    for (double v : w.toArray()) {
      sum += Math.abs(v);
    }
    Penalty p = new L1(lambda).apply(w);
    assertEquals(lambda * sum, p.value(), 1e-14 * (1 + lambda * sum));
    double[] g = p.gradient().toArray();
    double[] x = w.toArray();
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i] > 0 ? lambda : x[i] < 0 ? -lambda : 0.0, g[i]);
    }
  }

  @Property(tries = 200)
  void elasticNetIsL1PlusL2(@ForAll("weights") Tensor w, @ForAll("lambdas") double l1, @ForAll("lambdas") double l2) {
    Penalty net = new ElasticNet(l1, l2).apply(w);
    Penalty sum = new L1(l1).plus(new L2(l2)).apply(w);
    // The same sums associated differently: relative 1e-12.
    assertEquals(sum.value(), net.value(), 1e-12 * (1 + Math.abs(sum.value())));
    assertTrue(net.gradient().allClose(sum.gradient(), 1e-12, 1e-12));
  }

  @Property(tries = 200)
  void gradientsEqualFiniteDifferences(@ForAll("regularizers") Regularizer r, @ForAll("weightsAwayFromZero") Tensor w) {
    Tensor numeric = RegularizeArbitraries.finiteDifferences(v -> r.apply(v).value(), w, H);
    Tensor analytic = r.apply(w).gradient();
    // Central differences of a (piecewise) quadratic are exact up to rounding: values stay below
    // ~2·256·9, so their rounding over 2h is below 1e-7; allow 1e-6 absolute plus 1e-6 relative.
    assertTrue(analytic.allClose(numeric, 1e-6, 1e-6), () -> "analytic " + analytic + " vs numeric " + numeric);
  }

  @Property(tries = 200)
  void l1SubgradientAtZeroIsZero(@ForAll("lambdas") double lambda, @ForAll("lambdas") double l2) {
    Tensor zero = Tensor.zeros(3, 2);
    assertEquals(zero, new L1(lambda).apply(zero).gradient());
    assertEquals(zero, new ElasticNet(lambda, l2).apply(zero).gradient());
    assertEquals(0.0, new L1(lambda).apply(zero).value());
  }

  @Property(tries = 200)
  void scaledAndPlusCombineValuesAndGradients(@ForAll("regularizers") Regularizer a, @ForAll("regularizers") Regularizer b,
      @ForAll("weights") Tensor w, @ForAll @DoubleRange(min = 0, max = 3) double c) {
    Penalty pa = a.apply(w);
    Penalty pb = b.apply(w);
    Penalty sum = a.plus(b).apply(w);
    Penalty scaled = a.scaled(c).apply(w);
    assertEquals(pa.value() + pb.value(), sum.value());
    assertEquals(pa.gradient().add(pb.gradient()), sum.gradient());
    assertEquals(c * pa.value(), scaled.value());
    assertEquals(pa.gradient().mul(c), scaled.gradient());
  }

  @Property(tries = 200)
  void penalizedWeightsSumsOverWeightLeavesOnly(@ForAll("params") Tree params, @ForAll("regularizers") Regularizer r) {
    TreePenalty p = Penalized.weights(r).apply(params);
    assertTrue(p.gradient().sameStructure(params));
    assertEquals(params.get("1"), p.gradient().get("1"), "the empty layer stays an empty node");
    double expected = 0;
    for (Tuple2<String, Tensor> leaf : params.flatten()) {
      Tensor g = p.gradient().tensor(leaf._1);
      if (leaf._1.endsWith("/weight")) {
        expected += r.apply(leaf._2).value();
        assertEquals(r.apply(leaf._2).gradient(), g);
      } else {
        assertEquals(Tensor.zeros(leaf._2.shape()), g, "gradient at " + leaf._1);
      }
    }
    assertEquals(expected, p.value());
  }

  @Property(tries = 200)
  void treeGradientEqualsFiniteDifferences(@ForAll("params") Tree params, @ForAll("lambdas") double l2,
      @ForAll("lambdas") double gamma) {
    Penalties penalties = PerLayer.weights().with("", new L2(l2)).with("2", new L2(2 * l2))
        .plus(Penalized.where(Selector.named("gamma"), new L2(gamma)));
    TreePenalty p = penalties.apply(params);
    for (Tuple2<String, Tensor> leaf : params.flatten()) {
      String path = leaf._1;
      Tensor numeric = RegularizeArbitraries.finiteDifferences(
          v -> penalties.apply(params.mapWhere(path::equals, t -> v)).value(), leaf._2, H);
      Tensor analytic = p.gradient().tensor(path);
      assertTrue(analytic.allClose(numeric, 1e-6, 1e-6), () -> path + ": " + analytic + " vs " + numeric);
    }
  }

  @Property(tries = 200)
  void perLayerLongestPrefixWins(@ForAll("params") Tree params, @ForAll("lambdas") double general,
      @ForAll("lambdas") double specific) {
    TreePenalty p = PerLayer.weights().with("", new L2(general)).with("2", new L1(specific)).apply(params);
    Tensor w0 = params.tensor("0/weight");
    Tensor w2 = params.tensor("2/weight");
    assertEquals(new L2(general).apply(w0).value() + new L1(specific).apply(w2).value(), p.value());
    assertEquals(w0.mul(general), p.gradient().tensor("0/weight"));
    assertEquals(new L1(specific).apply(w2).gradient(), p.gradient().tensor("2/weight"));
    assertEquals(Tensor.zeros(params.tensor("0/bias").shape()), p.gradient().tensor("0/bias"));
  }

  @Property(tries = 200)
  void softSharingIsHalfLambdaSquaredDistanceWithOppositeGradients(@ForAll("weights") Tensor a,
      @ForAll("lambdas") double lambda, @ForAll @DoubleRange(min = -1, max = 1) double shift) {
    Tensor b = a.map(v -> 0.5 * v + shift);
    Tree params = Tree.empty()
        .with("left", Tree.empty().with("weight", a).with("bias", a))
        .with("right", Tree.empty().with("weight", b).with("bias", b))
        .with("head", Tree.empty().with("weight", a));
    SoftSharing sharing = SoftSharing.weights("left", "right", lambda);
    TreePenalty p = sharing.apply(params);
    Tensor diff = a.sub(b);
    double squared = diff.dot(diff);
    assertEquals(0.5 * lambda * squared, p.value(), 1e-12 * (1 + lambda * squared));
    assertTrue(p.gradient().tensor("left/weight").allClose(diff.mul(lambda), 1e-12, 1e-12));
    assertTrue(p.gradient().tensor("right/weight").allClose(diff.mul(-lambda), 1e-12, 1e-12));
    assertEquals(Tensor.zeros(a.shape()), p.gradient().tensor("left/bias"), "biases are not tied");
    assertEquals(Tensor.zeros(a.shape()), p.gradient().tensor("head/weight"), "other layers are untouched");
    Tensor numeric = RegularizeArbitraries.finiteDifferences(
        v -> sharing.apply(params.mapWhere("left/weight"::equals, t -> v)).value(), a, H);
    assertTrue(p.gradient().tensor("left/weight").allClose(numeric, 1e-6, 1e-6));
    assertEquals(0.0, sharing.apply(params.mapWhere("right/weight"::equals, t -> a)).value());
  }

  @Property(tries = 200)
  void negativeLambdaFailsNamingTheValue(@ForAll @DoubleRange(min = -10, max = -0.01) double lambda) {
    String value = String.valueOf(lambda);
    assertContains(failure(() -> new L2(lambda)), "L2 lambda", value);
    assertContains(failure(() -> new L1(lambda)), "L1 lambda", value);
    assertContains(failure(() -> new ElasticNet(lambda, 1)), "l1 lambda", value);
    assertContains(failure(() -> new ElasticNet(1, lambda)), "l2 lambda", value);
    assertContains(failure(() -> SoftSharing.weights("a", "b", lambda)), "SoftSharing lambda", value);
  }

  static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + message + "' should contain '" + part + "'");
    }
  }

  static String failure(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an IllegalArgumentException");
  }
}
