package purenet.testkit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Shrinkable jqwik generators for the core values: shapes, tensors, keys and modes. Every
 * generator constructs valid values directly (no filtering), so no try is discarded.
 *
 * <p>Dimensions are 1..{@value #MAX_DIM}; values carry six decimals, so they are varied but shrink to
 * short numbers. Values have no jqwik edge cases: those fill whole tensors with ±1, 0 or 1e-6 and so
 * build exact cancellations inside a network (1 − 0.5 − 0.5) whose rounding no finite-difference
 * check can resolve, and kinks at 0. Shapes keep theirs (dimension 1 and 8).
 */
public final class TensorArbitraries {

  /** The largest dimension any generated shape has. */
  public static final int MAX_DIM = 8;

  private static final int DECIMALS = 6;

  private TensorArbitraries() {}

  /** A dimension in 1..{@value #MAX_DIM}. */
  public static Arbitrary<Integer> dims() {
    return Arbitraries.integers().between(1, MAX_DIM);
  }

  /** Shapes of rank {@code minRank}..{@code maxRank}, every dimension in 1..{@value #MAX_DIM}. */
  public static Arbitrary<Shape> shapes(int minRank, int maxRank) {
    return dims().list().ofMinSize(minRank).ofMaxSize(maxRank).map(TensorArbitraries::shapeOf);
  }

  /** Shapes of rank {@code minRank}..{@code maxRank}, every dimension in 1..{@code maxDim}. */
  public static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxDim) {
    return Arbitraries.integers().between(1, maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
        .map(TensorArbitraries::shapeOf);
  }

  /** Matrix shapes (rows, columns), up to 8×8. */
  public static Arbitrary<Shape> matrixShapes() {
    return shapes(2, 2);
  }

  /** Tensors of the given shape with every element in [lo, hi]. */
  public static Arbitrary<Tensor> tensors(Shape shape, double lo, double hi) {
    return values(lo, hi).list().ofSize(shape.size()).map(v -> tensorOf(v, shape));
  }

  /** Tensors of a generated shape with every element in [lo, hi]. */
  public static Arbitrary<Tensor> tensors(Arbitrary<Shape> shapes, double lo, double hi) {
    return shapes.flatMap(s -> tensors(s, lo, hi));
  }

  /**
   * Tensors of the given shape bounded away from 0: every |x| in [min, max] with a random sign.
   * For layers with a kink at 0 (ReLU, leaky ReLU), where finite differences are meaningless.
   */
  public static Arbitrary<Tensor> awayFromZero(Shape shape, double min, double max) {
    if (!(0 < min && min < max)) {
      throw new IllegalArgumentException("need 0 < min < max, got [" + min + ", " + max + "]");
    }
    Arbitrary<Double> signed = Combinators.combine(Arbitraries.of(1.0, -1.0), values(min, max)).as((s, v) -> s * v);
    return signed.list().ofSize(shape.size()).map(v -> tensorOf(v, shape));
  }

  /** Scalars in [lo, hi] with six decimals, without edge cases. */
  public static Arbitrary<Double> values(double lo, double hi) {
    return Arbitraries.doubles().between(lo, hi).ofScale(DECIMALS).withoutEdgeCases();
  }

  /** Keys from any 64-bit seed. */
  public static Arbitrary<Key> keys() {
    return Arbitraries.longs().map(Key::of);
  }

  /** Every kind of mode: training and stochastic inference with a generated key, and evaluation. */
  public static Arbitrary<Mode> modes() {
    return Combinators.combine(Arbitraries.integers().between(0, 2), keys()).as((kind, key) ->
        kind == 0 ? Mode.train(key) : kind == 1 ? Mode.eval() : Mode.sample(key));
  }

  /** Training mode with a generated key. */
  public static Arbitrary<Mode> trainModes() {
    return keys().map(Mode::train);
  }

  /** The shape of a list of dimensions. */
  public static Shape shapeOf(List<Integer> dims) {
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The tensor of a list of values in row-major order. */
  public static Tensor tensorOf(List<Double> values, Shape shape) {
    return Tensor.of(values.stream().mapToDouble(Double::doubleValue).toArray(), shape);
  }
}
