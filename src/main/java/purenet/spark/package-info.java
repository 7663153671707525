/**
 * Training and sweeps on Apache Spark: the engine adapter above {@code purenet.train}.
 *
 * <ul>
 *   <li>{@link purenet.spark.DistributedDataset}: the training set as one cached {@link
 *       purenet.spark.Shard} per partition; {@link purenet.spark.BatchPlan}: which rows of each
 *       shard form its share of every global batch, and the per-partition keys.</li>
 *   <li>{@link purenet.spark.Synchronous}: synchronous data-parallel SGD (BigDL): broadcast θ,
 *       every partition computes {@code TrainStep.gradient} of its share, {@code treeAggregate}
 *       sums the trees in a fixed pairwise order ({@link purenet.spark.PairwiseSum}), the driver
 *       runs {@code TrainStep.applyGradient}. Equals the single-machine step on the same global
 *       batch up to the order of summation.</li>
 *   <li>{@link purenet.spark.LocalSgd}: K local steps per partition, then the average (DL4J's
 *       parameter averaging); K = 1 equals synchronous training for SGD-like optimizers.</li>
 *   <li>{@link purenet.spark.Sweep}: a grid of (configuration × seed) trainings as Spark tasks,
 *       collected as a table identical to the local run's.</li>
 *   <li>{@link purenet.spark.Wire}: the check, before any job, that what travels serializes,
 *       naming the component and class that does not.</li>
 * </ul>
 *
 * <p>Cost model per global step, with |θ| parameters of 8 bytes, E executors (one partition
 * each), global batch B and c seconds of compute per example on one core:
 * <pre>
 *   synchronous:  bytes per executor = 2·8|θ|   (θ broadcast down, one gradient tree up)
 *                 bytes into driver  ≈ ⌈√E⌉·8|θ| (treeAggregate, depth 2)
 *                 time ≈ c·B/E + 2·8|θ|/bandwidth + ⌈√E⌉·8|θ|/bandwidth + latency of a job
 *   local SGD:    the same bytes (θ and the optimizer state) once every K steps: ÷ K per step
 * </pre>
 * The README section "Running on a cluster" evaluates it for the MNIST MLP (|θ| = 235,146,
 * 1.9 MB) and LeNet (|θ| = 107,786, 0.86 MB) at 10 and 100 executors, with the latency measured
 * on {@code local[2]}, and says where a parameter server or a ring all-reduce is needed instead.
 *
 * <p>Spark is a {@code provided} dependency of purenet: this package is compiled against Spark
 * 4.0 (Scala 2.13) but Spark is not on the classpath of a project that depends on purenet unless
 * it adds Spark itself (spark-submit does on a cluster).
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version; their serialized form is not a stable format, so it is left out of the
 * documentation.
 *
 * @serial exclude
 */
package purenet.spark;
