package purenet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/** Sweeps as Spark tasks reproduce the local nested loop bit for bit, in grid order. */
class SweepTest {

  @Test
  void theSparkTableIsTheLocalTable() {
    Dataset data = SynchronousTest.classification(Key.of(31), 64, 6, 3);
    SweepTask<Double, Double> task = (learningRate, seed) -> {
      TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(learningRate));
      TrainState s = step.init(SynchronousTest.mlp(Key.of(seed)), Key.of(seed + 1));
      for (int i = 0; i < 5; i++) {
        s = step.apply(s, data).state();
      }
      return s.model().params().globalNorm();
    };
    Vector<Double> rates = Vector.of(0.01, 0.1, 0.5);
    Vector<Long> seeds = Vector.of(1L, 2L);
    Vector<SweepResult<Double, Double>> spark = Sweep.run(LocalSpark.context(), rates, seeds, task);
    assertEquals(Sweep.local(rates, seeds, task), spark);
    assertEquals(Vector.of(0.01, 0.01, 0.1, 0.1, 0.5, 0.5), spark.map(SweepResult::configuration));
    assertEquals(Vector.of(1L, 2L, 1L, 2L, 1L, 2L), spark.map(SweepResult::seed));
  }

  /** A configuration holding a non-serializable lambda. */
  record Config(DoubleUnaryOperator schedule) {}

  @Test
  void aConfigurationThatCannotSerializeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sweep.run(LocalSpark.context(), Vector.of(new Config(v -> v)), Vector.of(1L), (c, s) -> 0.0));
    assertTrue(e.getMessage().contains("configuration 0") && e.getMessage().contains("SweepTest$Config"),
        e.getMessage());
  }

  @Test
  void anEmptyGridIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sweep.local(Vector.<Double>empty(), Vector.of(1L), (c, s) -> 0.0));
    assertTrue(e.getMessage().contains("0 configurations"), e.getMessage());
  }
}
