package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class BatchNormTest {
  private static final Mode TRAIN = Mode.train(Key.of(0));
  private static final Mode EVAL = Mode.eval();

  @Test
  void trainingNormalizesEachFeatureWithTheBiasedBatchVariance() {
    // Feature 0 is {1, 3}: mean 2, biased variance 1. Feature 1 is {0, 4}: mean 2, variance 4.
    Tensor x = Tensor.of(new double[][] {{1, 0}, {3, 4}});
    double eps = 1e-5;
    Tensor y = BatchNorm.of(2).forward(x, TRAIN).output();
    double a = 1 / Math.sqrt(1 + eps);
    double b = 2 / Math.sqrt(4 + eps);
    assertTrue(y.allClose(Tensor.of(new double[][] {{-a, -b}, {a, b}}), 1e-14, 0), y.toString());
  }

  @Test
  void gammaAndBetaScaleAndShift() {
    Tensor x = Tensor.of(new double[][] {{1, 0}, {3, 4}});
    BatchNorm bn = new BatchNorm(Tensor.vector(2, 3), Tensor.vector(-1, 5), RunningStats.initial(2), 1e-5, 0.9, false);
    Tensor plain = BatchNorm.of(2).forward(x, TRAIN).output();
    Tensor expected = plain.mul(Tensor.vector(2, 3)).add(Tensor.vector(-1, 5));
    assertTrue(bn.forward(x, TRAIN).output().allClose(expected, 1e-14, 1e-14));
  }

  @Test
  void firstTrainingBatchSetsTheRunningStatisticsThenTheyDecay() {
    BatchNorm bn = BatchNorm.of(2).withDecay(0.8);
    assertFalse(bn.running().initialised());
    BatchNorm first = (BatchNorm) bn.forward(Tensor.of(new double[][] {{1, 0}, {3, 4}}), TRAIN).next();
    assertEquals(new RunningStats(Tensor.vector(2, 2), Tensor.vector(1, 4), 1), first.running());
    // Second batch: mean (10, 0), variance (0, 1).
    BatchNorm second = (BatchNorm) first.forward(Tensor.of(new double[][] {{10, -1}, {10, 1}}), TRAIN).next();
    assertTrue(second.running().mean().allClose(Tensor.vector(0.8 * 2 + 0.2 * 10, 0.8 * 2), 1e-14, 0));
    assertTrue(second.running().variance().allClose(Tensor.vector(0.8 * 1, 0.8 * 4 + 0.2 * 1), 1e-14, 0));
    assertEquals(2, second.running().count());
    // The parameters travel unchanged with the new state.
    assertEquals(bn.params(), second.params());
  }

  @Test
  void evaluationUsesRunningStatisticsAndReturnsTheSameLayer() {
    BatchNorm bn = BatchNorm.of(2).withRunning(new RunningStats(Tensor.vector(1, -2), Tensor.vector(4, 9), 3));
    Tensor x = Tensor.of(new double[][] {{1, 0}, {3, 4}});
    Forward f = bn.forward(x, EVAL);
    assertSame(bn, f.next());
    double eps = BatchNorm.DEFAULT_EPSILON;
    Tensor expected = x.sub(Tensor.vector(1, -2)).div(Tensor.vector(4 + eps, 9 + eps).sqrt());
    assertTrue(f.output().allClose(expected, 1e-14, 1e-15));
    // Stochastic inference also uses the running statistics and keeps the state.
    Forward s = bn.forward(x, Mode.sample(Key.of(1)));
    assertSame(bn, s.next());
    assertEquals(f.output(), s.output());
  }

  @Test
  void unbiasedOptionScalesTheRunningVarianceByMOverMMinusOne() {
    Tensor x = Numeric.normal(Key.of(3), 4, 3, 2, 5);
    BatchNorm biased = (BatchNorm) BatchNorm.of(3).forward(x, TRAIN).next();
    BatchNorm unbiased = (BatchNorm) BatchNorm.of(3).withUnbiased(true).forward(x, TRAIN).next();
    double m = 4 * 2 * 5;
    assertTrue(unbiased.running().variance().allClose(biased.running().variance().mul(m / (m - 1)), 1e-14, 0));
    assertEquals(biased.running().mean(), unbiased.running().mean());
    // Training output itself always uses the biased batch variance.
    assertEquals(BatchNorm.of(3).forward(x, TRAIN).output(), BatchNorm.of(3).withUnbiased(true).forward(x, TRAIN).output());
  }

  @Test
  void unbiasedVarianceNeedsTwoValuesPerChannel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchNorm.of(3).withUnbiased(true).forward(Tensor.ones(1, 3), TRAIN));
    assertTrue(e.getMessage().contains("at least 2 values") && e.getMessage().contains("(1, 3)"), e.getMessage());
  }

  @Test
  void imagesAreNormalizedPerChannelOverBatchAndSpace() {
    // Seed 000: a (B, C, H, W) batch norm equals the dense one on the (B·H·W, C) reshaping.
    Tensor x = Numeric.normal(Key.of(7), 3, 4, 2, 5).mul(3).add(1);
    Tensor u = Numeric.normal(Key.of(8), 3, 4, 2, 5);
    BatchNorm bn = new BatchNorm(Numeric.normal(Key.of(9), 4), Numeric.normal(Key.of(10), 4),
        RunningStats.initial(4), 1e-3, 0.9, false);
    Forward conv = bn.forward(x, TRAIN);
    Tensor rows = x.permute(0, 2, 3, 1).reshape(-1, 4);
    Forward dense = bn.forward(rows, TRAIN);
    Tensor back = dense.output().reshape(3, 2, 5, 4).permute(0, 3, 1, 2);
    assertTrue(conv.output().allClose(back, 1e-12, 1e-12));
    Grads gc = conv.backward().apply(u);
    Grads gd = dense.backward().apply(u.permute(0, 2, 3, 1).reshape(-1, 4));
    assertTrue(gc.input().allClose(gd.input().reshape(3, 2, 5, 4).permute(0, 3, 1, 2), 1e-10, 1e-12));
    assertTrue(gc.params().allClose(gd.params(), 1e-10, 1e-12));
    assertTrue(conv.next().state().allClose(dense.next().state(), 1e-12, 1e-14));
  }

  @Test
  void inputGradientMatchesTheSeedFormula() {
    // Seed 000's backward pass written out with tensor operations, E = ∂L/∂Ŷ.
    Tensor x = Numeric.normal(Key.of(11), 6, 3).mul(2);
    Tensor e = Numeric.normal(Key.of(12), 6, 3);
    Tensor gamma = Tensor.vector(0.5, -1.5, 2);
    double eps = 1e-3;
    BatchNorm bn = new BatchNorm(gamma, Tensor.vector(1, 2, 3), RunningStats.initial(3), eps, 0.9, false);
    int b = 6;
    Tensor mu = x.mean(0);
    Tensor centered = x.sub(mu);
    Tensor var = centered.square().mean(0);
    Tensor std = var.add(eps).sqrt();
    Tensor dxTilde = e.mul(gamma);
    Tensor dVar = dxTilde.mul(centered).mul(var.add(eps).pow(-1.5).mul(-0.5)).sum(0);
    Tensor dMu = dxTilde.mul(std.pow(-1).neg()).sum(0).add(dVar.mul(centered.mul(-2).sum(0).mul(1.0 / b)));
    Tensor dx = dxTilde.div(std).add(dVar.mul(centered.mul(2.0 / b))).add(dMu.mul(1.0 / b));
    Grads g = bn.forward(x, TRAIN).backward().apply(e);
    assertTrue(g.input().allClose(dx, 1e-10, 1e-12), g.input() + " vs " + dx);
    Tensor xTilde = centered.div(std);
    assertTrue(g.params().tensor("gamma").allClose(e.mul(xTilde).sum(0), 1e-12, 1e-12));
    assertTrue(g.params().tensor("beta").allClose(e.sum(0), 1e-12, 1e-12));
  }

  @Test
  void gradientsMatchFiniteDifferencesInTrainingAndEvaluation() {
    Tensor x = Numeric.normal(Key.of(13), 5, 2, 3);
    Tensor u = Numeric.normal(Key.of(14), 5, 2, 3);
    BatchNorm bn = new BatchNorm(Tensor.vector(1.5, -0.7), Tensor.vector(0.2, 0.1),
        new RunningStats(Tensor.vector(0.3, -0.1), Tensor.vector(2, 0.5), 4), 1e-3, 0.9, false);
    for (Mode mode : new Mode[] {TRAIN, EVAL}) {
      // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
      GradientCheck.standard().layer(bn, x, mode, u).assertPasses(1e-6);
    }
  }

  @Test
  void foldedAffineEqualsEvaluation() {
    BatchNorm bn = new BatchNorm(Tensor.vector(1.5, -0.7, 2), Tensor.vector(0.2, 0.1, -3),
        new RunningStats(Tensor.vector(0.3, -0.1, 5), Tensor.vector(2, 0.5, 0.01), 4), 1e-3, 0.9, false);
    Tensor x = Numeric.normal(Key.of(15), 4, 3, 2, 2);
    assertTrue(bn.fold().apply(x).allClose(bn.apply(x), 1e-12, 1e-12));
    Dense dense = Dense.of(5, 3, Key.of(16));
    Tensor v = Numeric.normal(Key.of(17), 4, 5);
    Tensor expected = Sequential.of(dense, bn).apply(v);
    assertTrue(bn.foldInto(dense).apply(v).allClose(expected, 1e-12, 1e-12));
    assertTrue(bn.foldInto(dense.withoutBias()).apply(v).allClose(Sequential.of(dense.withoutBias(), bn).apply(v), 1e-12, 1e-12));
  }

  @Test
  void foldIntoADenseOfTheWrongWidthFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchNorm.of(3).foldInto(Dense.of(2, 4, Key.of(0))));
    assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
  }

  @Test
  void invalidHyperparametersFailAtConstruction() {
    assertMessage(() -> BatchNorm.of(2).withEpsilon(0), "epsilon must be > 0", "0.0");
    assertMessage(() -> BatchNorm.of(2).withEpsilon(Double.NaN), "epsilon must be > 0", "NaN");
    assertMessage(() -> BatchNorm.of(2).withDecay(1), "decay must be in [0, 1)", "1.0");
    assertMessage(() -> BatchNorm.of(2).withDecay(-0.1), "decay must be in [0, 1)", "-0.1");
    assertMessage(() -> new BatchNorm(Tensor.ones(2), Tensor.zeros(3), RunningStats.initial(2), 1e-5, 0.9, false),
        "beta must have shape (2)", "(3)");
    assertMessage(() -> new BatchNorm(Tensor.ones(2), Tensor.zeros(2), RunningStats.initial(3), 1e-5, 0.9, false),
        "running statistics for 2", "got 3");
    assertMessage(() -> BatchNorm.of(0), "non-empty vector", "(0)");
    assertMessage(() -> new RunningStats(Tensor.zeros(2), Tensor.vector(1, -1), 1), "variance must be >= 0", "-1");
  }

  @Test
  void wrongInputNamesTheLayerAndBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchNorm.of(3).forward(Tensor.zeros(4, 5), TRAIN));
    assertEquals("BatchNorm expects input (batch, 3) or (batch, 3, ...), got (4, 5)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BatchNorm.of(3).forward(Tensor.zeros(3), EVAL));
  }

  @Test
  void checkReportsShapesWithoutComputing() {
    BatchNorm bn = BatchNorm.of(3);
    assertEquals(ShapeCheck.ok(Shape.of(8, 3, 5, 5)), bn.check(Shape.of(8, 3, 5, 5)));
    ShapeCheck bad = bn.check(Shape.of(8, 4));
    assertFalse(bad.fits());
    assertTrue(bad.problems().head().contains("(8, 4)"), bad.problems().head());
    // A shape far too large to allocate is still checked instantly: nothing is computed.
    assertTrue(bn.check(Shape.of(1 << 20, 3, 1 << 10)).fits());
  }

  @Test
  void stateRoundTripsThroughTrees() {
    BatchNorm bn = (BatchNorm) BatchNorm.of(2).forward(Tensor.of(new double[][] {{1, 0}, {3, 4}}), TRAIN).next();
    Tree state = bn.state();
    assertEquals(Shape.scalar(), state.tensor("count").shape());
    assertEquals(bn, BatchNorm.of(2).withState(state));
    assertEquals(bn, bn.withParams(bn.params()));
    assertThrows(IllegalArgumentException.class, () -> bn.withState(Tree.empty().with("mean", Tensor.zeros(2))));
    assertMessage(() -> bn.withState(state.mapWithPath((p, t) -> p.equals("count") ? Tensor.scalar(1.5) : t)),
        "non-negative integer", "1.5");
  }

  @Test
  void backwardRejectsAGradientOfTheWrongShape() {
    Forward f = BatchNorm.of(2).forward(Tensor.zeros(3, 2), TRAIN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.backward().apply(Tensor.zeros(2, 3)));
    assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(2, 3)"), e.getMessage());
  }

  static void assertMessage(org.junit.jupiter.api.function.Executable run, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should contain '" + p + "'");
    }
  }
}
