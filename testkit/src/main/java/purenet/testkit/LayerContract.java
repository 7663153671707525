package purenet.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import purenet.check.GradientCheck;
import purenet.check.LayerLaws;
import purenet.layer.Layer;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * The contract every {@link Layer} must satisfy, as jqwik properties a test class inherits: the
 * laws of {@link LayerLaws}, each run over 200 generated cases. Implement {@link #layerCases()}
 * (jqwik resolves the implementing class's provider, found by the name {@code "layerCases"}):
 *
 * <pre>{@code
 * class PReluTest implements LayerContract {
 *   public Arbitrary<LayerCase> layerCases() { return LayerCase.of(key -> PRelu.of(4, key), Shape.of(3, 4)); }
 * }
 * }</pre>
 *
 * <p>The laws: (a) the input gradient and (b) every parameter gradient equal central finite
 * differences ({@link GradientCheck}, relative error at most {@link #gradientTolerance()});
 * (c) determinism: the same layer, input and mode give bit-identical outputs, gradients, penalty
 * and next state, and backward is pure; (d) {@code withParams(params())} and
 * {@code withState(state())} are the identity, and {@code withParams} installs exactly the given
 * parameters; (e) backward is affine in the upstream gradient (linear plus the gradient of the
 * layer's penalty, B(0)), to 1e-9 of the largest term; (g) {@code check(input.shape())} predicts the
 * output shape without problems; (h) {@code backward.paramsOnly(g)} equals
 * {@code backward.apply(g).params()} bit for bit; (i) NaN and ±∞ propagate as in IEEE arithmetic and
 * PyTorch: an output that depends on a NaN input element is NaN or ±∞, on a ±∞ element NaN, ±∞ or
 * the finite limit; (j) evaluation mode never changes the state. A
 * failure is a {@link purenet.check.LawReport}: the law, the parameter path, the index, and the
 * analytic and numeric values.
 *
 * <p>Generated inputs must avoid the layer's non-smooth points (ReLU at 0);
 * {@link TensorArbitraries#awayFromZero} helps. Layers whose gradients are less accurate than
 * {@link #gradientTolerance()} allows (deep stacks, ill-conditioned normalizations) override it.
 */
public interface LayerContract {

  /**
   * The cases to check: layers, inputs they accept, and modes with fixed keys.
   *
   * @return the cases
   */
  @Provide
  Arbitrary<LayerCase> layerCases();

  /**
   * The largest relative finite-difference error allowed, max(0, |a − n| − noise) / max(|a| + |n|,
   * floor) (see {@link GradientCheck}). With the default step, correct layers on inputs of order 1
   * show raw errors below 2e-7 and report 0 once the rounding bound is subtracted; a wrong factor
   * of 2 gives 1/3, a wrong sign 1.
   *
   * @return the tolerance, 1e-6 by default
   */
  default double gradientTolerance() {
    return LayerLaws.DEFAULT_TOLERANCE;
  }

  /**
   * The checker used by laws (a) and (b).
   *
   * @return the standard checker by default
   */
  default GradientCheck gradientCheck() {
    return GradientCheck.standard();
  }

  /**
   * The laws with this contract's checker and tolerance.
   *
   * @return the laws
   */
  default LayerLaws laws() {
    return new LayerLaws(gradientCheck(), gradientTolerance());
  }

  /**
   * (a) ∂⟨g, f(x)⟩/∂x from backward equals central differences, for a random upstream g.
   *
   * @param c    the case
   * @param seed the seed of the upstream gradient
   */
  @Property(tries = 200)
  default void inputGradientMatchesFiniteDifferences(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    laws().inputGradient(c.layer(), c.input(), c.mode(), Key.of(seed)).assertHolds();
  }

  /**
   * (b) ∂⟨g, f(x)⟩/∂θ from backward equals central differences, for every parameter leaf θ.
   *
   * @param c    the case
   * @param seed the seed of the upstream gradient
   */
  @Property(tries = 200)
  default void parameterGradientsMatchFiniteDifferences(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    laws().parameterGradients(c.layer(), c.input(), c.mode(), Key.of(seed)).assertHolds();
  }

  /**
   * (c) Same layer, input and mode ⇒ bit-identical output, penalty, gradients and next state;
   * backward called again, even after another call, gives the first result.
   *
   * @param c    the case
   * @param seed the seed of the upstream gradients
   */
  @Property(tries = 200)
  default void forwardAndBackwardAreDeterministic(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    laws().determinism(c.layer(), c.input(), c.mode(), Key.of(seed)).assertHolds();
  }

  /**
   * (d) withParams(params()) and withState(state()) are the identity; withParams installs its tree.
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void withParamsAndWithStateRoundTrip(@ForAll("layerCases") LayerCase c) {
    laws().roundTrip(c.layer()).assertHolds();
  }

  /**
   * (e) B(αg₁ + βg₂) = αB(g₁) + βB(g₂) + (1 − α − β)B(0).
   *
   * @param c     the case
   * @param seed  the seed of g₁ and g₂
   * @param alpha α
   * @param beta  β
   */
  @Property(tries = 200)
  default void backwardIsAffineInTheOutputGradient(@ForAll("layerCases") LayerCase c, @ForAll long seed,
      @ForAll @DoubleRange(min = -2, max = 2) double alpha, @ForAll @DoubleRange(min = -2, max = 2) double beta) {
    laws().linearity(c.layer(), c.input(), c.mode(), Key.of(seed), alpha, beta).assertHolds();
  }

  /**
   * (h) {@code paramsOnly(g)} equals {@code apply(g).params()} bit for bit.
   *
   * @param c    the case
   * @param seed the seed of the upstream gradient
   */
  @Property(tries = 200)
  default void paramsOnlyEqualsTheFullBackward(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    laws().paramsOnly(c.layer(), c.input(), c.mode(), Key.of(seed)).assertHolds();
  }

  /**
   * (g) check(input shape) reports the actual output shape and no problems.
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void shapeCheckAgreesWithForward(@ForAll("layerCases") LayerCase c) {
    laws().shapeCheck(c.layer(), c.input(), c.mode()).assertHolds();
  }

  /**
   * Whether the layer carries state from pass to pass in evaluation too, by design (a stateful
   * recurrent layer's hidden state), which exempts it from law (j).
   *
   * @return false by default
   */
  default boolean carriesStateInEvaluation() {
    return false;
  }

  /**
   * (j) A pass in evaluation mode leaves parameters and state unchanged (unless
   * {@link #carriesStateInEvaluation()}).
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void evaluationNeverChangesState(@ForAll("layerCases") LayerCase c) {
    if (!carriesStateInEvaluation()) {
      laws().evaluationKeepsState(c.layer(), c.input()).assertHolds();
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
}
