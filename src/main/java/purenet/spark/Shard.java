package purenet.spark;

import java.io.Serializable;
import purenet.data.Dataset;

/**
 * The examples of one partition of a {@link DistributedDataset}.
 *
 * @param partition the partition's index p, 0 ≤ p &lt; P
 * @param data      its examples: features (n_p, ...), labels (n_p, ...)
 */
public record Shard(int partition, Dataset data) implements Serializable {

  /**
   * Rejects a negative index or missing data.
   *
   * @param partition the partition's index p, 0 ≤ p &lt; P
   * @param data its examples: features (n_p, ...), labels (n_p, ...)
   */
  public Shard {
    if (partition < 0 || data == null) {
      throw new IllegalArgumentException("a shard needs a partition index >= 0 and data, got " + partition + ", "
          + data);
    }
  }
}
