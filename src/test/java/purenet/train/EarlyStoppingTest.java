package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.layer.Tanh;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class EarlyStoppingTest {

  private static Tree params(int epoch) {
    return Tree.leaf(Tensor.scalar(epoch));
  }

  private static EarlyStopping feed(EarlyStopping s, double... metrics) {
    for (int i = 0; i < metrics.length && !s.shouldStop(); i++) {
      s = s.update(metrics[i], params(s.epoch() + 1));
    }
    return s;
  }

  @Test
  void returnsTheModelStoredPatienceStepsBeforeTheStop() {
    // Seed 001: no improvement in the previous p steps at step k: stop, return the model of step k - p.
    EarlyStopping s = feed(EarlyStopping.minimize(3), 5, 4, 3, 3.5, 3.2, 3.1, 2.0);
    assertTrue(s.shouldStop());
    assertEquals(6, s.epoch(), "stopped at k = 6, the 2.0 of epoch 7 is never seen");
    EarlyStopping.Result r = s.finish(params(6));
    assertEquals(3, r.bestEpoch());
    assertEquals(params(3), r.params());
    assertEquals(Option.of(3.0), r.bestMetric());
    assertTrue(r.stoppedEarly());
  }

  @Test
  void theEpochLimitAlsoReturnsTheBestWeights() {
    EarlyStopping s = feed(EarlyStopping.minimize(10), 5, 2, 3, 4);
    assertFalse(s.shouldStop());
    EarlyStopping.Result r = s.finish(params(4));
    assertEquals(params(2), r.params());
    assertFalse(r.stoppedEarly());
  }

  @Test
  void neverImprovedKeepsTheLastWeights() {
    EarlyStopping s = feed(EarlyStopping.minimize(2), Double.NaN, Double.NaN, 1.0);
    assertTrue(s.shouldStop());
    EarlyStopping.Result r = s.finish(params(2));
    assertFalse(r.improved());
    assertEquals(params(2), r.params());
    assertEquals(2, r.bestEpoch());

    EarlyStopping warm = feed(EarlyStopping.minimize(2).withWarmup(5), 1, 2, 3);
    assertFalse(warm.finish(params(3)).improved(), "training ended inside the warm-up");
  }

  @Test
  void warmUpMinDeltaAndMaximisation() {
    EarlyStopping s = feed(EarlyStopping.minimize(5).withWarmup(2), 0.1, 0.2, 0.9, 0.8);
    assertEquals(Option.of(4), s.bestEpoch(), "epochs 1 and 2 are ignored");
    EarlyStopping d = feed(EarlyStopping.minimize(5).withMinDelta(0.05), 1.0, 0.97, 0.9);
    assertEquals(Option.of(3), d.bestEpoch(), "0.97 is not 0.05 better than 1.0; 0.9 is");
    EarlyStopping m = feed(EarlyStopping.maximize(2), 0.5, 0.7, 0.6, 0.65);
    assertEquals(Option.of(2), m.bestEpoch());
    assertTrue(m.shouldStop());
  }

  @Test
  void badSettingsFailNamingTheValue() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EarlyStopping.minimize(0)).getMessage().contains("got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EarlyStopping.minimize(3).withMinDelta(-0.1))
        .getMessage().contains("-0.1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EarlyStopping.minimize(3).withWarmup(-2))
        .getMessage().contains("-2"));
    assertThrows(IllegalArgumentException.class,
        () -> new EarlyStoppingCallback(EarlyStopping.minimize(3), Monitor.VALIDATION_ACCURACY, 10));
  }

  // ---------------------------------------------------------------- with Fit

  /** Few points with a third of the labels flipped: the network overfits, validation loss turns up. */
  private static final Dataset TRAIN = flipped(Blobs.of(40, Key.of(21)), Key.of(23), 0.2);
  private static final Dataset VALIDATION = Blobs.of(80, Key.of(22));
  private static final TrainStep STEP = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.05));

  private static TrainState fresh() {
    Key[] k = Key.of(3).split(3);
    return STEP.init(Sequential.of(Dense.of(2, 32, k[0]), new Tanh(), Dense.of(32, 2, k[1])), k[2]);
  }

  private static Dataset flipped(Dataset d, Key key, double fraction) {
    double[] u = key.uniform(d.size());
    double[] y = d.labels().toArray();
    for (int i = 0; i < y.length; i++) {
      y[i] = u[i] < fraction ? 1 - y[i] : y[i];
    }
    return new Dataset(d.features(), Tensor.of(y, y.length));
  }

  private static FitConfig config(int epochs) {
    return FitConfig.of(epochs, 8, Key.of(4)).withValidation(VALIDATION).silent();
  }

  @Test
  void theCallbackRestoresTheBestEpochsWeightsWhateverEndsTraining() {
    for (int patience : new int[] {1, 2, 50}) {
      EarlyStoppingCallback callback = EarlyStoppingCallback.of(Monitor.VALIDATION_LOSS, patience);
      FitResult r = callback.fit(STEP, fresh(), TRAIN, config(30));
      int best = Retrain.bestEpoch(r.history(), Monitor.VALIDATION_LOSS, callback.criterion()).get();
      double[] losses = r.history().validationLoss();
      for (double l : losses) {
        assertTrue(losses[best - 1] <= l, "epoch " + best + " has the smallest validation loss seen");
      }
      // Fit is deterministic: the first `best` epochs of the run are a run of `best` epochs.
      // The curve turns up (best 5 of 6 with patience 1; best 23 of 30, the epoch limit, with 50).
      assertTrue(best < r.history().size(), "the best epoch is not simply the last one");
      FitResult shorter = Fit.run(STEP, fresh(), TRAIN, config(best));
      assertEquals(shorter.state().params(), r.state().params(), "patience " + patience);
      assertTrue(r.stopReason().get().contains("restoring epoch " + best), r.stopReason().get());
    }
  }

  @Test
  void theCallbackStopsWithTheBestStateAndCarriesItsMemoryOtherwise() {
    TrainState state = fresh();
    EpochCallback c = new EarlyStoppingCallback(EarlyStopping.minimize(1), Monitor.VALIDATION_LOSS, 10);
    History h = History.empty().append(epoch(1, 0.5));
    Decision first = c.afterEpoch(h, state);
    EpochCallback next = assertInstanceOf(Decision.Proceed.class, first).next().get();
    TrainState later = new TrainState(state.model().withParams(state.params().map(t -> t.add(1))),
        state.optimizerState(), state.step() + 1, state.key());
    Decision second = next.afterEpoch(h.append(epoch(2, 0.6)), later);
    Decision.Stop stop = assertInstanceOf(Decision.Stop.class, second);
    assertEquals(state.params(), stop.restore().get().params(), "the weights after epoch 1 come back");
    assertThrows(IllegalArgumentException.class, () -> c.afterEpoch(History.empty().append(
        new History.Epoch(1, 1, 0.4, 0, Option.none(), Option.none(), Option.none())), state),
        "no validation loss to monitor");
  }

  private static History.Epoch epoch(int e, double validationLoss) {
    return new History.Epoch(e, e, 1.0, 0.0, Option.none(), Option.of(validationLoss), Option.none());
  }

  @Test
  void retrainingRunsTheBestNumberOfEpochsOnTrainAndValidation() {
    EarlyStoppingCallback callback = EarlyStoppingCallback.of(Monitor.VALIDATION_ACCURACY, 2);
    FitResult first = callback.fit(STEP, fresh(), TRAIN, config(8));
    int best = Retrain.bestEpoch(first.history(), Monitor.VALIDATION_ACCURACY, callback.criterion()).get();
    TrainState start = fresh();
    FitResult second = Retrain.onTrainAndValidation(STEP, start.model(), start.key(), TRAIN, VALIDATION, config(8), best);
    assertEquals(best, second.history().size());
    assertTrue(second.history().epochs().forAll(e -> e.validationLoss().isEmpty()), "nothing is held out");
    FitResult direct = Fit.run(STEP, start, TRAIN.concat(VALIDATION), FitConfig.of(best, 8, Key.of(4)).silent());
    assertEquals(direct.state().params(), second.state().params());
  }
}
