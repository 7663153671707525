package purenet.spark;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import purenet.data.Dataset;
import purenet.tensor.Tensor;
import purenet.train.Metrics;
import purenet.train.StepResult;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.tree.Tree;

/**
 * Local SGD, or parameter averaging (as in DL4J): every round broadcasts the whole training state
 * (θ, optimizer state s, non-trainable state); each partition p runs K ordinary
 * {@link TrainStep#apply} steps on its own shares of the global batches t … t+K−1
 * ({@link BatchPlan}), in {@code Mode.train(BatchPlan.partitionKey(key, p).foldIn(t + j))}; the
 * driver then averages what the partitions end with, θ = Σ_p (b_p/B)·θ_p and likewise the
 * optimizer and non-trainable states, except that a leaf every partition holds bit for bit
 * identical (a step counter, a frozen weight) is kept as it is.
 *
 * <p>Communication is one state down and one up per partition every K steps instead of every
 * step: the cost of {@link Synchronous} divided by K (times the size of the optimizer state
 * relative to θ, which also travels). With K = 1 and a mean-reduced loss, an optimizer whose
 * update and state are linear in the gradient (SGD, momentum, Nesterov, coupled L2) and no
 * constraint, a round equals a synchronous step up to rounding: Σ_p (b_p/B)(θ − η·g_p) =
 * θ − η·Σ_p (b_p/B)·g_p. For Adam-like optimizers and for constraints the average of the
 * partitions' updates differs from the update of the averaged gradient, even at K = 1. Larger K
 * lets the partitions drift apart between averages (Lin et al., "Don't use large mini-batches,
 * use local SGD", ICLR 2020).
 *
 * @param step        the train step each partition runs; all of it travels to the executors
 * @param globalBatch B, examples per global step over all partitions
 * @param localSteps  K ≥ 1, the local steps between two averages
 */
public record LocalSgd(TrainStep step, int globalBatch, int localSteps) {

  /**
   * Rejects a missing step and counts below 1.
   *
   * @param step the train step each partition runs; all of it travels to the executors
   * @param globalBatch B, examples per global step over all partitions
   * @param localSteps K ≥ 1, the local steps between two averages
   */
  public LocalSgd {
    if (step == null || globalBatch < 1 || localSteps < 1) {
      throw new IllegalArgumentException("LocalSgd needs a step, a global batch >= 1 and K >= 1 local steps, got "
          + step + ", " + globalBatch + ", " + localSteps);
    }
  }

  /** What one partition ends a round with. */
  private record Local(int partition, double weight, TrainState state, Vector<Metrics> metrics, long computeNanos)
      implements Serializable {}

  /**
   * Trains for {@code steps} global steps: ⌈steps/K⌉ rounds, the last one shorter if K does not
   * divide {@code steps}.
   *
   * @param context the Spark context
   * @param data    the partitioned training set
   * @param plan    the global batches ({@code data.plan(globalBatch, key)})
   * @param start   the state to start from
   * @param steps   the number of global steps ≥ 0
   * @return the averaged final state, per-step metrics (each averaged over the partitions with
   *     weights b_p/B) and timing
   * @throws IllegalArgumentException before any Spark job if the state or the step cannot be
   *     serialized, naming the component and class
   */
  public DistributedFit fit(JavaSparkContext context, DistributedDataset data, BatchPlan plan, TrainState start,
      long steps) {
    if (!plan.shardSizes().equals(data.sizes()) || plan.globalBatch() != globalBatch) {
      throw new IllegalArgumentException("the plan must cover this data set's shards " + data.sizes()
          + " with the global batch " + globalBatch + ", got shards " + plan.shardSizes() + " and batch "
          + plan.globalBatch());
    }
    Wire.requireSerializable(start, "training state");
    Wire.requireSerializable(step, "train step");
    TrainState state = start;
    Vector<Metrics> metrics = Vector.empty();
    Timing timing = Timing.zero();
    for (long done = 0; done < steps; ) {
      int k = (int) Math.min(localSteps, steps - done);
      long roundStart = System.nanoTime();
      Broadcast<TrainState> shared = context.broadcast(state);
      TrainStep local = step;
      double batch = plan.globalBatch();
      List<Local> ends = new ArrayList<>(data.shards().map(shard -> {
        long computeStart = System.nanoTime();
        int p = shard.partition();
        TrainState from = shared.value();
        TrainState s = new TrainState(from.model(), from.optimizerState(), from.step(),
            BatchPlan.partitionKey(from.key(), p));
        Vector<Metrics> m = Vector.empty();
        for (int j = 0; j < k; j++) {
          Dataset share = plan.share(p, s.step(), shard.data());
          StepResult r = local.apply(s, share);
          s = r.state();
          m = m.append(r.metrics());
        }
        return new Local(p, plan.share(p) / batch, s, m, System.nanoTime() - computeStart);
      }).collect());
      shared.destroy();
      long driverStart = System.nanoTime();
      ends.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
      Vector<Local> byPartition = Vector.ofAll(ends);
      Vector<Double> weights = byPartition.map(Local::weight);
      TrainState first = byPartition.head().state();
      Tree params = average(byPartition.map(l -> l.state().model().params()), weights);
      Tree optimizerState = average(byPartition.map(l -> l.state().optimizerState()), weights);
      Tree modelState = average(byPartition.map(l -> l.state().model().state()), weights);
      state = new TrainState(first.model().withState(modelState).withParams(params), optimizerState,
          state.step() + k, state.key());
      for (int j = 0; j < k; j++) {
        int jj = j;
        metrics = metrics.append(averageMetrics(byPartition.map(l -> l.metrics().get(jj)), weights));
      }
      long end = System.nanoTime();
      long compute = byPartition.map(Local::computeNanos).max().get();
      timing = timing.plus(new Timing(end - roundStart, compute, end - driverStart, (long) k * plan.globalBatch()));
      done += k;
    }
    return new DistributedFit(state, metrics, timing);
  }

  /**
   * Σ_p w_p·t_p leaf by leaf, in partition order; a leaf equal in every tree is kept as it is.
   *
   * @param trees   one tree per partition, all of the same structure
   * @param weights w_p, summing to 1
   * @return the average
   */
  static Tree average(Vector<Tree> trees, Vector<Double> weights) {
    Tree first = trees.head();
    trees.forEach(t -> first.requireSameStructure(t, "a partition's tree"));
    return first.mapWithPath((path, head) -> {
      if (trees.forAll(t -> t.tensor(path).equals(head))) {
        return head;
      }
      Tensor sum = head.mul(weights.head());
      for (int p = 1; p < trees.size(); p++) {
        sum = sum.add(trees.get(p).tensor(path).mul(weights.get(p)));
      }
      return sum;
    });
  }

  private static Metrics averageMetrics(Vector<Metrics> metrics, Vector<Double> weights) {
    double data = 0;
    double penalty = 0;
    double total = 0;
    double accuracy = 0;
    int examples = 0;
    for (int p = 0; p < metrics.size(); p++) {
      Metrics m = metrics.get(p);
      double w = weights.get(p);
      data += w * m.dataLoss();
      penalty += w * m.penalty();
      total += w * m.totalLoss();
      accuracy += w * m.accuracy().getOrElse(0.0);
      examples += m.examples();
    }
    Option<Double> acc = metrics.head().accuracy().isDefined() ? Option.of(accuracy) : Option.none();
    return new Metrics(data, penalty, total, acc, examples);
  }
}
