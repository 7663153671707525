package purenet.spark;

import io.vavr.collection.Vector;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import purenet.data.Dataset;
import purenet.random.Key;

/**
 * A training set as a partitioned, cached Spark data set: one {@link Shard} per partition, so an
 * executor keeps its examples in memory across steps and only parameters and gradients travel.
 *
 * @param shards the RDD of shards, exactly one per partition, partition p holding shard p
 * @param sizes  the number of examples of each shard, in partition order
 */
public record DistributedDataset(JavaRDD<Shard> shards, Vector<Integer> sizes) {

  /**
   * Rejects a count that does not match the partitions.
   *
   * @param shards the RDD of shards, exactly one per partition, partition p holding shard p
   * @param sizes the number of examples of each shard, in partition order
   */
  public DistributedDataset {
    if (shards == null || sizes == null || sizes.isEmpty()) {
      throw new IllegalArgumentException("a distributed data set needs shards and their sizes, got " + shards + ", "
          + sizes);
    }
    if (shards.getNumPartitions() != sizes.size()) {
      throw new IllegalArgumentException("expected one size per partition (" + shards.getNumPartitions()
          + "), got " + sizes.size());
    }
  }

  /**
   * Splits a data set held by the driver into {@code partitions} shards of near-equal size and
   * distributes them: with π = {@code key.permutation(n)}, shard p holds the examples
   * π[p], π[p + P], π[p + 2P], … (sizes differ by at most one). The data travels once per
   * executor as a broadcast, from which each partition selects its rows; the tasks themselves
   * carry only partition indices, so a step's tasks stay small. For data that fits the driver;
   * larger data sets are read by the executors themselves ({@link #of(JavaRDD)}).
   *
   * @param context    the Spark context
   * @param data       the examples, n ≥ partitions
   * @param partitions P ≥ 1
   * @param key        the key of the split
   * @return the cached, partitioned data set
   */
  public static DistributedDataset of(JavaSparkContext context, Dataset data, int partitions, Key key) {
    if (partitions < 1 || data.size() < partitions) {
      throw new IllegalArgumentException("expected 1 <= partitions <= examples (" + data.size() + "), got "
          + partitions + " partitions");
    }
    int n = data.size();
    Vector<Integer> sizes = Vector.range(0, partitions).map(p -> (n - p + partitions - 1) / partitions);
    Broadcast<Dataset> all = context.broadcast(data);
    List<Integer> indices = Vector.range(0, partitions).toJavaList();
    JavaRDD<Shard> rdd = context.parallelize(indices, partitions).map(p -> {
      int[] permutation = key.permutation(n);
      int[] rows = new int[(n - p + partitions - 1) / partitions];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = permutation[p + i * partitions];
      }
      return new Shard(p, all.value().select(rows));
    }).persist(StorageLevel.MEMORY_ONLY());
    return new DistributedDataset(rdd, sizes);
  }

  /**
   * Makes one shard per partition of blocks the executors already hold (e.g. each read its own
   * files): the blocks of partition p, concatenated in their order, form shard p. Runs one Spark
   * job to count the examples.
   *
   * @param blocks the examples, in any number of blocks per partition (at least one example each)
   * @return the cached, partitioned data set
   */
  public static DistributedDataset of(JavaRDD<Dataset> blocks) {
    JavaRDD<Shard> shards = blocks.mapPartitionsWithIndex((p, it) -> {
      Dataset all = null;
      while (it.hasNext()) {
        Dataset next = it.next();
        all = all == null ? next : all.concat(next);
      }
      if (all == null) {
        throw new IllegalArgumentException("partition " + p + " holds no examples");
      }
      return List.of(new Shard(p, all)).iterator();
    }, true).persist(StorageLevel.MEMORY_ONLY());
    List<Integer> counts = shards.map(s -> s.data().size()).collect();
    return new DistributedDataset(shards, Vector.ofAll(counts));
  }

  /** {@return the number of partitions P} */
  public int partitions() {
    return sizes.size();
  }

  /** {@return the total number of examples Σ n_p} */
  public int size() {
    return sizes.sum().intValue();
  }

  /**
   * {@return the plan of global batches of {@code globalBatch} examples over these shards}
   *
   * @param globalBatch the number of examples per step over all partitions
   * @param key the key of the shuffles
   */
  public BatchPlan plan(int globalBatch, Key key) {
    return new BatchPlan(sizes, globalBatch, key);
  }

  /**
   * Brings every shard to the driver, in partition order (for tests and small data).
   *
   * @return every partition's examples, in partition order
   */
  public Vector<Dataset> collect() {
    Dataset[] byPartition = new Dataset[partitions()];
    for (Iterator<Shard> it = shards.collect().iterator(); it.hasNext(); ) {
      Shard s = it.next();
      byPartition[s.partition()] = s.data();
    }
    return Vector.of(byPartition);
  }

  /** Drops the cached shards from the executors' memory. */
  public void release() {
    shards.unpersist(false);
  }
}
