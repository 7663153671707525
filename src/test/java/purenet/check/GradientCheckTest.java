package purenet.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Tanh;
import purenet.loss.Loss;
import purenet.loss.ValueAndGrad;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class GradientCheckTest {

  /** Relative-error tolerance of the passing cases: correct layers show errors near 0. */
  private static final double TOLERANCE = 1e-6;

  private static final Mode MODE = Mode.train(Key.of(7));
  private static final Tensor X = Tensor.of(Key.of(1).uniform(12, -2, 2), 4, 3);
  private static final Dense DENSE = Dense.of(Tensor.of(Key.of(2).uniform(15, -1, 1), 3, 5),
      Tensor.of(Key.of(3).uniform(5, -1, 1), 5));

  /** A Dense layer whose backward is corrupted by {@code inputFactor} and {@code biasFactor}. */
  record Corrupted(Dense dense, double inputFactor, double biasFactor) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      Forward f = dense.forward(input, mode);
      return new Forward(f.output(), g -> {
        Grads right = f.backward().apply(g);
        Tree params = right.params().mapWhere(p -> p.equals("bias"), t -> t.mul(biasFactor));
        return new Grads(right.input().mul(inputFactor), params);
      }, this);
    }

    @Override
    public Tree params() {
      return dense.params();
    }

    @Override
    public Layer withParams(Tree params) {
      return new Corrupted((Dense) dense.withParams(params), inputFactor, biasFactor);
    }
  }

  /** Dense with an activation penalty λ/2·Σy², whose gradient backward may or may not include. */
  record Penalised(Dense dense, double lambda, boolean includeGradient) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      Forward f = dense.forward(input, mode);
      Tensor y = f.output();
      return new Forward(y, g -> f.backward().apply(includeGradient ? g.add(y.mul(lambda)) : g), this,
          lambda / 2 * y.dot(y));
    }

    @Override
    public Tree params() {
      return dense.params();
    }

    @Override
    public Layer withParams(Tree params) {
      return new Penalised((Dense) dense.withParams(params), lambda, includeGradient);
    }
  }

  @Test
  void passesForDenseAndCoversInputAndEveryParameter() {
    GradientReport report = GradientCheck.standard().layer(DENSE, X, MODE, Key.of(4));
    assertTrue(report.passes(TOLERANCE), report::toString);
    assertEquals(Vector.of("input", "weight", "bias"), report.paths());
    assertTrue(report.maxRelativeError() < 1e-8, report::toString);
  }

  @Test
  void reportsAnInputGradientOffByAFactorOfTwo() {
    GradientReport report = GradientCheck.standard().layer(new Corrupted(DENSE, 2, 1), X, MODE, Key.of(4));
    assertFalse(report.passes(TOLERANCE));
    assertEquals(Vector.of("input"), report.failures(TOLERANCE).map(GradientError::path));
    GradientError input = report.error("input").get();
    // |2n − n| / (|2n| + |n|) = 1/3 at every element.
    assertEquals(1.0 / 3, input.maxRelativeError(), 1e-6);
    assertEquals(2 * input.numeric(), input.analytic(), 1e-6 * Math.abs(input.analytic()));
    assertEquals("input", report.worst().get().path());
    AssertionError e = assertThrows(AssertionError.class, () -> report.assertPasses(TOLERANCE));
    assertTrue(e.getMessage().contains("failed at input"), e.getMessage());
  }

  @Test
  void reportsAWrongSignInAParameterGradientAtItsPath() {
    GradientReport report = GradientCheck.standard().layer(new Corrupted(DENSE, 1, -1), X, MODE, Key.of(4));
    assertEquals(Vector.of("bias"), report.failures(TOLERANCE).map(GradientError::path));
    assertEquals(1.0, report.error("bias").get().maxRelativeError(), 1e-6);
    assertTrue(report.toString().contains("bias"), report::toString);
  }

  @Test
  void namesTheNestedPathOfAWrongLayerInsideANetwork() {
    Sequential net = Sequential.of(DENSE, new Tanh(), new Corrupted(
        Dense.of(Tensor.of(Key.of(5).uniform(10, -1, 1), 5, 2), Tensor.vector(0.1, -0.2)), 1, 0.5));
    GradientReport report = GradientCheck.standard().layer(net, X, MODE, Key.of(6));
    assertEquals(Vector.of("input", "0/weight", "0/bias", "2/weight", "2/bias"), report.paths());
    assertEquals(Vector.of("2/bias"), report.failures(TOLERANCE).map(GradientError::path));
  }

  @Test
  void modelCheckPassesWithTheLossAndFailsWithAWrongLossGradient() {
    Sequential net = Sequential.of(DENSE, new Tanh(), Dense.of(5, 2, Key.of(8)));
    Tensor target = Tensor.of(Key.of(9).uniform(8, -1, 1), 4, 2);
    Loss halfSquared = (p, t) -> new ValueAndGrad<>(0.5 * p.sub(t).dot(p.sub(t)), p.sub(t));
    Loss wrongGradient = (p, t) -> new ValueAndGrad<>(0.5 * p.sub(t).dot(p.sub(t)), p.sub(t).mul(0.5));
    GradientCheck check = GradientCheck.standard();
    assertTrue(check.model(net, halfSquared, X, target, MODE).passes(TOLERANCE));
    GradientReport wrong = check.model(net, wrongGradient, X, target, MODE);
    assertEquals(wrong.paths(), wrong.failures(TOLERANCE).map(GradientError::path));
  }

  @Test
  void includesTheForwardPenalty() {
    GradientCheck check = GradientCheck.standard();
    assertTrue(check.layer(new Penalised(DENSE, 0.3, true), X, MODE, Key.of(4)).passes(TOLERANCE));
    assertEquals(Vector.of("input", "weight", "bias"),
        check.layer(new Penalised(DENSE, 0.3, false), X, MODE, Key.of(4)).failures(TOLERANCE)
            .map(GradientError::path));
  }

  @Test
  void resolvesAGradientTinyBesideItsOutputWithinTheRoundingBound() {
    // Weights of 1e-6 next to a bias of 1: ∂/∂x is ~1e-6, far below the output's magnitude.
    Dense tiny = Dense.of(Tensor.full(1e-6, 3, 5), Tensor.ones(5));
    assertTrue(GradientCheck.standard().layer(tiny, X, MODE, Key.of(4)).passes(TOLERANCE));
  }

  @Test
  void upstreamGradientIsDeterministicAndBoundedAwayFromZero() {
    Tensor g = GradientCheck.upstream(Key.of(10), Shape.of(40, 25));
    assertEquals(g, GradientCheck.upstream(Key.of(10), Shape.of(40, 25)));
    assertTrue(g.abs().min() >= 0.5 && g.abs().max() <= 1.5, g::toString);
    assertTrue(g.min() < 0 && g.max() > 0, "both signs");
  }

  @Test
  void theWorstElementIsLocated() {
    GradientReport report = GradientCheck.standard().layer(new Corrupted(DENSE, 1, -1), X, MODE, Key.of(4));
    GradientError bias = report.error("bias").get();
    assertEquals(1, bias.worstIndex().length);
    assertEquals(-bias.numeric(), bias.analytic(), 1e-6 * Math.abs(bias.numeric()));
    assertEquals(Shape.of(5), bias.shape());
  }

  @Test
  void rejectsBadSettingsAndMismatchedShapes() {
    IllegalArgumentException step = assertThrows(IllegalArgumentException.class, () -> GradientCheck.standard().withStep(0));
    assertTrue(step.getMessage().contains("step must be in (0, 1), got 0.0"), step.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GradientCheck.standard().withFloor(-1));
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> GradientCheck.standard().layer(DENSE, X, MODE, Tensor.zeros(4, 4)));
    assertTrue(shape.getMessage().contains("(4, 5)") && shape.getMessage().contains("(4, 4)"), shape.getMessage());
  }

  @Test
  void relativeErrorIsScaleFreeWithAFloorAndInfiniteForNonFiniteValues() {
    GradientCheck check = GradientCheck.standard();
    assertEquals(1.0 / 3, check.relativeError(2e5, 1e5, 0), 1e-15);
    assertEquals(1.0 / 3, check.relativeError(2e-5, 1e-5, 0), 1e-15);
    assertEquals(1.0, check.relativeError(-1, 1, 0), 0);
    assertEquals(0.0, check.relativeError(0, 0, 0), 0);
    assertEquals(1e-10 / GradientCheck.DEFAULT_FLOOR, check.relativeError(1e-10, 0, 0), 1e-12);
    assertEquals(0.0, check.relativeError(1.0, 1.0 + 1e-9, 2e-9), 0);
    assertEquals(Double.POSITIVE_INFINITY, check.relativeError(Double.NaN, 1, 0), 0);
  }
}
