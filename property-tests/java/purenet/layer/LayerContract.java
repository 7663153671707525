package purenet.layer;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.check.GradientCheck;
import purenet.check.GradientError;
import purenet.check.GradientReport;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The contract every {@link Layer} must satisfy, as jqwik properties an implementing
 * {@code *Properties} class inherits. Implement {@link #layerCases()} and annotate it with
 * {@code @Provide}: the inherited properties draw their cases from it by the name
 * {@code "layerCases"} (jqwik resolves the implementing class's provider for the interface's default
 * properties; jqwik {@code @Group} inner classes may implement the contract too, one per layer, as
 * {@code ActivationProperties} does). Each law runs 200 tries.
 *
 * <pre>{@code
 * class DropoutProperties implements LayerContract {
 *   @Override
 *   @Provide
 *   public Arbitrary<LayerCase> layerCases() {
 *     return Combinators.combine(TensorArbitraries.shapes(2, 2), Arbitraries.doubles().between(0, 0.9),
 *             TensorArbitraries.trainModes())
 *         .flatAs((shape, rate, mode) -> TensorArbitraries.tensors(shape, -2, 2)
 *             .map(x -> new LayerCase(Dropout.drop(rate), x, mode)));
 *   }
 *   // the layer's own laws go here, as further @Property methods
 * }
 * }</pre>
 *
 * <p>The laws: (a) the input gradient and (b) every parameter gradient equal central finite
 * differences ({@link GradientCheck}); (c) determinism: the same layer, input and mode give
 * bit-identical outputs, gradients, penalty and next state; (d) {@code withParams(params())} and
 * {@code withState(state())} are the identity, and {@code withParams} installs exactly the given
 * parameters; (e) backward is affine in the upstream gradient (linear plus the gradient of the
 * layer's penalty, B(0)); (f) backward is pure: calling it again, even after another call, gives
 * identical results; (g) {@code check(input.shape())} predicts the output shape without problems;
 * (h) {@code backward.paramsOnly(g)} equals {@code backward.apply(g).params()} bit for bit; (i) NaN
 * and ±∞ propagate as in IEEE arithmetic and PyTorch: with one input element set to NaN, every
 * output element that depends on it is NaN or ±∞; set to ±∞, every such output is NaN, ±∞, or the
 * finite limit the layer approaches as that element grows to ±∞ (tanh(∞) = 1, ReLU(−∞) = 0) —
 * never another finite value.
 *
 * <p>Generated inputs must avoid the layer's non-smooth points (ReLU at 0); the
 * {@code TensorArbitraries.awayFromZero} generator helps. Layers whose gradients are less accurate
 * than {@link #gradientTolerance()} allows (deep stacks, ill-conditioned normalizations) override it.
 */
public interface LayerContract {

  /** The cases to check: layers, inputs they accept, and modes with fixed keys. */
  @Provide
  Arbitrary<LayerCase> layerCases();

  /**
   * The largest relative finite-difference error allowed, max(0, |a − n| − noise) / max(|a| + |n|,
   * floor) (see {@link GradientCheck}). With the default step, correct layers on inputs of order 1
   * show raw errors below 2e-7 and report 0 once the rounding bound is subtracted; a wrong factor
   * of 2 gives 1/3, a wrong sign 1.
   */
  default double gradientTolerance() {
    return 1e-6;
  }

  /** The checker used by laws (a) and (b). */
  default GradientCheck gradientCheck() {
    return GradientCheck.standard();
  }

  /** (a) ∂⟨g, f(x)⟩/∂x from backward equals central differences, for a random upstream g. */
  @Property(tries = 200)
  default void inputGradientMatchesFiniteDifferences(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    GradientReport report = gradientCheck().layer(c.layer(), c.input(), c.mode(), Key.of(seed));
    GradientError input = report.error("input").get();
    if (!input.passes(gradientTolerance())) {
      throw new AssertionError("input gradient differs from finite differences (tolerance "
          + gradientTolerance() + ")\n" + report);
    }
  }

  /** (b) ∂⟨g, f(x)⟩/∂θ from backward equals central differences, for every parameter leaf θ. */
  @Property(tries = 200)
  default void parameterGradientsMatchFiniteDifferences(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    GradientReport report = gradientCheck().layer(c.layer(), c.input(), c.mode(), Key.of(seed));
    if (!report.paths().equals(Vector.of("input").appendAll(c.layer().params().paths().map(p -> p.isEmpty() ? "params" : p)))) {
      throw new AssertionError("the report must cover the input and every parameter leaf, got " + report.paths());
    }
    Vector<GradientError> wrong = report.failures(gradientTolerance()).filter(e -> !e.path().equals("input"));
    if (!wrong.isEmpty()) {
      throw new AssertionError("parameter gradients differ from finite differences at "
          + wrong.map(GradientError::path).mkString(", ") + " (tolerance " + gradientTolerance() + ")\n" + report);
    }
  }

  /** (c) Same layer, input and mode ⇒ bit-identical output, penalty, gradients and next state. */
  @Property(tries = 200)
  default void forwardAndBackwardAreDeterministic(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Forward first = c.layer().forward(c.input(), c.mode());
    Forward second = c.layer().forward(c.input(), c.mode());
    Tensor g = GradientCheck.upstream(Key.of(seed), first.output().shape());
    requireEqual("output", first.output(), second.output());
    if (Double.compare(first.penalty(), second.penalty()) != 0) {
      throw new AssertionError("penalty differs between runs: " + first.penalty() + " vs " + second.penalty());
    }
    requireEqual("gradients", first.backward().apply(g), second.backward().apply(g));
    requireEqual("next state", first.next().state(), second.next().state());
    requireEqual("next params", first.next().params(), second.next().params());
  }

  /** (d) withParams(params()) and withState(state()) are the identity; withParams installs its tree. */
  @Property(tries = 200)
  default void withParamsAndWithStateRoundTrip(@ForAll("layerCases") LayerCase c) {
    Layer layer = c.layer();
    if (!layer.withParams(layer.params()).equals(layer)) {
      throw new AssertionError("withParams(params()) is not the identity for " + layer);
    }
    if (!layer.withState(layer.state()).equals(layer)) {
      throw new AssertionError("withState(state()) is not the identity for " + layer);
    }
    Tree shifted = layer.params().map(t -> t.add(0.5));
    requireEqual("params() after withParams", shifted, layer.withParams(shifted).params());
  }

  /**
   * (e) B(αg₁ + βg₂) = αB(g₁) + βB(g₂) + (1 − α − β)B(0): linear in g, plus B(0), the gradient of
   * the layer's own penalty (zero for most layers). Tolerance: 1e-9 of the largest magnitude among
   * the terms, far above the rounding of a few hundred flops and far below any real non-linearity.
   */
  @Property(tries = 200)
  default void backwardIsAffineInTheOutputGradient(@ForAll("layerCases") LayerCase c, @ForAll long seed,
      @ForAll @DoubleRange(min = -2, max = 2) double alpha, @ForAll @DoubleRange(min = -2, max = 2) double beta) {
    Forward f = c.layer().forward(c.input(), c.mode());
    Key[] keys = Key.of(seed).split(2);
    Tensor g1 = GradientCheck.upstream(keys[0], f.output().shape());
    Tensor g2 = GradientCheck.upstream(keys[1], f.output().shape());
    Grads combined = f.backward().apply(g1.mul(alpha).add(g2.mul(beta)));
    Grads b1 = f.backward().apply(g1);
    Grads b2 = f.backward().apply(g2);
    Grads b0 = f.backward().apply(Tensor.zeros(f.output().shape()));
    double gamma = 1 - alpha - beta;
    requireAffine("input", combined.input(), b1.input(), b2.input(), b0.input(), alpha, beta, gamma);
    for (Tuple2<String, Tensor> leaf : combined.params().flatten()) {
      String p = leaf._1;
      requireAffine(p, leaf._2, b1.params().tensor(p), b2.params().tensor(p), b0.params().tensor(p),
          alpha, beta, gamma);
    }
  }

  /** (f) Backward is pure: B(g₁), then B(g₂), then B(g₁) again gives the first result exactly. */
  @Property(tries = 200)
  default void backwardIsPure(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Forward f = c.layer().forward(c.input(), c.mode());
    Key[] keys = Key.of(seed).split(2);
    Tensor g1 = GradientCheck.upstream(keys[0], f.output().shape());
    Tensor g2 = GradientCheck.upstream(keys[1], f.output().shape());
    Grads first = f.backward().apply(g1);
    Grads again = f.backward().apply(g1);
    f.backward().apply(g2);
    Grads afterOther = f.backward().apply(g1);
    requireEqual("gradients of a second call", first, again);
    requireEqual("gradients after a call with another gradient", first, afterOther);
  }

  /** (h) {@code paramsOnly(g)} equals {@code apply(g).params()} bit for bit. */
  @Property(tries = 200)
  default void paramsOnlyEqualsTheFullBackward(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Forward f = c.layer().forward(c.input(), c.mode());
    Tensor g = GradientCheck.upstream(Key.of(seed), f.output().shape());
    Tree full = f.backward().apply(g).params();
    Tree only = f.backward().paramsOnly(g);
    if (!full.equals(only)) {
      throw new AssertionError("paramsOnly(g) differs from apply(g).params(): " + only.describe() + " vs " + full.describe());
    }
  }

  /**
   * (i) Non-finite inputs propagate. One element x_k (drawn by the seed) is poisoned with NaN, +∞
   * or −∞ (also drawn). The outputs that depend on x_k are found by finite perturbation: y_j depends
   * on x_k if y_j changes (bitwise) when x_k becomes x_k ± ½(1 + |x_k|) or ±10³(1 + |x_k|) — the
   * large values make a max-pool's or ReLU's ignored element count. Then, for NaN, every dependent
   * y_j must be NaN or ±∞ (a comparison with NaN is false, so {@code x > 0 ? x : 0} silently turns
   * NaN into 0); for ±∞, every dependent y_j must be NaN, ±∞, or agree with its value at x_k =
   * ±10¹⁰⁰ within 10⁻⁶·(1 + |y_j|) (the limit: saturating units legitimately give finite values).
   * Outputs with no dependence on x_k (dropped by a mask, outside every pooling window) are left to
   * the layer's own laws. Same mode, hence same masks and noise, in every pass.
   */
  @Property(tries = 100)
  default void nonFiniteInputsPropagate(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Tensor x = c.input();
    if (x.size() == 0) {
      return;
    }
    Key key = Key.of(seed);
    int k = key.uniformInt(x.size());
    double poison = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[
        key.foldIn(1).uniformInt(3)];
    double xk = x.at(k);
    double step = 1 + Math.abs(xk);
    Tensor y = c.layer().forward(x, c.mode()).output();
    boolean[] depends = new boolean[y.size()];
    for (double changed : new double[] {xk + step / 2, xk - step / 2, 1e3 * step, -1e3 * step}) {
      Tensor yp = c.layer().forward(with(x, k, changed), c.mode()).output();
      for (int j = 0; j < y.size(); j++) {
        depends[j] |= Double.compare(yp.at(j), y.at(j)) != 0;
      }
    }
    Tensor poisoned = c.layer().forward(with(x, k, poison), c.mode()).output();
    Tensor limit = Double.isNaN(poison) ? poisoned
        : c.layer().forward(with(x, k, Math.copySign(1e100, poison)), c.mode()).output();
    for (int j = 0; j < y.size(); j++) {
      double v = poisoned.at(j);
      if (!depends[j] || !Double.isFinite(y.at(j)) || !Double.isFinite(v)) {
        continue;
      }
      if (Double.isNaN(poison) || !(Math.abs(v - limit.at(j)) <= 1e-6 * (1 + Math.abs(limit.at(j))))) {
        throw new AssertionError("input element " + k + " set to " + poison + " (was " + xk + "): output element "
            + j + ", which depends on it, is the finite " + v
            + (Double.isNaN(poison) ? "" : " (its limit at " + Math.copySign(1e100, poison) + " is " + limit.at(j) + ")")
            + "; NaN and ±∞ must propagate as in IEEE arithmetic and PyTorch\n  output: " + poisoned);
      }
    }
  }

  private static Tensor with(Tensor x, int k, double value) {
    double[] data = x.toArray();
    data[k] = value;
    return Tensor.of(data, x.shape());
  }

  /** (g) check(input shape) reports the actual output shape and no problems. */
  @Property(tries = 200)
  default void shapeCheckAgreesWithForward(@ForAll("layerCases") LayerCase c) {
    ShapeCheck check = c.layer().check(c.input().shape());
    Tensor out = c.layer().forward(c.input(), c.mode()).output();
    if (!check.fits() || !check.output().equals(out.shape())) {
      throw new AssertionError("check(" + c.input().shape() + ") gave " + check + " but forward outputs "
          + out.shape());
    }
  }

  private static void requireEqual(String what, Tensor a, Tensor b) {
    if (!a.equals(b)) {
      throw new AssertionError(what + " differ: " + a + " vs " + b);
    }
  }

  private static void requireEqual(String what, Tree a, Tree b) {
    if (!a.flatten().equals(b.flatten())) {
      throw new AssertionError(what + " differ: " + a.flatten() + " vs " + b.flatten());
    }
  }

  private static void requireEqual(String what, Grads a, Grads b) {
    requireEqual(what + " (input)", a.input(), b.input());
    requireEqual(what + " (params)", a.params(), b.params());
  }

  private static void requireAffine(String path, Tensor combined, Tensor b1, Tensor b2, Tensor b0,
      double alpha, double beta, double gamma) {
    Tensor expected = b1.mul(alpha).add(b2.mul(beta)).add(b0.mul(gamma));
    double scale = Math.max(Math.max(Math.abs(alpha) * maxAbs(b1), Math.abs(beta) * maxAbs(b2)),
        Math.max(Math.abs(gamma) * maxAbs(b0), maxAbs(combined)));
    double diff = combined.maxAbsDifference(expected);
    if (!(diff <= 1e-9 * scale)) {
      throw new AssertionError("backward is not affine in the output gradient at " + path + ": |B(αg₁+βg₂) − (αB(g₁)"
          + " + βB(g₂) + (1−α−β)B(0))| = " + diff + " > 1e-9 × " + scale + " (α = " + alpha + ", β = " + beta + ")");
    }
  }

  private static double maxAbs(Tensor t) {
    return t.size() == 0 ? 0 : t.abs().max();
  }
}
