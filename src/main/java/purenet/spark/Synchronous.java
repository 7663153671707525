package purenet.spark;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import purenet.data.Dataset;
import purenet.layer.Layer;
import purenet.loss.BinaryCrossEntropy;
import purenet.loss.Loss;
import purenet.loss.Reduction;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.loss.SquaredError;
import purenet.optim.GradientTransform;
import purenet.regularize.Penalties;
import purenet.train.Accuracy;
import purenet.train.BatchGradient;
import purenet.train.Metrics;
import purenet.train.StepResult;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * Synchronous data-parallel training (as in BigDL): every global step t
 * <ol>
 *   <li>broadcasts the model θ_t to the executors;</li>
 *   <li>each partition p computes {@link TrainStep#gradient} on its share of b_p examples of the
 *       global batch ({@link BatchPlan}), in {@code Mode.train(BatchPlan.partitionKey(key, p)
 *       .foldIn(t))};</li>
 *   <li>the weighted gradients are summed with {@code treeAggregate} in a fixed pairwise order
 *       ({@link PairwiseSum}): g = Σ_p w_p·g_p with w_p = b_p/B for a mean-reduced loss and 1 for
 *       a sum-reduced one, which is the gradient of the whole global batch;</li>
 *   <li>the driver runs {@link TrainStep#applyGradient}: coupled penalties, the
 *       {@code GradientTransform}, constraints.</li>
 * </ol>
 * For a model that treats the examples of a batch independently and draws no randomness (no
 * dropout, no batch statistics), one step equals {@code step.apply} on the global batch up to
 * the order of summation. Batch normalization normalizes with each share's own statistics and
 * its running averages are averaged with weights b_p/B; dropout masks come from per-partition keys.
 * A penalty the forward pass adds itself (activity regularization) is weighted like the loss.
 *
 * <p>Only the model and the loss (with the accuracy) travel to the executors; the optimizer, its
 * state, the penalties and the constraints stay on the driver. Communication per step: the
 * parameters down to every executor (broadcast) and one gradient tree up from each, about
 * 2·|θ|·8 bytes per executor (see the package comment for the cost model).
 *
 * @param step        the train step; its loss and accuracy run on the executors, the rest on the driver
 * @param globalBatch B, examples per step over all partitions
 * @param reduction   how the loss reduces over a batch: fixes the weights w_p
 * @param depth       the depth of {@code treeAggregate} (2 is Spark's default; ≥ 1)
 */
public record Synchronous(TrainStep step, int globalBatch, Reduction reduction, int depth) {

  /**
   * Rejects missing parts, a batch below 1 and a depth below 1.
   *
   * @param step the train step; its loss and accuracy run on the executors, the rest on the driver
   * @param globalBatch B, examples per step over all partitions
   * @param reduction how the loss reduces over a batch: fixes the weights w_p
   * @param depth the depth of {@code treeAggregate} (2 is Spark's default; ≥ 1)
   */
  public Synchronous {
    if (step == null || reduction == null || globalBatch < 1 || depth < 1) {
      throw new IllegalArgumentException("Synchronous needs a step, a reduction, a global batch >= 1 and a depth"
          + " >= 1, got " + step + ", " + reduction + ", " + globalBatch + ", " + depth);
    }
  }

  /**
   * Synchronous training with the reduction of the step's loss ({@link #reductionOf}) and depth 2.
   *
   * @param step        the train step
   * @param globalBatch B, examples per step over all partitions
   * @return the trainer
   */
  public static Synchronous of(TrainStep step, int globalBatch) {
    return new Synchronous(step, globalBatch, reductionOf(step.loss()), 2);
  }

  /**
   * {@return how a library loss reduces over the batch: the reduction of {@link
   * SoftmaxCrossEntropy}, {@link SquaredError} and {@link BinaryCrossEntropy}}
   *
   * @param loss the loss
   * @throws IllegalArgumentException for any other loss, whose reduction must then be given
   *     explicitly (a wrong one would scale the gradient silently)
   */
  public static Reduction reductionOf(Loss loss) {
    if (loss instanceof SoftmaxCrossEntropy l) {
      return l.reduction();
    }
    if (loss instanceof SquaredError l) {
      return l.reduction();
    }
    if (loss instanceof BinaryCrossEntropy l) {
      return l.reduction();
    }
    throw new IllegalArgumentException("cannot tell whether " + loss.getClass().getName() + " sums or averages over"
        + " the batch; construct Synchronous with an explicit Reduction");
  }

  /**
   * Trains for {@code steps} global steps.
   *
   * @param context the Spark context the data lives in
   * @param data    the partitioned training set
   * @param plan    the global batches ({@code data.plan(globalBatch, key)})
   * @param start   the state to start from (its step number is the first global step)
   * @param steps   the number of global steps ≥ 0
   * @return the final state, per-step metrics and timing
   * @throws IllegalArgumentException before any Spark job if the model or the loss cannot be
   *     serialized, naming the component and class
   */
  public DistributedFit fit(JavaSparkContext context, DistributedDataset data, BatchPlan plan, TrainState start,
      long steps) {
    requireFits(data, plan);
    Wire.requireSerializable(start.model(), "model");
    Wire.requireSerializable(gradientStep(), "loss and accuracy");
    TrainState state = start;
    Vector<Metrics> metrics = Vector.empty();
    Timing timing = Timing.zero();
    for (long t = 0; t < steps; t++) {
      Round round = round(context, data, plan, state);
      state = round.result().state();
      metrics = metrics.append(round.result().metrics());
      timing = timing.plus(round.timing());
    }
    return new DistributedFit(state, metrics, timing);
  }

  /**
   * One global step from {@code state}: step number {@code state.step()} of the plan.
   *
   * @param context the Spark context
   * @param data the partitioned training set
   * @param plan which examples each partition contributes at each step
   * @param state the state before the step
   * @return the state after the step and the metrics of the global batch
   */
  public StepResult step(JavaSparkContext context, DistributedDataset data, BatchPlan plan, TrainState state) {
    requireFits(data, plan);
    Wire.requireSerializable(state.model(), "model");
    Wire.requireSerializable(gradientStep(), "loss and accuracy");
    return round(context, data, plan, state).result();
  }

  private record Round(StepResult result, Timing timing) {}

  private Round round(JavaSparkContext context, DistributedDataset data, BatchPlan plan, TrainState state) {
    long start = System.nanoTime();
    Broadcast<Layer> model = context.broadcast(state.model());
    TrainStep onExecutor = gradientStep();
    Reduction weighting = reduction;
    long t = state.step();
    purenet.random.Key key = state.key();
    int partitions = plan.partitions();
    double batch = plan.globalBatch();
    PairwiseSum sum = data.shards().treeAggregate(PairwiseSum.empty(partitions), (partial, shard) -> {
      long computeStart = System.nanoTime();
      int p = shard.partition();
      Dataset share = plan.share(p, t, shard.data());
      BatchGradient g = onExecutor.gradient(model.value(), share.features(), share.labels(),
          BatchPlan.partitionKey(key, p).foldIn(t));
      double fraction = share.size() / batch;
      Contribution c = Contribution.of(g, weighting == Reduction.MEAN ? fraction : 1.0, fraction,
          System.nanoTime() - computeStart);
      return partial.add(p, c);
    }, PairwiseSum::merge, depth);
    model.destroy();
    long driverStart = System.nanoTime();
    Contribution total = sum.total();
    StepResult result = step.applyGradient(state, total.toGradient());
    long end = System.nanoTime();
    return new Round(result, new Timing(end - start, total.computeNanos(), end - driverStart, plan.globalBatch()));
  }

  /**
   * What the executors run: the gradient half of the step only. The optimizer (here the identity
   * chain, never applied), the penalties and the constraints stay on the driver and need not
   * serialize.
   */
  private TrainStep gradientStep() {
    Option<Accuracy> accuracy = step.accuracy();
    return new TrainStep(step.loss(), GradientTransform.chain(), Penalties.none(), Vector.empty(), accuracy);
  }

  private void requireFits(DistributedDataset data, BatchPlan plan) {
    if (!plan.shardSizes().equals(data.sizes()) || plan.globalBatch() != globalBatch) {
      throw new IllegalArgumentException("the plan must cover this data set's shards " + data.sizes()
          + " with the global batch " + globalBatch + ", got shards " + plan.shardSizes() + " and batch "
          + plan.globalBatch());
    }
  }
}
