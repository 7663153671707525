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
 * {@code backward.apply(g).params()} bit for bit; (i) evaluation mode never changes the state. A
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
   * recurrent layer's hidden state), which exempts it from law (i).
   *
   * @return false by default
   */
  default boolean carriesStateInEvaluation() {
    return false;
  }

  /**
   * (i) A pass in evaluation mode leaves parameters and state unchanged (unless
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
}
