package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** The classic hand-computed cases, the sign conventions and the hyperparameter checks. */
class OptimizersTest {

  /** One scalar parameter w under an optimizer: each call feeds a gradient and returns the new w. */
  private static final class Scalar {
    private final GradientTransform optimizer;
    private Tree params;
    private Tree state;

    Scalar(GradientTransform optimizer, double w) {
      this.optimizer = optimizer;
      this.params = Tree.leaf(Tensor.scalar(w));
      this.state = optimizer.init(params);
    }

    double step(double g) {
      Step s = optimizer.update(Tree.leaf(Tensor.scalar(g)), state, params);
      params = GradientTransform.applyUpdates(params, s.updates());
      state = s.state();
      return params.tensor("").item();
    }
  }

  @Test
  void sgdWithRateOneSubtractsTheGradient() {
    Scalar w = new Scalar(Optimizers.sgd(1.0), 1.0);
    assertEquals(0.0, w.step(1.0), 0.0);
    assertEquals(-1.0, w.step(1.0), 0.0);
  }

  @Test
  void momentumAccumulatesVelocity() {
    // v = 0.9·0 + 1 = 1, w = 1 - 1 = 0; v = 0.9·1 + 1 = 1.9, w = 0 - 1.9.
    Scalar w = new Scalar(Optimizers.momentum(1.0, 0.9), 1.0);
    assertEquals(0.0, w.step(1.0), 0.0);
    assertEquals(-1.9, w.step(1.0), 0.0);
  }

  @Test
  void adamMatchesTheHandComputedSteps() {
    Scalar w = new Scalar(Optimizers.adam(1.0, 0.01, 0.02, 1e-8), 1.0);
    // m̂ = v̂ = 1 after one step, so w = 1 - 1/(1 + 1e-8) ≈ 1e-8.
    assertEquals(0.0, w.step(1.0), 1e-7);
    assertEquals(-0.9814473195614205, w.step(0.5), 0.0);
  }

  @Test
  void nesterovLooksAhead() {
    // v' = 1, u = -(1 + 0.9·1) = -1.9; v' = 1.9, u = -(1 + 0.9·1.9) = -2.71.
    Scalar w = new Scalar(Optimizers.nesterov(1.0, 0.9), 0.0);
    assertEquals(-1.9, w.step(1.0), 1e-15);
    assertEquals(-1.9 - 2.71, w.step(1.0), 1e-15);
  }

  @Test
  void adagradDividesByTheRootOfTheSumOfSquares() {
    Scalar w = new Scalar(Optimizers.adagrad(1.0, 1e-10), 0.0);
    assertEquals(-2.0 / Math.sqrt(4 + 1e-10), w.step(2.0), 1e-15);
    assertEquals(-2.0 / Math.sqrt(4 + 1e-10) - 1.0 / Math.sqrt(5 + 1e-10), w.step(1.0), 1e-15);
  }

  @Test
  void rmspropUsesTheRunningMeanSquare() {
    Scalar w = new Scalar(Optimizers.rmsprop(0.1), 0.0);
    // E[g²] = 0.1·4 = 0.4, u = -0.1·2/√(0.4 + 1e-8).
    assertEquals(-0.2 / Math.sqrt(0.4 + 1e-8), w.step(2.0), 1e-15);
  }

  @Test
  void adadeltaCorrectsUnitsWithThePreviousUpdates() {
    double rho = 0.9;
    double eps = 1e-6;
    Scalar w = new Scalar(Optimizers.adadelta(1.0, rho, eps), 0.0);
    double eg = (1 - rho) * 4;
    double d1 = Math.sqrt(eps) / Math.sqrt(eg + eps) * 2;
    assertEquals(-d1, w.step(2.0), 1e-18);
    double edx = (1 - rho) * d1 * d1;
    eg = rho * eg + (1 - rho) * 4;
    double d2 = Math.sqrt(edx + eps) / Math.sqrt(eg + eps) * 2;
    assertEquals(-d1 - d2, w.step(2.0), 1e-18);
  }

  @Test
  void adamwShrinksTheWeightByLearningRateTimesLambda() {
    // g = 0: the Adam direction is 0, so only the decoupled decay moves w: w ← w - η·λ·w.
    Scalar w = new Scalar(Optimizers.adamw(0.1, 0.5), 2.0);
    assertEquals(2.0 - 0.1 * 0.5 * 2.0, w.step(0.0), 1e-15);
  }

