package purenet.layer.norm;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Test support: random tensors and central finite differences of L = Σ u ⊙ f(x) for a layer f and
 * a fixed upstream gradient u.
 */
final class Numeric {
  private Numeric() {}

  /** Standard normal samples of the given shape. */
  static Tensor normal(Key key, int... shape) {
    return Tensor.of(key.normal(Shape.of(shape).size()), shape);
  }

  /** L(x) = Σ u ⊙ layer(x). */
  static double objective(Layer layer, Tensor x, Mode mode, Tensor u) {
    return layer.forward(x, mode).output().dot(u);
  }

  /** ∂L/∂x by central differences with step h. */
  static Tensor inputGradient(Layer layer, Tensor x, Mode mode, Tensor u, double h) {
    double[] base = x.toArray();
    double[] grad = new double[base.length];
    for (int i = 0; i < base.length; i++) {
      grad[i] = difference(base, i, h, d -> objective(layer, Tensor.of(d, x.shape()), mode, u));
    }
    return Tensor.of(grad, x.shape());
  }

  /** ∂L/∂params by central differences with step h, as a tree of the params' structure. */
  static Tree paramGradient(Layer layer, Tensor x, Mode mode, Tensor u, double h) {
    Tree params = layer.params();
    Vector<Tuple2<String, Tensor>> leaves = params.flatten();
    Vector<Tuple2<String, Tensor>> grads = Vector.empty();
    for (Tuple2<String, Tensor> leaf : leaves) {
      double[] base = leaf._2.toArray();
      double[] grad = new double[base.length];
      for (int i = 0; i < base.length; i++) {
        grad[i] = difference(base, i, h, d -> {
          Tree p = params.mapWithPath((path, t) -> path.equals(leaf._1) ? Tensor.of(d, t.shape()) : t);
          return objective(layer.withParams(p), x, mode, u);
        });
      }
      grads = grads.append(new Tuple2<>(leaf._1, Tensor.of(grad, leaf._2.shape())));
    }
    return grads.isEmpty() ? Tree.empty() : Tree.unflatten(grads);
  }

  private static double difference(double[] base, int i, double h, java.util.function.ToDoubleFunction<double[]> f) {
    double[] plus = base.clone();
    double[] minus = base.clone();
    plus[i] += h;
    minus[i] -= h;
    return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
  }

  /**
   * Whether {@code actual} is within {@code rtol} of {@code expected} relative to the larger of
   * the expected tensor's largest magnitude and 1 (a tolerance relative to the gradient's scale).
   */
  static boolean close(Tensor actual, Tensor expected, double rtol) {
    double scale = Math.max(1.0, Math.max(expected.abs().max(), actual.abs().max()));
    return actual.shape().equals(expected.shape()) && actual.maxAbsDifference(expected) <= rtol * scale;
  }

  /** {@link #close} leaf by leaf, for trees of the same structure. */
  static boolean close(Tree actual, Tree expected, double rtol) {
    return actual.sameStructure(expected) && actual.leaves().zip(expected.leaves())
        .forAll(p -> close(p._1, p._2, rtol));
  }
}
