package purenet.autodiff;

import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.TensorArbitraries;
import purenet.check.GradientCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * The dot-product (adjoint) identity ⟨J·v, u⟩ = ⟨v, Jᵀ·u⟩ for random compositions f of 2–6
 * operations of an input X (m, k) and a weight W (k, k), for random directions v = (v_X, v_W) and
 * cotangents u: Jᵀ·u is the reverse pass ({@link Expr#gradients}), J·v the directional derivative
 * of the composed forward values, by central differences with one Richardson step,
 * (4·D(h/2) − D(h))/3 with D(h) = (f(x + hv) − f(x − hv))/(2h) and h = 1e-3 (error O(h⁴)).
 *
 * <p>Tolerance: |⟨J·v, u⟩ − ⟨v, Jᵀ·u⟩| ≤ 1e-7·(Σ|v|·|Jᵀu| + Σ|J·v|·|u|) + 1e-9, relative to the
 * magnitude of the terms of both inner products. The difference formula's error here is below
 * 1e-9 of that magnitude; the absolute 1e-9 covers its O(h⁴) remainder where the magnitude itself
 * vanishes (shrunk cases at X = 0 leave about 1e-12). A pullback off by a factor of 2 in any step,
 * a missed sum of a shared node or a transposed product shows as a relative error of order 1e-1 on
 * inner products of order 1.
 *
 * <p>The operations keep the shape (m, k), so any sequence composes; several use their input more
 * than once (x ⊙ x, x + tanh x, centring, softmax), which tests the summation at shared nodes. All
 * are smooth (max, ReLU and pooling have their own properties on inputs away from their kinks: a
 * shrunk composition would otherwise tie maxima and make differences meaningless).
 */
class CompositionProperties {

  /** The steps compositions are drawn from: name and (x, W) → y of x's shape. */
  static final List<Step> STEPS = List.of(
      new Step("tanh", (x, w) -> x.tanh()),
      new Step("sigmoid", (x, w) -> x.sigmoid()),
      new Step("softplus", (x, w) -> x.softplus()),
      new Step("x ⊙ x", (x, w) -> x.times(x)),
      new Step("x + tanh x", (x, w) -> x.plus(x.tanh())),
      new Step("x·W", (x, w) -> x.matmul(w)),
      new Step("x·Wᵀ", (x, w) -> x.matmulTransposed(w)),
      new Step("(Wᵀ·xᵀ)ᵀ", (x, w) -> w.transposedMatmul(x.transpose()).transpose()),
      new Step("softmax", (x, w) -> x.softmax(-1)),
      new Step("logSoftmax", (x, w) -> x.logSoftmax(-1).times(0.5)),
      new Step("x − mean over rows", (x, w) -> x.minus(x.meanKeepingAxes(-1))),
      new Step("x + column sums", (x, w) -> x.plus(x.sum(0).times(0.5))),
      new Step("exp(x/2)", (x, w) -> x.times(0.5).exp()),
      new Step("√(x² + 1)", (x, w) -> x.times(x).plus(1).sqrt()),
      new Step("log(x² + 1)", (x, w) -> x.pow(2).plus(1).log()),
      new Step("x / (1 + x²)", (x, w) -> x.div(x.times(x).plus(1))),
      new Step("(x² + 1)^0.75", (x, w) -> x.times(x).plus(1).pow(0.75)),
      new Step("split, scale, concat", (x, w) -> {
        int k = x.shape().dim(1);
        int half = k / 2;
        return Expr.concat(1, x.slice(1, 0, half).times(2), x.slice(1, half, k).neg());
      }),
      new Step("reshape and permute round trip", (x, w) -> {
        Shape s = x.shape();
        return x.reshape(-1).reshape(s.dim(0), 1, s.dim(1)).permute(2, 1, 0).reshape(s.dim(1), s.dim(0)).transpose();
      }),
      new Step("x ⊙ broadcast column means", (x, w) ->
          x.times(x.mean(0).reshape(1, x.shape().dim(1)).broadcastTo(x.shape()))));

  /** A named step of a composition. */
  record Step(String name, BiFunction<Expr, Expr, Expr> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A composition with its point (X, W), direction (v_X, v_W) and cotangent u. */
  record Case(List<Step> steps, Tensor x, Tensor w, Tensor vx, Tensor vw, Tensor u) {
    Tensor apply(Tensor xv, Tensor wv) {
      return compose(Expr.leaf(xv), Expr.leaf(wv)).value();
    }

    Expr compose(Expr xe, Expr we) {
      Expr y = xe;
      for (Step s : steps) {
        y = s.apply().apply(y, we);
      }
      return y;
    }
  }

  @Property(tries = 300)
  void adjointIdentityHoldsForRandomCompositions(@ForAll("compositions") Case c) {
    Expr x = Expr.leaf(c.x());
    Expr w = Expr.leaf(c.w());
    Expr y = c.compose(x, w);
    Gradients back = y.gradients(c.u(), List.of(x, w));
    double h = 1e-3;
    Tensor jv = directional(c, h / 2).mul(4).sub(directional(c, h)).mul(1.0 / 3);
    double left = jv.dot(c.u());
    double right = c.vx().dot(back.get(0)) + c.vw().dot(back.get(1));
    double magnitude = jv.abs().dot(c.u().abs()) + c.vx().abs().dot(back.get(0).abs())
        + c.vw().abs().dot(back.get(1).abs());
    if (!(Math.abs(left - right) <= 1e-7 * magnitude + 1e-9)) {
      throw new AssertionError("⟨J·v, u⟩ = " + left + " but ⟨v, Jᵀ·u⟩ = " + right + " (magnitude " + magnitude
          + ") for " + c.steps() + " on X " + c.x().shape());
    }
  }

  /** (f(x + hv) − f(x − hv)) / (2h). */
  private static Tensor directional(Case c, double h) {
    Tensor plus = c.apply(c.x().add(c.vx().mul(h)), c.w().add(c.vw().mul(h)));
    Tensor minus = c.apply(c.x().sub(c.vx().mul(h)), c.w().sub(c.vw().mul(h)));
    return plus.sub(minus).mul(1 / (2 * h));
  }

  @Provide
  Arbitrary<Case> compositions() {
    Arbitrary<Integer> d = Arbitraries.integers().between(1, 4);
    Arbitrary<List<Step>> steps = Arbitraries.of(STEPS).list().ofMinSize(2).ofMaxSize(6);
    return Combinators.combine(d, d, steps, TensorArbitraries.keys()).flatAs((m, k, chosen, key) -> {
      Key[] keys = key.split(3);
      return Combinators.combine(TensorArbitraries.tensors(Shape.of(m, k), -1, 1),
              TensorArbitraries.tensors(Shape.of(k, k), -0.8, 0.8))
          .as((x, w) -> new Case(chosen, x, w, GradientCheck.upstream(keys[0], x.shape()),
              GradientCheck.upstream(keys[1], w.shape()), GradientCheck.upstream(keys[2], Shape.of(m, k))));
    });
  }
}
