package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.random.Key;
import purenet.regularize.RegularizeArbitraries;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** Gradient clipping: norms bounded, identity below the threshold, direction kept. */
class ClippingLaws {

  /** Rounding of a global norm and one rescale: 1e-12 relative. */
  private static final double TOL = 1e-12;

  @Provide
  Arbitrary<Tree> grads() {
    return RegularizeArbitraries.networkParams();
  }

  @Provide
  Arbitrary<Double> limits() {
    return Arbitraries.doubles().between(0.01, 10).ofScale(4);
  }

  private static Tree apply(GradientTransform t, Tree g) {
    return t.update(g, t.init(g), g).updates();
  }

  @Property(tries = 200)
  void clipByGlobalNormBoundsTheNormAndKeepsTheDirection(@ForAll("grads") Tree g, @ForAll("limits") double c) {
    Tree clipped = apply(new ClipByGlobalNorm(c), g);
    double norm = g.globalNorm();
    assertTrue(clipped.globalNorm() <= c * (1 + TOL), () -> clipped.globalNorm() + " > " + c);
    // ĝ = min(1, c/‖g‖)·g.
    double factor = Math.min(1, c / norm);
    assertTrue(clipped.allClose(g.scale(factor), TOL, 0));
  }

  @Property(tries = 200)
  void clipByGlobalNormIsTheIdentityBelowTheThreshold(@ForAll("grads") Tree g, @ForAll @DoubleRange(min = 1, max = 10) double headroom) {
    double c = g.globalNorm() * headroom + 1e-9;
    assertEquals(g, apply(new ClipByGlobalNorm(c), g));
  }

  @Property(tries = 200)
  void clipByValueBoundsEveryElementAndKeepsSmallOnes(@ForAll("grads") Tree g, @ForAll("limits") double c) {
    Tree clipped = apply(new ClipByValue(c), g);
    for (String path : g.paths()) {
      double[] before = g.tensor(path).toArray();
      double[] after = clipped.tensor(path).toArray();
      for (int i = 0; i < before.length; i++) {
        assertTrue(Math.abs(after[i]) <= c);
        assertEquals(Math.abs(before[i]) <= c ? before[i] : Math.copySign(c, before[i]), after[i]);
      }
    }
  }

  /**
   * Dynamic clipping against a reference kept here: the threshold is α·(mean of the last
   * {@code window} clipped norms) + β, the first step is unclipped, and the state holds the recent
   * norms. Gradient scales vary over three orders of magnitude, with spikes.
   */
  @Property(tries = 200)
  void dynamicClipFollowsTheMeanOfRecentNorms(@ForAll("grads") Tree shape, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.5, max = 3) double alpha, @ForAll @DoubleRange(min = 0, max = 1) double beta,
      @ForAll @IntRange(min = 1, max = 5) int window) {
    DynamicClip clip = new DynamicClip(alpha, beta, window);
    Tree state = clip.init(shape);
    List<Double> history = new ArrayList<>();
    Key key = Key.of(seed);
    for (int t = 0; t < 12; t++) {
      double scale = Math.pow(10, 3 * key.foldIn(t).uniform(1)[0] - 1);
      Key k = key.foldIn(100 + t);
      int[] leaf = {0};
      Tree g = shape.map(x -> Tensor.of(k.foldIn(leaf[0]++).normal(x.size()), x.shape()).mul(scale));
      Step s = clip.update(g, state, shape);
      double threshold = history.isEmpty() ? Double.POSITIVE_INFINITY
          : alpha * history.subList(Math.max(0, history.size() - window), history.size())
              .stream().mapToDouble(Double::doubleValue).average().orElseThrow() + beta;
      assertEquals(threshold, clip.threshold(state), TOL * (1 + threshold));
      double norm = g.globalNorm();
      Tree expected = norm > threshold ? g.scale(threshold / norm) : g;
      assertTrue(s.updates().allClose(expected, TOL, 0), "step " + t);
      assertTrue(s.updates().globalNorm() <= threshold * (1 + TOL));
      history.add(s.updates().globalNorm());
      state = s.state();
      assertEquals(Math.min(t + 1, window), (int) state.tensor("count").item());
    }
  }

  @Property(tries = 200)
  void badThresholdsFailNamingTheValue(@ForAll @DoubleRange(min = -5, max = 0) double bad) {
    String value = String.valueOf(bad);
    assertTrue(message(() -> new ClipByGlobalNorm(bad)).contains(value));
    assertTrue(message(() -> new ClipByValue(bad)).contains(value));
    assertTrue(message(() -> new DynamicClip(bad, 0, 3)).contains(value));
  }

  private static String message(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an IllegalArgumentException");
  }
}
