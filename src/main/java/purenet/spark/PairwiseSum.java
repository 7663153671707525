package purenet.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sum of the P partitions' contributions in one fixed order, whatever order Spark's tasks
 * finish in: the pairwise tree over partition indices. Node (ℓ, i) is the sum of partitions
 * [i·2^ℓ, (i+1)·2^ℓ) ∩ [0, P), computed as node (ℓ−1, 2i) + node (ℓ−1, 2i+1); the root (L, 0),
 * 2^L ≥ P, is the total. Merging partial sums only ever adds two complete sibling nodes, so the
 * floating-point result is the same bits on every run, for any thread or executor count, and
 * siblings that meet on an executor are added there ({@code treeAggregate}).
 *
 * <p>Values are kept as given and never mutated: a partial sum is a value.
 *
 * @param partitions P, the number of contributions the total will hold
 * @param nodes      the complete nodes held so far, keyed by {@code ℓ·2³² + i}
 */
public record PairwiseSum(int partitions, TreeMap<Long, Contribution> nodes) implements Serializable {

  /**
   * Rejects a count below one.
   *
   * @param partitions P, the number of contributions the total will hold
   * @param nodes the complete nodes held so far, keyed by {@code ℓ·2³² + i}
   */
  public PairwiseSum {
    if (partitions < 1 || nodes == null) {
      throw new IllegalArgumentException("a pairwise sum needs >= 1 partitions, got " + partitions);
    }
    nodes = new TreeMap<>(nodes);
  }

  /** {@return the complete nodes held so far (a copy)} */
  @Override
  public TreeMap<Long, Contribution> nodes() {
    return new TreeMap<>(nodes);
  }

  /**
   * {@return the sum of nothing yet, over {@code partitions} partitions}
   *
   * @param partitions P, the number of contributions the total will hold
   */
  public static PairwiseSum empty(int partitions) {
    return new PairwiseSum(partitions, new TreeMap<>());
  }

  /**
   * {@return this sum with partition {@code partition}'s contribution added}
   *
   * @param partition the partition's index
   * @param contribution the partition's contribution
   */
  public PairwiseSum add(int partition, Contribution contribution) {
    if (partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException("expected a partition in [0, " + partitions + "), got " + partition);
    }
    TreeMap<Long, Contribution> single = new TreeMap<>();
    single.put(key(0, partition), contribution);
    return merge(new PairwiseSum(partitions, single));
  }

  /**
   * {@return the union of two disjoint partial sums, with every pair of complete siblings added}
   *
   * @param other the sum of other partitions
   */
  public PairwiseSum merge(PairwiseSum other) {
    if (other.partitions != partitions) {
      throw new IllegalArgumentException("cannot merge sums over " + partitions + " and " + other.partitions
          + " partitions");
    }
    TreeMap<Long, Contribution> all = new TreeMap<>(nodes);
    for (Map.Entry<Long, Contribution> e : other.nodes.entrySet()) {
      if (all.containsKey(e.getKey())) {
        throw new IllegalStateException("partition range " + describe(e.getKey()) + " was summed twice");
      }
      all.put(e.getKey(), e.getValue());
    }
    int top = top();
    for (int level = 0; level < top; level++) {
      for (Long k : all.navigableKeySet().subSet(key(level, 0), true, key(level + 1, 0), false).toArray(new Long[0])) {
        long i = k & 0xffffffffL;
        if (!all.containsKey(k) || i % 2 != 0) {
          continue;
        }
        long right = key(level, i + 1);
        if (all.containsKey(right)) {
          all.put(key(level + 1, i / 2), all.remove(k).plus(all.remove(right)));
        } else if (((i + 1) << level) >= partitions) {
          all.put(key(level + 1, i / 2), all.remove(k));
        }
      }
    }
    return new PairwiseSum(partitions, all);
  }

  /** {@return whether every partition has been added} */
  public boolean isComplete() {
    return nodes.size() == 1 && nodes.firstKey() == key(top(), 0);
  }

  /** {@return the total over all P partitions} */
  public Contribution total() {
    if (!isComplete()) {
      throw new IllegalStateException("the sum over " + partitions + " partitions is missing some: it holds "
          + nodes.keySet().stream().map(PairwiseSum::describe).toList());
    }
    return nodes.firstEntry().getValue();
  }

  private int top() {
    int level = 0;
    while ((1L << level) < partitions) {
      level++;
    }
    return level;
  }

  private static long key(int level, long index) {
    return ((long) level << 32) | index;
  }

  private static String describe(long key) {
    int level = (int) (key >>> 32);
    long i = key & 0xffffffffL;
    return "[" + (i << level) + ", " + ((i + 1) << level) + ")";
  }
}
