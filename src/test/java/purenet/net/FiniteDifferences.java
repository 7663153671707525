package purenet.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.Tuple2;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A small central-difference gradient check for this package's tests (the public checker lives in
 * purenet.check; these tests do not depend on it).
 *
 * <p>The scalar probed is L(x, θ) = Σ f(x; θ) ⊙ R for a fixed random R, so ∂L/∂y = R and the
 * analytic gradients are {@code backward(R)}. Each partial is (L(v + h) − L(v − h)) / 2h with
 * h = 1e-6: the truncation error is O(h²)·|L'''| ≈ 1e-12 and the rounding error about
 * ε·|L|/h ≈ 1e-9 for |L| ≲ 10, so the comparison allows 1e-6 relative to max(1, |analytic|).
 */
final class FiniteDifferences {
  private static final double H = 1e-6;
  private static final double TOLERANCE = 1e-6;

  private FiniteDifferences() {}

  /** Asserts that the analytic input and parameter gradients of {@code layer} at {@code x} match. */
  static void check(Layer layer, Tensor x, Key key) {
    Mode mode = Mode.eval();
    Tensor r = normal(layer.apply(x).shape().dims(), key);
    Grads analytic = layer.forward(x, mode).backward().apply(r);
    for (int i = 0; i < x.size(); i++) {
      double numeric = (loss(layer, bump(x, i, H), r) - loss(layer, bump(x, i, -H), r)) / (2 * H);
      assertClose(analytic.input().at(i), numeric, "input element " + i);
    }
    Tree params = layer.params();
    for (Tuple2<String, Tensor> leaf : params.flatten()) {
      Tensor grad = analytic.params().tensor(leaf._1);
      for (int i = 0; i < leaf._2.size(); i++) {
        int at = i;
        Layer plus = layer.withParams(params.mapWhere(leaf._1::equals, t -> bump(t, at, H)));
        Layer minus = layer.withParams(params.mapWhere(leaf._1::equals, t -> bump(t, at, -H)));
        double numeric = (loss(plus, x, r) - loss(minus, x, r)) / (2 * H);
        assertClose(grad.at(i), numeric, "parameter " + leaf._1 + " element " + i);
      }
    }
  }

  /** A tensor of standard normal values. */
  static Tensor normal(int[] shape, Key key) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return Tensor.of(key.normal(n), shape);
  }

  private static double loss(Layer layer, Tensor x, Tensor r) {
    return layer.apply(x).dot(r);
  }

  private static Tensor bump(Tensor t, int i, double h) {
    return Tensor.generate(t.shape(), k -> k == i ? t.at(k) + h : t.at(k));
  }

  private static void assertClose(double analytic, double numeric, String what) {
    assertTrue(Math.abs(analytic - numeric) <= TOLERANCE * Math.max(1, Math.abs(analytic)),
        what + ": analytic " + analytic + ", finite difference " + numeric);
  }
}
