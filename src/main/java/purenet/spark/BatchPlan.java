package purenet.spark;

import io.vavr.collection.Vector;
import java.io.Serializable;
import purenet.data.Dataset;
import purenet.random.Key;

/**
 * Which examples of each shard form its share of every global batch, as a pure function of the
 * shard sizes, the global batch size and a key; the driver and every executor compute it alike.
 *
 * <p>With P shards of sizes n_0 … n_{P−1} and a global batch of B examples, shard p contributes
 * b_p = ⌊B/P⌋ examples, one more for p &lt; B mod P (Σ b_p = B). An epoch has
 * E = min_p ⌊n_p / b_p⌋ steps. Global step t lies in epoch e = ⌊t/E⌋ at position s = t mod E;
 * shard p takes rows π[s·b_p, (s+1)·b_p) of its permutation π = {@code key.foldIn(e).foldIn(p)
 * .permutation(n_p)}. The global batch of step t is the concatenation of the shares in
 * partition order ({@link #globalBatch}).
 *
 * @param shardSizes  n_p, the examples of each shard (partition order), each ≥ b_p
 * @param globalBatch B, examples per step over all shards, ≥ P
 * @param key         the key of the shuffles
 */
public record BatchPlan(Vector<Integer> shardSizes, int globalBatch, Key key) implements Serializable {

  /**
   * Rejects a batch smaller than the number of shards, or a shard smaller than its share.
   *
   * @param shardSizes n_p, the examples of each shard (partition order), each ≥ b_p
   * @param globalBatch B, examples per step over all shards, ≥ P
   * @param key the key of the shuffles
   */
  public BatchPlan {
    if (shardSizes == null || shardSizes.isEmpty() || key == null) {
      throw new IllegalArgumentException("a batch plan needs at least one shard and a key, got " + shardSizes
          + ", " + key);
    }
    int p = shardSizes.size();
    if (globalBatch < p) {
      throw new IllegalArgumentException("the global batch must hold at least one example per partition: expected "
          + ">= " + p + ", got " + globalBatch);
    }
    for (int i = 0; i < p; i++) {
      int share = globalBatch / p + (i < globalBatch % p ? 1 : 0);
      if (shardSizes.get(i) < share) {
        throw new IllegalArgumentException("partition " + i + " holds " + shardSizes.get(i)
            + " examples, fewer than its share " + share + " of the global batch " + globalBatch);
      }
    }
  }

  /** {@return the number of shards P} */
  public int partitions() {
    return shardSizes.size();
  }

  /**
   * {@return b_p, shard p's share of every global batch}
   *
   * @param partition the partition's index
   */
  public int share(int partition) {
    int p = partitions();
    return globalBatch / p + (partition < globalBatch % p ? 1 : 0);
  }

  /** {@return e = min_p ⌊n_p / b_p⌋, the global steps of one epoch} */
  public int stepsPerEpoch() {
    int steps = Integer.MAX_VALUE;
    for (int p = 0; p < partitions(); p++) {
      steps = Math.min(steps, shardSizes.get(p) / share(p));
    }
    return steps;
  }

  /**
   * {@return the rows of shard {@code partition} that form its share of global step {@code step}
   * (see the class comment)}
   *
   * @param partition the partition's index
   * @param step the global step
   */
  public int[] rows(int partition, long step) {
    if (partition < 0 || partition >= partitions() || step < 0) {
      throw new IllegalArgumentException("expected a partition in [0, " + partitions() + ") and a step >= 0, got "
          + partition + " and " + step);
    }
    int epochSteps = stepsPerEpoch();
    long epoch = step / epochSteps;
    int position = (int) (step % epochSteps);
    int b = share(partition);
    int[] permutation = key.foldIn(epoch).foldIn(partition).permutation(shardSizes.get(partition));
    int[] rows = new int[b];
    System.arraycopy(permutation, position * b, rows, 0, b);
    return rows;
  }

  /**
   * {@return shard {@code partition}'s share of global step {@code step}: {@code
   * shard.select(rows(partition, step))}}
   *
   * @param partition the partition's index
   * @param step the global step
   * @param shard the partition's examples
   */
  public Dataset share(int partition, long step, Dataset shard) {
    if (shard.size() != shardSizes.get(partition)) {
      throw new IllegalArgumentException("partition " + partition + " should hold " + shardSizes.get(partition)
          + " examples, got " + shard.size());
    }
    return shard.select(rows(partition, step));
  }

  /**
   * The whole global batch of a step, the shares concatenated in partition order: what a single
   * machine trains on to take the same step.
   *
   * @param step   the global step
   * @param shards the shards' data, in partition order
   * @return B examples
   */
  public Dataset globalBatch(long step, Vector<Dataset> shards) {
    if (shards.size() != partitions()) {
      throw new IllegalArgumentException("expected " + partitions() + " shards, got " + shards.size());
    }
    Dataset batch = share(0, step, shards.get(0));
    for (int p = 1; p < partitions(); p++) {
      batch = batch.concat(share(p, step, shards.get(p)));
    }
    return batch;
  }

  /**
   * {@return the base key of a partition's randomness: step t on partition p trains in {@code
   * Mode.train(partitionKey(base, p).foldIn(t))}} Negative data keeps it apart from the
   * single-machine step keys {@code base.foldIn(t)}, t ≥ 0.
   *
   * @param base the plan's key
   * @param partition the partition's index
   */
  public static Key partitionKey(Key base, int partition) {
    return base.foldIn(-1L - partition);
  }
}
