package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Adaptive gradient clipping: every unit's gradient-to-weight norm ratio is bounded by λ, each unit
 * is only shortened (never turned), and nothing changes when every ratio is already within λ.
 * The units are cut out here with slicing (columns of a rank-2 leaf, first-axis blocks of a rank-4
 * leaf, the whole of any other leaf), independently of the transform's index arithmetic.
 */
class AdaptiveClipLaws {

  /** One rescale of a sum of squares: 1e-12 relative. */
  private static final double TOL = 1e-12;

  /**
   * Weights shaped like a small conv net (kernel, bias, dense weight, bias, a scalar), N(0, 1)
   * with one dense column and the first bias set to zero (so ε matters), and gradients of the same
   * shapes scaled by 10^s, s ∈ [−3, 3] (so some units are clipped and some are not).
   */
  @Provide
  Arbitrary<Tree[]> weightsAndGrads() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 4);
    return Combinators.combine(dim, dim, dim, dim, Arbitraries.longs(),
        Arbitraries.doubles().between(-3, 3)).as((k, c, h, out, seed, s) -> {
          Key key = Key.of(seed);
          Tree shapes = Tree.empty()
              .with("conv", Tree.empty().with("weight", Tensor.zeros(k, c, h, h)).with("bias", Tensor.zeros(k)))
              .with("dense", Tree.empty().with("weight", Tensor.zeros(k * h, out)).with("bias", Tensor.zeros(out)))
              .with("gain", Tensor.scalar(0));
          Tree weights = RandomTrees.like(shapes, key.foldIn(1));
          Tensor dense = weights.tensor("dense/weight");
          double[] w = dense.toArray();
          for (int i = 0; i < k * h; i++) {
            w[i * out] = 0;
          }
          weights = weights.mapWithPath((path, t) -> path.equals("dense/weight") ? Tensor.of(w, dense.shape())
              : path.equals("conv/bias") ? Tensor.zeros(k) : t);
          Tree grads = RandomTrees.like(shapes, key.foldIn(2)).scale(Math.pow(10, s));
          return new Tree[] {weights, grads};
        });
  }

  private static Vector<Tensor> units(Tensor t) {
    return switch (t.rank()) {
      case 2 -> Vector.range(0, t.dim(1)).map(j -> t.transpose().index(j));
      case 4 -> Vector.range(0, t.dim(0)).map(t::index);
      default -> Vector.of(t);
    };
  }

  private static Tree clip(AdaptiveClip t, Tree weights, Tree grads) {
    return t.update(grads, t.init(weights), weights).updates();
  }

  @Property(tries = 200)
  void everyUnitIsScaledToWithinLambdaOfItsWeightNorm(@ForAll("weightsAndGrads") Tree[] wg,
      @ForAll @IntRange(min = -3, max = 0) int logLambda) {
    double lambda = Math.pow(10, logLambda);
    AdaptiveClip agc = new AdaptiveClip(lambda, AdaptiveClip.DEFAULT_EPSILON);
    Tree clipped = clip(agc, wg[0], wg[1]);
    for (String path : wg[0].paths()) {
      Vector<Tensor> w = units(wg[0].tensor(path));
      Vector<Tensor> g = units(wg[1].tensor(path));
      Vector<Tensor> out = units(clipped.tensor(path));
      for (int u = 0; u < w.size(); u++) {
        double limit = lambda * Math.max(w.get(u).norm(), AdaptiveClip.DEFAULT_EPSILON);
        double factor = Math.min(1, limit / g.get(u).norm());
        assertTrue(out.get(u).norm() <= limit * (1 + TOL), path + " unit " + u);
        // Ĝ_i = min(1, λ·max(‖W_i‖, ε)/‖G_i‖)·G_i: shortened, never turned.
        assertTrue(out.get(u).allClose(g.get(u).mul(factor), TOL, 0), path + " unit " + u);
      }
    }
  }

  @Property(tries = 200)
  void nothingChangesWhenEveryRatioIsWithinLambda(@ForAll("weightsAndGrads") Tree[] wg) {
    double largest = 0;
    for (String path : wg[0].paths()) {
      Vector<Tensor> w = units(wg[0].tensor(path));
      Vector<Tensor> g = units(wg[1].tensor(path));
      for (int u = 0; u < w.size(); u++) {
        largest = Math.max(largest, g.get(u).norm() / Math.max(w.get(u).norm(), AdaptiveClip.DEFAULT_EPSILON));
      }
    }
    assertEquals(wg[1], clip(AdaptiveClip.of(largest * (1 + 1e-9) + 1e-12), wg[0], wg[1]));
  }

  @Test
  void badSettingsAndShapesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdaptiveClip.of(0));
    assertTrue(e.getMessage().contains("0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AdaptiveClip(0.01, -1));
    Tree w = Tree.empty().with("weight", Tensor.zeros(2, 3));
    Tree g = Tree.empty().with("weight", Tensor.zeros(3, 2));
    e = assertThrows(IllegalArgumentException.class, () -> clip(AdaptiveClip.of(0.01), w, g));
    assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 2)"), e.getMessage());
  }
}
