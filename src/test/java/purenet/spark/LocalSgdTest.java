package purenet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import purenet.data.Dataset;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.Penalized;
import purenet.tensor.Tensor;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.tree.Tree;

/**
 * Local SGD on local[2]: K = 1 equals synchronous training (momentum SGD with coupled L2, a
 * mean-reduced loss), to 1e-12 relative to each leaf's largest magnitude per step; larger K is
 * reproducible and lands elsewhere.
 */
class LocalSgdTest {
  private final JavaSparkContext spark = LocalSpark.context();
  private final Dataset data = SynchronousTest.classification(Key.of(21), 160, 6, 3);
  private final DistributedDataset distributed = DistributedDataset.of(spark, data, 2, Key.of(22));
  private final TrainStep step = new TrainStep(SoftmaxCrossEntropy.mean(), Optimizers.momentum(0.1, 0.9),
      Penalized.weights(new L2(1e-3)));
  private final TrainState start = step.init(SynchronousTest.mlp(Key.of(23)), Key.of(24));
  private final BatchPlan plan = distributed.plan(32, Key.of(25));

  @Test
  void oneLocalStepEqualsSynchronousTraining() {
    int steps = 6;
    DistributedFit sync = Synchronous.of(step, 32).fit(spark, distributed, plan, start, steps);
    DistributedFit local = new LocalSgd(step, 32, 1).fit(spark, distributed, plan, start, steps);
    double d = SynchronousTest.relativeDifference(sync.state().params(), local.state().params());
    double s = SynchronousTest.relativeDifference(sync.state().optimizerState(), local.state().optimizerState());
    System.out.printf("local SGD K = 1 vs synchronous, %d steps on local[2]: max relative difference %.2e"
        + " (parameters), %.2e (momentum)%n", steps, d, s);
    assertTrue(d <= SynchronousTest.RELATIVE * steps, "parameters differ by " + d);
    assertTrue(s <= SynchronousTest.RELATIVE * steps, "momentum differs by " + s);
    assertEquals(steps, local.state().step());
    for (int t = 0; t < steps; t++) {
      assertEquals(sync.metrics().get(t).dataLoss(), local.metrics().get(t).dataLoss(),
          1e-12 * sync.metrics().get(t).dataLoss(), "loss of step " + t);
    }
  }

  @Test
  void moreLocalStepsAreReproducibleAndDiffer() {
    DistributedFit k4 = new LocalSgd(step, 32, 4).fit(spark, distributed, plan, start, 6);
    DistributedFit again = new LocalSgd(step, 32, 4).fit(spark, distributed, plan, start, 6);
    DistributedFit k1 = new LocalSgd(step, 32, 1).fit(spark, distributed, plan, start, 6);
    assertEquals(k4.state().params(), again.state().params(), "same keys, same bits");
    assertNotEquals(k4.state().params(), k1.state().params());
    assertEquals(6, k4.state().step());
    assertEquals(6, k4.metrics().size(), "a metric per global step, the last round shorter (4 + 2)");
  }

  @Test
  void averagingKeepsLeavesEveryPartitionAgreesOn() {
    Tree a = Tree.node(Vector.of(io.vavr.Tuple.of("count", Tree.leaf(Tensor.scalar(3))),
        io.vavr.Tuple.of("w", Tree.leaf(Tensor.of(new double[] {1, 2}, 2)))));
    Tree b = Tree.node(Vector.of(io.vavr.Tuple.of("count", Tree.leaf(Tensor.scalar(3))),
        io.vavr.Tuple.of("w", Tree.leaf(Tensor.of(new double[] {3, 6}, 2)))));
    Tree c = Tree.node(Vector.of(io.vavr.Tuple.of("count", Tree.leaf(Tensor.scalar(3))),
        io.vavr.Tuple.of("w", Tree.leaf(Tensor.of(new double[] {5, 10}, 2)))));
    Tree avg = LocalSgd.average(Vector.of(a, b, c), Vector.of(1 / 3.0, 1 / 3.0, 1 / 3.0));
    assertEquals(Tensor.scalar(3), avg.tensor("count"), "kept bit for bit, not 3·(1/3)·3");
    assertTrue(avg.tensor("w").maxAbsDifference(Tensor.of(new double[] {3, 6}, 2)) <= 1e-15 * 6);
  }

  @Test
  void aConstraintLambdaThatCannotSerializeFailsBeforeAnyJob() {
    UnaryOperator<Tree> halve = t -> t.scale(0.5);
    TrainStep constrained = step.withConstraints(halve::apply);   // captures the unserializable lambda
    String group = "no-job-" + System.nanoTime();
    spark.setJobGroup(group, "must stay empty", false);
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new LocalSgd(constrained, 32, 2).fit(spark, distributed, plan, start, 2));
      assertTrue(e.getMessage().contains("train step") && e.getMessage().contains("'constraints'")
          && e.getMessage().contains("UnaryOperator") && e.getMessage().contains("LocalSgdTest"), e.getMessage());
      assertEquals(0, spark.statusTracker().getJobIdsForGroup(group).length, "no Spark job ran");
    } finally {
      spark.clearJobGroup();
    }
  }
}
