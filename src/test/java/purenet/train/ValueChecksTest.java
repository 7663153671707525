package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.layer.Tanh;
import purenet.loss.Loss;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.loss.SquaredError;
import purenet.loss.ValueAndGrad;
import purenet.net.Sequential;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.optim.Step;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** The value checks and the divergence criterion of a training step and of Fit. */
class ValueChecksTest {
  private static final Dataset TRAIN = Blobs.of(300, Key.of(11));
  private static final TrainStep STEP = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.1));

  private static TrainState fresh(TrainStep step) {
    Key[] k = Key.of(5).split(3);
    return step.init(Sequential.of(Dense.of(2, 8, k[0]), new Tanh(), Dense.of(8, 2, k[1])), k[2]);
  }

  private static FitConfig config(int epochs) {
    return FitConfig.of(epochs, 16, Key.of(9)).silent();
  }

  /** Softmax cross-entropy whose gradient has a NaN in its last row and column: the loss stays finite. */
  private static final Loss NAN_GRADIENT = (prediction, target) -> {
    ValueAndGrad<Tensor> ce = SoftmaxCrossEntropy.mean().apply(prediction, target);
    double[] g = ce.grad().toArray();
    g[g.length - 1] = Double.NaN;
    return new ValueAndGrad<>(ce.value(), Tensor.of(g, ce.grad().shape()));
  };

  /** Plain SGD, except that from step 3 on its update of {@code 2/bias} is +∞. */
  private record Overflowing(GradientTransform sgd) implements GradientTransform {
    @Override
    public Tree init(Tree params) {
      return Tree.empty().with("sgd", sgd.init(params)).with("count", Tensor.scalar(0));
    }

    @Override
    public Step update(Tree grads, Tree state, Tree params) {
      Step inner = sgd.update(grads, state.child("sgd"), params);
      double count = state.tensor("count").item();
      Tree updates = count < 3 ? inner.updates()
          : inner.updates().mapWithPath((p, t) -> p.equals("2/bias") ? t.map(v -> Double.POSITIVE_INFINITY) : t);
      return new Step(updates, Tree.empty().with("sgd", inner.state()).with("count", Tensor.scalar(count + 1)));
    }
  }

  @Test
  void aNonFiniteGradientNamesTheParameterPathAndIndex() {
    TrainStep step = TrainStep.of(NAN_GRADIENT, Optimizers.sgd(0.1));
    TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Fit.run(step, fresh(step), TRAIN, config(2)));
    assertEquals(TrainingDiverged.Problem.GRADIENT_NOT_FINITE, e.problem());
    // The NaN reaches every weight of the first layer through the backward pass; 0/weight comes first.
    assertTrue(e.getMessage().startsWith("non-finite gradient at step 0 (epoch 1, batch 1): NaN at 0/weight[0, "),
        e.getMessage());
    assertTrue(e.getMessage().contains("of shape (2, 8)"), e.getMessage());
    assertEquals(fresh(step), e.lastGood().get());
  }

  /** Plain SGD that refuses a gradient with a NaN in it. */
  private record Strict(GradientTransform sgd) implements GradientTransform {
    @Override
    public Tree init(Tree params) {
      return sgd.init(params);
    }

    @Override
    public Step update(Tree grads, Tree state, Tree params) {
      if (!grads.leaves().forAll(Tensor::isFinite)) {
        throw new IllegalStateException("Strict: a gradient is not finite");
      }
      return sgd.update(grads, state, params);
    }
  }

  @Test
  void aNonFiniteGradientIsReportedAsSuchWhenTheOptimizerFailsOnIt() {
    // The step runs the optimizer before it checks the gradients; the report must not change.
    TrainStep step = TrainStep.of(NAN_GRADIENT, new Strict(Optimizers.sgd(0.1)));
    TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Fit.run(step, fresh(step), TRAIN, config(2)));
    assertEquals(TrainingDiverged.Problem.GRADIENT_NOT_FINITE, e.problem());
    assertTrue(e.getMessage().startsWith("non-finite gradient at step 0 (epoch 1, batch 1): NaN at 0/weight[0, "),
        e.getMessage());
    // Unchecked, the optimizer's own failure reaches the caller.
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Fit.run(step, fresh(step), TRAIN,
        config(2).withChecks(ValueChecks.all().withGradients(false))));
    assertEquals("Strict: a gradient is not finite", refused.getMessage());
  }

  @Test
  void aNonFiniteUpdatedParameterNamesThePathAndTheStep() {
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), new Overflowing(Optimizers.sgd(0.1)));
    TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Fit.run(step, fresh(step), TRAIN, config(2)));
    assertEquals(TrainingDiverged.Problem.PARAMETERS_NOT_FINITE, e.problem());
    assertTrue(e.getMessage().startsWith(
        "non-finite parameter after the update of step 3 (epoch 1, batch 4): Infinity at 2/bias[0] of shape (2)"),
        e.getMessage());
    TrainState good = e.lastGood().get();
    assertEquals(3, good.step());
    assertTrue(good.params().leaves().forAll(Tensor::isFinite));
  }

  @Test
  void eachCheckCanBeSwitchedOff() {
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), new Overflowing(Optimizers.sgd(0.1)));
    // Without the parameter check the +∞ bias trains on: the next loss is NaN, caught one step later.
    TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Fit.run(step, fresh(step), TRAIN,
        config(2).withChecks(ValueChecks.all().withParameters(false))));
    assertEquals(TrainingDiverged.Problem.LOSS_NOT_FINITE, e.problem());
    assertEquals(4, e.step());
    // Without the gradient check the NaN gradient becomes NaN parameters.
    TrainStep nan = TrainStep.of(NAN_GRADIENT, Optimizers.sgd(0.1));
    TrainingDiverged g = assertThrows(TrainingDiverged.class, () -> Fit.run(nan, fresh(nan), TRAIN,
        config(2).withChecks(ValueChecks.all().withGradients(false))));
    assertEquals(TrainingDiverged.Problem.PARAMETERS_NOT_FINITE, g.problem());
    assertEquals(0, g.step());
  }

  @Test
  void aBareStepChecksEveryValueByDefault() {
    TrainState state = fresh(STEP);
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}});
    TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> STEP.apply(state, x, Tensor.vector(0, 1)));
    assertTrue(e.getMessage().startsWith(
        "non-finite feature at step 0: Infinity at [1, 1] of the batch's features, shape (2, 2)"), e.getMessage());
    assertEquals(Option.of(state), e.lastGood());
  }

  @Test
  void aLossThatExplodesStopsBeforeItOverflowsWithTheLastGoodState() {
    // Squared error on targets of 1 with plain SGD at a learning rate far beyond 2/curvature: the
    // loss grows geometrically.
    Dataset data = new Dataset(TRAIN.features(), Tensor.ones(TRAIN.size(), 2));
    TrainStep step = TrainStep.of(SquaredError.mean(), Optimizers.sgd(3.0));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Fit.run(step, fresh(step), data,
        config(50).withProgress(Progress.EPOCHS).printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8))));
    assertEquals(TrainingDiverged.Problem.LOSS_EXPLODED, e.problem());
    assertTrue(e.getMessage().startsWith("loss exploded at step " + e.step() + " (epoch "), e.getMessage());
    assertTrue(e.getMessage().contains("> 10000 × "), e.getMessage());
    assertTrue(Double.isFinite(e.loss()) && e.loss() < 1e300, "caught long before overflow: " + e.loss());
    TrainState good = e.lastGood().get();
    assertEquals(e.step() - 1, good.step());
    assertTrue(good.params().leaves().forAll(Tensor::isFinite));
  }

  @Test
  void withoutTheDivergenceBoundTheSameRunGoesOnAndPrintsItsLossCompactly() {
    Dataset data = new Dataset(TRAIN.features(), Tensor.ones(TRAIN.size(), 2));
    TrainStep step = TrainStep.of(SquaredError.mean(), Optimizers.sgd(3.0));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> Fit.run(step, fresh(step), data,
        config(50).withDivergence(Divergence.off()).withProgress(Progress.EPOCHS)
            .printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8))));
    // It ends only when the values overflow: a checked parameter or the loss is no longer finite.
    assertTrue(e.problem() != TrainingDiverged.Problem.LOSS_EXPLODED, e.getMessage());
    String printed = bytes.toString(StandardCharsets.UTF_8);
    for (String line : printed.split("\n")) {
      String loss = line.split("  ")[1];
      assertTrue(loss.length() <= "loss 1.234e+300".length(), line);
    }
    assertTrue(printed.contains("e+"), printed);
  }

  @Test
  void compactNumbersKeepSixSignificantDigitsAtMost() {
    assertEquals("1.1e+255", CompactNumber.format(1.1e255));
    assertEquals("2.5e-7", CompactNumber.format(2.5e-7));
    assertEquals("2.30259", CompactNumber.format(2.302585093));
    assertEquals("0.0013", CompactNumber.format(0.0013));
    assertEquals("123457", CompactNumber.format(123456.7));
    assertEquals("0", CompactNumber.format(0));
    assertEquals("NaN", CompactNumber.format(Double.NaN));
    assertEquals("-Infinity", CompactNumber.format(Double.NEGATIVE_INFINITY));
    assertEquals("0.3412", CompactNumber.progress(0.34117));
    assertEquals("1.1e+255", CompactNumber.progress(1.1e255));
  }

  @Test
  void theDivergenceFactorMustExceedOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Divergence.lossAbove(1));
    assertTrue(e.getMessage().contains("must be > 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Divergence.lossAbove(Double.NaN));
    Divergence d = Divergence.standard();
    assertEquals(Option.none(), d.reference(Option.none(), -3.0));
    assertEquals(Option.of(2.0), d.reference(Option.none(), 2.0));
    assertEquals(Option.of(2.0), d.reference(Option.of(2.0), 7.0));
    assertTrue(d.diverged(Option.of(2.0), 20000.5));
    assertTrue(!d.diverged(Option.of(2.0), 20000.0) && !d.diverged(Option.none(), 1e300));
  }

  @Test
  void everyWithMethodChangesOneComponentAndKeepsTheOthers() {
    FitConfig base = FitConfig.of(5, 8, Key.of(1)).withValidation(TRAIN).withInitialEpoch(2)
        .withChecks(ValueChecks.none()).withDivergence(Divergence.lossAbove(50)).withEvalBatchSize(33);
    FitConfig changed = base.withProgress(Progress.LIVE);
    assertEquals(Progress.LIVE, changed.progress());
    assertEquals(new FitConfig(5, 8, Key.of(1), Option.of(TRAIN), Progress.LIVE, System.out, 33,
        base.callbacks(), 2, Option.none(), ValueChecks.none(), Divergence.lossAbove(50)), changed);
    assertEquals(ValueChecks.all(), base.withChecks(ValueChecks.all()).checks());
    assertEquals(base.divergence(), base.withCallbacks(EpochCallback.none()).divergence());
    assertEquals(base.checks(), base.silent().checks());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base.withInitialEpoch(5));
    assertTrue(e.getMessage().contains("initial epoch must be in [0, 5)"), e.getMessage());
  }
}
