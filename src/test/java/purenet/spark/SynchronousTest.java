package purenet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.util.function.DoubleUnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Tanh;
import purenet.layer.noise.Dropout;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.loss.SquaredError;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.Penalized;
import purenet.tensor.Tensor;
import purenet.train.StepResult;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.tree.Tree;

/**
 * Synchronous data-parallel training on local[2] against the single-machine step on the same
 * global batch. Tolerance: 1e-12 relative to the largest magnitude of each parameter leaf (the
 * distributed sum adds the partitions' gradients in another order, nothing else differs).
 */
class SynchronousTest {
  static final double RELATIVE = 1e-12;

  static Dataset classification(Key key, int n, int features, int classes) {
    Key[] k = key.split(2);
    Tensor x = Tensor.of(k[0].normal(n * features), n, features);
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = k[1].foldIn(i).uniformInt(classes);
    }
    return new Dataset(x, Tensor.of(labels, n));
  }

  static Layer mlp(Key key) {
    Key[] k = key.split(2);
    return Sequential.of(Dense.of(6, 16, k[0]), new Tanh(), Dense.of(16, 3, k[1]));
  }

  /** max over leaves of max|a − b| / max|a|. */
  static double relativeDifference(Tree a, Tree b) {
    assertTrue(a.sameStructure(b), "same structure");
    double worst = 0;
    for (int i = 0; i < a.leaves().size(); i++) {
      Tensor x = a.leaves().get(i);
      Tensor y = b.leaves().get(i);
      worst = Math.max(worst, x.maxAbsDifference(y) / Math.max(x.abs().max(), Double.MIN_NORMAL));
    }
    return worst;
  }

  private final JavaSparkContext spark = LocalSpark.context();
  private final Dataset data = classification(Key.of(1), 203, 6, 3);
  private final DistributedDataset distributed = DistributedDataset.of(spark, data, 2, Key.of(2));

  private static TrainStep step() {
    return new TrainStep(SoftmaxCrossEntropy.mean(), Optimizers.momentum(0.1, 0.9),
        Penalized.weights(new L2(1e-3)));
  }

  @Test
  void oneStepEqualsTheSingleMachineStepOnTheSameGlobalBatch() {
    TrainStep step = step();
    Synchronous sync = Synchronous.of(step, 64);
    BatchPlan plan = distributed.plan(64, Key.of(3));
    TrainState start = step.init(mlp(Key.of(4)), Key.of(5));
    StepResult local = step.apply(start, plan.globalBatch(0, distributed.collect()));
    StepResult remote = sync.step(spark, distributed, plan, start);
    double d = relativeDifference(local.state().params(), remote.state().params());
    System.out.printf("synchronous, 1 step on local[2]: max relative difference %.2e%n", d);
    assertTrue(d <= RELATIVE, "parameters differ by " + d);
    assertTrue(relativeDifference(local.state().optimizerState(), remote.state().optimizerState()) <= RELATIVE);
    assertEquals(local.metrics().dataLoss(), remote.metrics().dataLoss(), RELATIVE * local.metrics().dataLoss());
    assertEquals(local.metrics().accuracy().get(), remote.metrics().accuracy().get(), 1e-15);
    assertEquals(local.metrics().examples(), remote.metrics().examples());
    assertEquals(1, remote.state().step());
  }

  @Test
  void severalStepsAcrossEpochsEqualTheSingleMachineRun() {
    TrainStep step = step();
    BatchPlan plan = distributed.plan(64, Key.of(3));
    TrainState start = step.init(mlp(Key.of(4)), Key.of(5));
    int steps = 2 * plan.stepsPerEpoch() + 1;
    DistributedFit fit = Synchronous.of(step, 64).fit(spark, distributed, plan, start, steps);
    Vector<Dataset> shards = distributed.collect();
    TrainState local = start;
    for (int t = 0; t < steps; t++) {
      local = step.apply(local, plan.globalBatch(t, shards)).state();
    }
    double d = relativeDifference(local.params(), fit.state().params());
    System.out.printf("synchronous, %d steps on local[2]: max relative difference %.2e%n", steps, d);
    assertTrue(d <= RELATIVE * steps, "after " + steps + " steps the parameters differ by " + d);
    assertEquals(steps, fit.metrics().size());
    assertEquals(steps, fit.state().step());
    assertEquals(steps * 64L, fit.timing().examples());
  }

  @Test
  void aSumReducedLossWeighsEveryShareByOne() {
    TrainStep step = TrainStep.of(SquaredError.sum(), Optimizers.sgd(0.01));
    Dataset regression = new Dataset(data.features(), data.features().matmul(Tensor.of(Key.of(13).normal(18), 6, 3)));
    DistributedDataset d = DistributedDataset.of(spark, regression, 2, Key.of(6));
    BatchPlan plan = d.plan(40, Key.of(7));
    TrainState start = step.init(mlp(Key.of(8)), Key.of(9));
    StepResult local = step.apply(start, plan.globalBatch(0, d.collect()));
    StepResult remote = Synchronous.of(step, 40).step(spark, d, plan, start);
    assertTrue(relativeDifference(local.state().params(), remote.state().params()) <= RELATIVE);
    d.release();
  }

  @Test
  void dropoutRunsAreReproducible() {
    TrainStep step = step();
    Key[] k = Key.of(10).split(2);
    Layer model = Sequential.of(Dense.of(6, 16, k[0]), new Tanh(), Dropout.drop(0.5), Dense.of(16, 3, k[1]));
    BatchPlan plan = distributed.plan(32, Key.of(11));
    TrainState start = step.init(model, Key.of(12));
    DistributedFit a = Synchronous.of(step, 32).fit(spark, distributed, plan, start, 3);
    DistributedFit b = Synchronous.of(step, 32).fit(spark, distributed, plan, start, 3);
    assertEquals(a.state().params(), b.state().params(), "same keys, same bits");
    assertTrue(!a.state().params().equals(start.params()), "it trained");
  }

  /** A user's layer holding a lambda of a JDK interface, which does not serialize. */
  record Scaled(Dense inner, DoubleUnaryOperator f) implements Layer {
    @Override
    public Forward forward(Tensor input, Mode mode) {
      return inner.forward(input.map(f), mode);
    }
  }

  @Test
  void aLayerThatCannotSerializeFailsBeforeAnyJobNamingClassAndComponent() {
    TrainStep step = step();
    Layer model = Sequential.of(Dense.of(6, 16, Key.of(1)), new Tanh(),
        new Scaled(Dense.of(16, 3, Key.of(2)), v -> 2 * v));
    BatchPlan plan = distributed.plan(64, Key.of(3));
    String group = "no-job-" + System.nanoTime();
    spark.setJobGroup(group, "must stay empty", false);
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Synchronous.of(step, 64).fit(spark, distributed, plan, step.init(model, Key.of(0)), 2));
      String m = e.getMessage();
      assertTrue(m.contains("model") && m.contains("Scaled") && m.contains("'f'")
          && m.contains("DoubleUnaryOperator") && m.contains("not Serializable"), m);
      assertEquals(0, spark.statusTracker().getJobIdsForGroup(group).length, "no Spark job ran");
    } finally {
      spark.clearJobGroup();
    }
  }

  @Test
  void aPlanForOtherShardsIsRejected() {
    TrainStep step = step();
    BatchPlan other = new BatchPlan(Vector.of(100, 100), 64, Key.of(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Synchronous.of(step, 64).step(spark, distributed, other, step.init(mlp(Key.of(1)), Key.of(0))));
    assertTrue(e.getMessage().contains("[102, 101]") || e.getMessage().contains("shards"), e.getMessage());
  }
}
