package purenet.check;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Locale;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The laws every {@link Layer} obeys, as plain functions that return a {@link LawReport}: usable
 * from any test framework, a {@code main} method or a notebook. The jqwik artifact
 * {@code dev.purenet:purenet-testkit} runs them over generated cases ({@code LayerContract}).
 *
 * <ol>
 *   <li>{@link #inputGradient}: ∂⟨g, f(x)⟩/∂x from backward equals central differences, relative
 *       error (see {@link GradientCheck}) at most {@link #tolerance()};
 *   <li>{@link #parameterGradients}: the same for every parameter leaf, perturbed through
 *       {@code withParams};
 *   <li>{@link #linearity}: B(αg₁ + βg₂) = αB(g₁) + βB(g₂) + (1 − α − β)B(0) (B(0) is the gradient of
 *       the layer's own penalty, zero for most layers), to 1e-9 of the largest term's magnitude;
 *   <li>{@link #determinism}: the same layer, input and mode (with its fixed key) give bit-identical
 *       outputs, penalty, gradients and next layer, and backward called again gives the same;
 *   <li>{@link #roundTrip}: {@code withParams(params())} and {@code withState(state())} are the
 *       layer itself, and {@code withParams(t).params()} is t;
 *   <li>{@link #paramsOnly}: {@code backward.paramsOnly(g)} equals {@code backward.apply(g).params()}
 *       bit for bit;
 *   <li>{@link #shapeCheck}: {@code check(x.shape())} predicts {@code forward}'s output shape
 *       without problems;
 *   <li>{@link #evaluationKeepsState}: a pass in evaluation mode leaves parameters and state as
 *       they are.
 * </ol>
 *
 * <pre>{@code
 * LayerLaws.standard().all(myLayer, x, Mode.train(Key.of(1)), Key.of(2))
 *     .forEach(LawReport::assertHolds);
 * }</pre>
 *
 * @param check     the finite-difference checker of laws 1 and 2
 * @param tolerance the largest relative gradient error allowed, in [0, 1]
 */
public record LayerLaws(GradientCheck check, double tolerance) {

  /** The default gradient tolerance, 1e-6 (a wrong factor of 2 gives 1/3, a wrong sign 1). */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  /** Relative tolerance of the linearity law, far above the rounding of a few hundred flops. */
  public static final double LINEARITY_TOLERANCE = 1e-9;

  /**
   * Validates the settings, so that a bad tolerance fails where it is given.
   *
   * @param check the finite-difference checker
   * @param tolerance the largest relative gradient error allowed, in [0, 1]
   */
  public LayerLaws {
    if (check == null) {
      throw new IllegalArgumentException("LayerLaws needs a gradient check, got null");
    }
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException("tolerance must be in [0, 1], got " + tolerance);
    }
  }

  /**
   * The laws with the standard checker and tolerance {@value #DEFAULT_TOLERANCE}.
   *
   * @return the laws
   */
  public static LayerLaws standard() {
    return new LayerLaws(GradientCheck.standard(), DEFAULT_TOLERANCE);
  }

  /**
   * These laws with another gradient tolerance.
   *
   * @param newTolerance the largest relative gradient error allowed
   * @return the laws
   */
  public LayerLaws withTolerance(double newTolerance) {
    return new LayerLaws(check, newTolerance);
  }

  /**
   * Every law on one case, in the order of the class comment; linearity with α = 0.7, β = −1.3.
   *
   * @param layer the layer
   * @param input an input it accepts, away from its non-smooth points
   * @param mode  the mode of every pass, with a fixed key for stochastic layers
   * @param key   the key of the random upstream gradients
   * @return one report per law
   */
  public Vector<LawReport> all(Layer layer, Tensor input, Mode mode, Key key) {
    return Vector.of(inputGradient(layer, input, mode, key), parameterGradients(layer, input, mode, key),
        linearity(layer, input, mode, key, 0.7, -1.3), determinism(layer, input, mode, key), roundTrip(layer),
        paramsOnly(layer, input, mode, key), shapeCheck(layer, input, mode), evaluationKeepsState(layer, input));
  }

  /**
   * Law 1: the input gradient equals central differences.
   *
   * @param layer the layer
   * @param input the input
   * @param mode  the mode of every pass
   * @param key   the key of the upstream gradient {@link GradientCheck#upstream}
   * @return the report, naming the worst element when it fails
   */
  public LawReport inputGradient(Layer layer, Tensor input, Mode mode, Key key) {
    String law = "input gradient equals central differences";
    GradientReport report = check.layer(layer, input, mode, key);
    return gradientReport(law, layer.name(), report.errors().take(1));
  }

  /**
   * Law 2: every parameter gradient equals central differences; a failure names the leaf with the
   * largest error.
   *
   * @param layer the layer
   * @param input the input
   * @param mode  the mode of every pass
   * @param key   the key of the upstream gradient
   * @return the report
   */
  public LawReport parameterGradients(Layer layer, Tensor input, Mode mode, Key key) {
    String law = "parameter gradients equal central differences";
    GradientReport report = check.layer(layer, input, mode, key);
    return gradientReport(law, layer.name(), report.errors().drop(1));
  }

  private LawReport gradientReport(String law, String subject, Vector<GradientError> errors) {
    Vector<GradientError> wrong = errors.filter(e -> !e.passes(tolerance));
    if (wrong.isEmpty()) {
      double worst = errors.map(GradientError::maxRelativeError).max().getOrElse(0.0);
      return LawReport.holds(law, subject, String.format(Locale.ROOT,
          "%d tensor(s), largest relative error %.3e <= tolerance %.1e", errors.size(), worst, tolerance));
    }
    GradientError e = wrong.maxBy(GradientError::maxRelativeError).get();
    return LawReport.fails(law, subject, e.path(), e.worstIndex(), e.analytic(), e.numeric(), String.format(
        Locale.ROOT, "actual = analytic (backward pass), expected = numeric (central differences); relative "
            + "error %.3e > tolerance %.1e%s", e.maxRelativeError(), tolerance,
        wrong.size() > 1 ? "; also wrong: " + wrong.map(GradientError::path).remove(e.path()).mkString(", ") : ""));
  }

  /**
   * Law 3: backward is affine in the upstream gradient, B(αg₁ + βg₂) = αB(g₁) + βB(g₂) + (1 − α − β)B(0),
   * to {@value #LINEARITY_TOLERANCE} of the largest magnitude among the terms.
   *
   * @param layer the layer
   * @param input the input
   * @param mode  the mode of the pass
   * @param key   the key of g₁ and g₂
   * @param alpha α
   * @param beta  β
   * @return the report, naming the path and element of the largest deviation when it fails
   */
  public LawReport linearity(Layer layer, Tensor input, Mode mode, Key key, double alpha, double beta) {
    String law = "backward is linear in the output gradient";
    Forward f = layer.forward(input, mode);
    Key[] keys = key.split(2);
    Tensor g1 = GradientCheck.upstream(keys[0], f.output().shape());
    Tensor g2 = GradientCheck.upstream(keys[1], f.output().shape());
    Grads combined = f.backward().apply(g1.mul(alpha).add(g2.mul(beta)));
    Grads b1 = f.backward().apply(g1);
    Grads b2 = f.backward().apply(g2);
    Grads b0 = f.backward().apply(Tensor.zeros(f.output().shape()));
    double gamma = 1 - alpha - beta;
    Vector<Tuple2<String, Vector<Tensor>>> parts = Vector.of(new Tuple2<>("input",
        Vector.of(combined.input(), b1.input(), b2.input(), b0.input())));
    for (Tuple2<String, Tensor> leaf : combined.params().flatten()) {
      String p = leaf._1;
      parts = parts.append(new Tuple2<>(p.isEmpty() ? "params" : p,
          Vector.of(leaf._2, b1.params().tensor(p), b2.params().tensor(p), b0.params().tensor(p))));
    }
    for (Tuple2<String, Vector<Tensor>> part : parts) {
      Tensor actual = part._2.get(0);
      Tensor one = part._2.get(1);
      Tensor two = part._2.get(2);
      Tensor zero = part._2.get(3);
      Tensor expected = one.mul(alpha).add(two.mul(beta)).add(zero.mul(gamma));
      double scale = Math.max(Math.max(Math.abs(alpha) * maxAbs(one), Math.abs(beta) * maxAbs(two)),
          Math.max(Math.abs(gamma) * maxAbs(zero), maxAbs(actual)));
      int worst = Differences.worstElement(actual, expected);
      if (worst >= 0 && !(Math.abs(actual.at(worst) - expected.at(worst)) <= LINEARITY_TOLERANCE * scale)) {
        return LawReport.fails(law, layer.name(), part._1, Differences.index(actual, worst), actual.at(worst),
            expected.at(worst), String.format(Locale.ROOT,
                "actual = B(αg₁+βg₂), expected = αB(g₁)+βB(g₂)+(1−α−β)B(0) with α = %s, β = %s; difference "
                    + "above %.0e × %.3e", alpha, beta, LINEARITY_TOLERANCE, scale));
      }
    }
    return LawReport.holds(law, layer.name(), "α = " + alpha + ", β = " + beta);
  }

  /**
   * Law 4: the same layer, input and mode give bit-identical outputs, penalty, gradients and next
   * layer; calling backward again (after a call with another gradient) gives the first result.
   *
   * @param layer the layer
   * @param input the input
   * @param mode  the mode of both passes, with a fixed key
   * @param key   the key of the upstream gradients
   * @return the report, naming the first part that differs
   */
  public LawReport determinism(Layer layer, Tensor input, Mode mode, Key key) {
    String law = "forward and backward are deterministic";
    Forward first = layer.forward(input, mode);
    Forward second = layer.forward(input, mode);
    Key[] keys = key.split(2);
    Tensor g = GradientCheck.upstream(keys[0], first.output().shape());
    Tensor other = GradientCheck.upstream(keys[1], first.output().shape());
    Option<LawReport> failure = Differences.differs(law, layer.name(), "output", first.output(), second.output());
    if (failure.isEmpty() && Double.compare(first.penalty(), second.penalty()) != 0) {
      failure = Option.some(LawReport.fails(law, layer.name(), "penalty", new int[0], second.penalty(),
          first.penalty(), "actual = second pass, expected = first pass"));
    }
    Grads once = first.backward().apply(g);
    failure = failure.orElse(() -> differs(law, layer.name(), "", once, second.backward().apply(g)));
    failure = failure.orElse(() -> differs(law, layer.name(), "", once, first.backward().apply(g)));
    first.backward().apply(other);
    failure = failure.orElse(() -> differs(law, layer.name(), "", once, first.backward().apply(g)));
    failure = failure.orElse(() -> Differences.differs(law, layer.name(), "next state/", first.next().state(), second.next().state()));
    failure = failure.orElse(() -> Differences.differs(law, layer.name(), "next params/", first.next().params(), second.next().params()));
    return failure.getOrElse(() -> LawReport.holds(law, layer.name(), "two passes and three backward calls"));
  }

  /**
   * Law 5: {@code withParams(params())} and {@code withState(state())} equal the layer, and
   * {@code withParams} installs exactly the given tree (every leaf shifted by 0.5).
   *
   * @param layer the layer
   * @return the report
   */
  public LawReport roundTrip(Layer layer) {
    String law = "withParams(params()) and withState(state()) are the identity";
    if (!layer.withParams(layer.params()).equals(layer)) {
      return LawReport.fails(law, layer.name(), "params", "withParams(params()) returned " + layer.withParams(layer.params())
          + ", not an equal layer");
    }
    if (!layer.withState(layer.state()).equals(layer)) {
      return LawReport.fails(law, layer.name(), "state", "withState(state()) returned " + layer.withState(layer.state())
          + ", not an equal layer");
    }
    Tree shifted = layer.params().map(t -> t.add(0.5));
    return Differences.differs(law, layer.name(), "", shifted, layer.withParams(shifted).params())
        .getOrElse(() -> LawReport.holds(law, layer.name(), layer.params().leafCount() + " parameter leaves, "
            + layer.state().leafCount() + " state leaves"));
  }

  /**
   * Law 6: {@code paramsOnly(g)} equals {@code apply(g).params()} bit for bit.
   *
   * @param layer the layer
   * @param input the input
   * @param mode  the mode of the pass
   * @param key   the key of the upstream gradient
   * @return the report
   */
  public LawReport paramsOnly(Layer layer, Tensor input, Mode mode, Key key) {
    String law = "paramsOnly equals the full backward's parameter gradients";
    Forward f = layer.forward(input, mode);
    Tensor g = GradientCheck.upstream(key, f.output().shape());
    return Differences.differs(law, layer.name(), "", f.backward().apply(g).params(), f.backward().paramsOnly(g))
        .getOrElse(() -> LawReport.holds(law, layer.name(), ""));
  }

  /**
   * Law 7: {@code check(input.shape())} reports the output shape of {@code forward} and no problems.
   *
   * @param layer the layer
   * @param input the input
   * @param mode  the mode of the pass
   * @return the report
   */
  public LawReport shapeCheck(Layer layer, Tensor input, Mode mode) {
    String law = "the shape check agrees with forward";
    ShapeCheck c = layer.check(input.shape());
    Tensor out = layer.forward(input, mode).output();
    if (!c.fits() || !c.output().equals(out.shape())) {
      return LawReport.fails(law, layer.name(), "output", "check(" + input.shape() + ") gave " + c.output()
          + (c.fits() ? "" : " with problems " + c.problems().mkString("; ")) + ", forward outputs " + out.shape());
    }
    return LawReport.holds(law, layer.name(), input.shape() + " -> " + out.shape());
  }

  /**
   * Law 8: a pass in evaluation mode leaves the layer's parameters and state unchanged (its next
   * layer has the same trees).
   *
   * @param layer the layer
   * @param input the input
   * @return the report, naming the first leaf that changed
   */
  public LawReport evaluationKeepsState(Layer layer, Tensor input) {
    String law = "evaluation mode never changes state";
    Layer next = layer.forward(input, Mode.eval()).next();
    return Differences.differs(law, layer.name(), "state/", layer.state(), next.state())
        .orElse(() -> Differences.differs(law, layer.name(), "params/", layer.params(), next.params()))
        .getOrElse(() -> LawReport.holds(law, layer.name(), layer.state().leafCount() + " state leaves"));
  }

  // ---------------------------------------------------------------- comparisons

  private static Option<LawReport> differs(String law, String subject, String prefix, Grads expected, Grads actual) {
    return Differences.differs(law, subject, prefix + "input", expected.input(), actual.input())
        .orElse(() -> Differences.differs(law, subject, prefix, expected.params(), actual.params()));
  }

  private static double maxAbs(Tensor t) {
    return t.size() == 0 ? 0 : t.abs().max();
  }
}