  @Test
  void decayBeforeTheRateIsTheShrinkageRule() {
    // Decoupled decay with plain SGD: θ ← (1 - ηλ)θ - η·g.
    GradientTransform sgdw = GradientTransform.chain(new AddDecayedWeights(0.1), Optimizers.sgd(0.01));
    Scalar w = new Scalar(sgdw, 0.5);
    assertEquals((1 - 0.01 * 0.1) * 0.5 - 0.01 * -2.0, w.step(-2.0), 1e-15);
  }

  @Test
  void scheduledRateFollowsTheSchedule() {
    Scalar w = new Scalar(Optimizers.sgd(Schedule.stepDecay(1.0, 0.5, 2)), 0.0);
    assertEquals(-1.0, w.step(1.0), 0.0);
    assertEquals(-2.0, w.step(1.0), 0.0);
    assertEquals(-2.5, w.step(1.0), 0.0);
    assertEquals(-3.0, w.step(1.0), 0.0);
    assertEquals(-3.25, w.step(1.0), 0.0);
  }

  @Test
  void adamStateHoldsMomentsAndACount() {
    Tree params = Tree.empty().with("w", Tensor.vector(1, 2));
    Tree state = new ScaleByAdam(0.9, 0.999, 1e-8).init(params);
    assertEquals(io.vavr.collection.Vector.of("mu/w", "nu/w", "count"), state.paths());
    assertEquals(Tensor.scalar(0), state.tensor("count"));
    Step s = new ScaleByAdam(0.9, 0.999, 1e-8).update(params, state, params);
    assertEquals(Tensor.scalar(1), s.state().tensor("count"));
  }

  @Test
  void invalidHyperparametersAreNamed() {
    assertMessage(() -> Optimizers.sgd(0.0), "learning rate must be > 0, got 0.0");
    assertMessage(() -> Optimizers.sgd(-1.0), "learning rate must be > 0, got -1.0");
    assertMessage(() -> Optimizers.sgd(Double.NaN), "learning rate must be > 0, got NaN");
    assertMessage(() -> Optimizers.momentum(0.1, 1.0), "momentum γ must be in [0, 1), got 1.0");
    assertMessage(() -> Optimizers.adam(0.1, 1.2, 0.999, 1e-8), "Adam β1 must be in [0, 1), got 1.2");
    assertMessage(() -> Optimizers.adam(0.1, 0.9, -0.1, 1e-8), "Adam β2 must be in [0, 1), got -0.1");
    assertMessage(() -> Optimizers.adam(0.1, 0.9, 0.999, 0.0), "Adam ε must be > 0, got 0.0");
    assertMessage(() -> Optimizers.amsgrad(0.1, 0.9, 1.0, 1e-8), "AMSGrad β2 must be in [0, 1), got 1.0");
    assertMessage(() -> Optimizers.rmsprop(0.1, 1.5, 1e-8), "RMSprop γ must be in [0, 1), got 1.5");
    assertMessage(() -> Optimizers.adadelta(1.0, 0.9, -1e-6), "Adadelta ε must be > 0, got -1.0E-6");
    assertMessage(() -> Optimizers.adagrad(0.1, 0.0), "Adagrad ε must be > 0, got 0.0");
    assertMessage(() -> Optimizers.adamw(0.1, -0.01), "weight decay λ must be >= 0, got -0.01");
    assertMessage(() -> new ScaleByAdagrad(1e-10, -1), "Adagrad initial accumulator must be >= 0, got -1.0");
  }

  @Test
  void stateOfTheWrongShapeIsRejectedWithBothStructures() {
    Tree params = Tree.empty().with("w", Tensor.vector(1, 2));
    Tree other = Tree.empty().with("w", Tensor.vector(1, 2, 3));
    GradientTransform adam = Optimizers.adam(0.1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> adam.update(params, adam.init(other), params));
    assertTrue(e.getMessage().contains("(2)") && e.getMessage().contains("(3)"), e.getMessage());
  }

  static void assertMessage(Executable construction, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
    assertEquals(message, e.getMessage());
  }
}
