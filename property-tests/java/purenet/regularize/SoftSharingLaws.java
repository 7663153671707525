package purenet.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.Tuple2;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.layer.Dense;
import purenet.layer.Tanh;
import purenet.net.Heads;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * {@link SoftSharing} on real two-tower multi-task models: {@link Heads} with an identity-like
 * trunk (Dense) and two towers "a" and "b" of the same architecture (Dense, tanh, Dense; sizes
 * 1..6), λ in (0, 5], tying every leaf or only the weights. Laws: the gradient equals central
 * finite differences on every leaf of the model; the penalty and its whole gradient are exactly
 * zero when the towers are equal; the two towers' gradients are λ(θ_a − θ_b) and its negative;
 * plain SGD on the penalty alone contracts the towers' difference by exactly (1 − 2ηλ) per step.
 */
class SoftSharingLaws {

  /** A model with two towers of equal structure and the penalty tying them. */
  record Case(Heads model, SoftSharing sharing) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 6);
    return Combinators.combine(dim, dim, dim, dim, Arbitraries.doubles().between(0.001, 5).ofScale(3),
            Arbitraries.of(true, false), Arbitraries.longs())
        .as((in, hidden, mid, out, lambda, weightsOnly, seed) -> {
          Key[] k = Key.of(seed).split(3);
          Heads model = Heads.of(Dense.of(in, hidden, k[0]), "a", tower(hidden, mid, out, k[1]))
              .and("b", tower(hidden, mid, out, k[2]));
          Selector tied = weightsOnly ? Selector.weights() : Selector.all();
          return new Case(model, new SoftSharing("a", "b", lambda, tied));
        });
  }

  private static Sequential tower(int in, int mid, int out, Key key) {
    Key[] k = key.split(2);
    return Sequential.of(Dense.of(in, mid, k[0]), new Tanh(), Dense.of(mid, out, k[1]));
  }

  /**
   * The penalty is quadratic, so central differences are exact up to rounding: with h = 1e-4 and
   * values of order λ·Σ(θ_a − θ_b)² ≤ 5·100, the rounding of the difference quotient is below
   * 1e-9; the tolerance 1e-7·(1 + |g|) leaves room and still catches any wrong factor.
   */
  @Property(tries = 200)
  void gradientEqualsFiniteDifferencesOnEveryLeaf(@ForAll("cases") Case c) {
    Tree params = c.model().params();
    TreePenalty p = c.sharing().apply(params);
    double h = 1e-4;
    for (Tuple2<String, Tensor> leaf : params.flatten()) {
      String path = leaf._1;
      double[] base = leaf._2.toArray();
      Tensor analytic = p.gradient().tensor(path);
      for (int i = 0; i < base.length; i++) {
        double[] plus = base.clone();
        double[] minus = base.clone();
        plus[i] += h;
        minus[i] -= h;
        double up = c.sharing().apply(params.mapWhere(path::equals, t -> Tensor.of(plus, t.shape()))).value();
        double down = c.sharing().apply(params.mapWhere(path::equals, t -> Tensor.of(minus, t.shape()))).value();
        double numeric = (up - down) / (2 * h);
        double a = analytic.at(i);
        if (!(Math.abs(a - numeric) <= 1e-7 * (1 + Math.abs(a)))) {
          throw new AssertionError("gradient at " + path + "[" + i + "] is " + a + ", finite differences " + numeric);
        }
      }
    }
  }

  @Property(tries = 200)
  void equalTowersCostNothingAndGetZeroGradients(@ForAll("cases") Case c) {
    Tree params = c.model().params();
    Tree equal = params.mapWithPath((path, t) -> path.startsWith("b/") ? params.tensor("a/" + path.substring(2)) : t);
    TreePenalty p = c.sharing().apply(equal);
    assertEquals(0.0, p.value());
    for (Tuple2<String, Tensor> leaf : p.gradient().flatten()) {
      assertEquals(0.0, leaf._2.abs().max(), leaf._1);
    }
  }

  @Property(tries = 200)
  void theTowersGetOppositeGradientsLambdaTimesTheirDifference(@ForAll("cases") Case c) {
    Tree params = c.model().params();
    TreePenalty p = c.sharing().apply(params);
    double lambda = c.sharing().lambda();
    double squared = 0;
    for (String path : params.paths().filter(q -> q.startsWith("a/"))) {
      String relative = path.substring(2);
      Tensor diff = params.tensor(path).sub(params.tensor("b/" + relative));
      Tensor expected = c.sharing().selected().test(relative) ? diff.mul(lambda) : Tensor.zeros(diff.shape());
      assertEquals(expected, p.gradient().tensor(path), path);
      assertEquals(expected.neg(), p.gradient().tensor("b/" + relative), path);
      squared += c.sharing().selected().test(relative) ? diff.dot(diff) : 0;
    }
    assertEquals(Tensor.zeros(params.tensor("trunk/weight").shape()), p.gradient().tensor("trunk/weight"));
    // relative 1e-12: the same squares summed in another order
    assertEquals(0.5 * lambda * squared, p.value(), 1e-12 * (1 + 0.5 * lambda * squared));
  }

  /**
   * θ_a ← θ_a − ηλ(θ_a − θ_b), θ_b ← θ_b + ηλ(θ_a − θ_b): the difference becomes (1 − 2ηλ) times
   * itself. After 5 steps with ηλ ≤ 0.25 the elements of order 1 agree to 1e-12.
   */
  @Property(tries = 200)
  void sgdOnThePenaltyAloneContractsTheDifference(@ForAll("cases") Case c,
      @ForAll("rates") double eta) {
    double rate = eta / c.sharing().lambda();
    Tree params = c.model().params();
    Tree start = params;
    for (int i = 0; i < 5; i++) {
      params = params.sub(c.sharing().apply(params).gradient().scale(rate));
    }
    double factor = Math.pow(1 - 2 * eta, 5);
    for (String path : start.paths().filter(q -> q.startsWith("a/"))) {
      String relative = path.substring(2);
      Tensor before = start.tensor(path).sub(start.tensor("b/" + relative));
      Tensor after = params.tensor(path).sub(params.tensor("b/" + relative));
      Tensor expected = c.sharing().selected().test(relative) ? before.mul(factor) : before;
      if (!(expected.maxAbsDifference(after) <= 1e-12 * (1 + before.abs().max()))) {
        throw new AssertionError(path + ": difference " + after + ", expected " + expected);
      }
    }
  }

  /** ηλ in (0, 0.25]. */
  @Provide
  Arbitrary<Double> rates() {
    return Arbitraries.doubles().between(0.001, 0.25).ofScale(3);
  }
}
