package purenet.regularize;

import io.vavr.collection.Vector;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Generators for the regularization laws: weight tensors of any rank up to 4, tensors bounded away
 * from 0 (for L1's kink), and parameter trees shaped like a network's (weights, biases, an empty
 * layer, normalization parameters). Every generator builds valid values directly.
 */
public final class RegularizeArbitraries {
  private RegularizeArbitraries() {}

  /** Shapes of rank 1..maxRank with dimensions 1..6. */
  public static Arbitrary<Shape> shapes(int maxRank) {
    return Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(maxRank)
        .map(d -> Shape.of(d.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Tensors of the shape with elements in [lo, hi], six decimals. */
  public static Arbitrary<Tensor> tensors(Shape shape, double lo, double hi) {
    return Arbitraries.doubles().between(lo, hi).ofScale(6).list().ofSize(shape.size())
        .map(v -> tensorOf(v, shape));
  }

  /** Tensors of rank 1..4 with elements in [lo, hi]. */
  public static Arbitrary<Tensor> tensors(double lo, double hi) {
    return shapes(4).flatMap(s -> tensors(s, lo, hi));
  }

  /** Tensors of the shape with every |x| in [min, max] and a random sign. */
  public static Arbitrary<Tensor> awayFromZero(Shape shape, double min, double max) {
    Arbitrary<Double> signed = Combinators.combine(Arbitraries.of(1.0, -1.0),
        Arbitraries.doubles().between(min, max).ofScale(6)).as((s, v) -> s * v);
    return signed.list().ofSize(shape.size()).map(v -> tensorOf(v, shape));
  }

  /** Tensors of rank 1..4 with every |x| in [min, max]. */
  public static Arbitrary<Tensor> awayFromZero(double min, double max) {
    return shapes(4).flatMap(s -> awayFromZero(s, min, max));
  }

  /**
   * A network-like parameter tree: {@code 0/weight (a, b)}, {@code 0/bias (b)}, an empty layer
   * {@code 1}, {@code 2/weight (b, c)}, {@code 2/bias (c)}, {@code 3/gamma (c)}, {@code 3/beta (c)};
   * elements in [-2, 2].
   */
  public static Arbitrary<Tree> networkParams() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 5);
    return Combinators.combine(dim, dim, dim).flatAs((a, b, c) -> {
      Shape[] shapes = {Shape.of(a, b), Shape.of(b), Shape.of(b, c), Shape.of(c), Shape.of(c), Shape.of(c)};
      int total = 0;
      for (Shape s : shapes) {
        total += s.size();
      }
      return Arbitraries.doubles().between(-2, 2).ofScale(6).list().ofSize(total).map(v -> {
        Vector<Tensor> parts = split(v, shapes);
        return (Tree) Tree.empty()
            .with("0", Tree.empty().with("weight", parts.get(0)).with("bias", parts.get(1)))
            .with("1", Tree.empty())
            .with("2", Tree.empty().with("weight", parts.get(2)).with("bias", parts.get(3)))
            .with("3", Tree.empty().with("gamma", parts.get(4)).with("beta", parts.get(5)));
      });
    });
  }

  /** Non-negative regularization strengths in [0, 2]. */
  public static Arbitrary<Double> lambdas() {
    return Arbitraries.doubles().between(0, 2).ofScale(6);
  }

  private static Vector<Tensor> split(List<Double> values, Shape[] shapes) {
    Vector<Tensor> out = Vector.empty();
    int offset = 0;
    for (Shape s : shapes) {
      out = out.append(tensorOf(values.subList(offset, offset + s.size()), s));
      offset += s.size();
    }
    return out;
  }

  /** The tensor of a list of values in row-major order. */
  public static Tensor tensorOf(List<Double> values, Shape shape) {
    return Tensor.of(values.stream().mapToDouble(Double::doubleValue).toArray(), shape);
  }

  /**
   * Central finite differences of a scalar function of a tensor: element i is
   * (f(w + h·eᵢ) - f(w - h·eᵢ)) / 2h.
   */
  public static Tensor finiteDifferences(java.util.function.ToDoubleFunction<Tensor> f, Tensor w, double h) {
    double[] base = w.toArray();
    double[] grad = new double[base.length];
    for (int i = 0; i < base.length; i++) {
      double[] plus = base.clone();
      double[] minus = base.clone();
      plus[i] += h;
      minus[i] -= h;
      grad[i] = (f.applyAsDouble(Tensor.of(plus, w.shape())) - f.applyAsDouble(Tensor.of(minus, w.shape()))) / (2 * h);
    }
    return Tensor.of(grad, w.shape());
  }
}
