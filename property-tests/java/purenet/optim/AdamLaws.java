package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** Adam's characteristic behaviour on its first step. */
class AdamLaws {

  @Provide
  Arbitrary<Tree> trees() {
    return RandomTrees.trees();
  }

  @Provide
  Arbitrary<Double> rates() {
    return Arbitraries.doubles().between(-4, 0).ofScale(4).map(e -> Math.pow(10, e));
  }

  /** Gradient magnitudes spanning nine orders: 10^-3 to 10^6. */
  @Provide
  Arbitrary<Double> magnitudes() {
    return Arbitraries.doubles().between(-3, 6).ofScale(4).map(e -> Math.pow(10, e));
  }

  /**
   * The first step is ≈ -η·sign(g) whatever the gradient's scale: exactly -η·g/(|g| + ε), so
   * |u + η·sign(g)| = η·ε/(|g| + ε) ≤ η·ε/|g|. Bound checked: η·ε/|g| plus 4 ulps of η for rounding.
   * Zero gradients give a zero step (sign(0) = 0).
   */
  @Property(tries = 200)
  void firstStepIsMinusLearningRateTimesSign(@ForAll("trees") Tree params, @ForAll long seed,
      @ForAll("rates") double lr, @ForAll("magnitudes") double magnitude) {
    double eps = 1e-8;
    Tree grads = RandomTrees.like(params, Key.of(seed), 0.1).map(g -> g.mul(magnitude));
    GradientTransform adam = Optimizers.adam(lr, 0.9, 0.999, eps);
    Tree updates = adam.update(grads, adam.init(params), params).updates();
    grads.zipWith(updates, (g, u) -> {
      for (int i = 0; i < g.size(); i++) {
        double gi = g.at(i);
        double bound = gi == 0 ? 0 : lr * eps / Math.abs(gi) + 4 * Math.ulp(lr);
        double error = Math.abs(u.at(i) + lr * Math.signum(gi));
        assertTrue(error <= bound, "g = " + gi + ", u = " + u.at(i) + ", error " + error + " > " + bound);
      }
      return Tensor.scalar(0);
    });
  }
}
