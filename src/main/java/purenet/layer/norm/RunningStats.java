package purenet.layer.norm;

import java.io.Serializable;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The running statistics of a batch norm, its non-trainable state: exponential moving averages
 * μ̃ ← α·μ̃ + (1 − α)·μ_B and σ̃² ← α·σ̃² + (1 − α)·σ²_B over training batches (Breininger et al., FAU
 * Deep Learning exercise "Regularization", 2024), where the first training batch initialises them (μ̃ =
 * μ_B, σ̃² = σ²_B) rather than being averaged with the placeholder values.
 *
 * <p>As a {@link Tree}: {@code mean} (C), {@code variance} (C), and {@code count} (a scalar), the
 * number of training batches seen; count 0 means "not initialised yet", and evaluation then uses
 * mean 0 and variance 1.
 *
 * @param mean     the running mean μ̃, (C)
 * @param variance the running variance σ̃², (C), non-negative
 * @param count    the number of training batches folded in, ≥ 0
 */
public record RunningStats(Tensor mean, Tensor variance, long count) implements Serializable {

  /**
   * Validates shapes, the variance's sign and the count.
   *
   * @param mean the running mean μ̃, (C)
   * @param variance the running variance σ̃², (C), non-negative
   * @param count the number of training batches folded in, ≥ 0
   */
  public RunningStats {
    if (mean.rank() != 1) {
      throw new IllegalArgumentException("running mean must be a vector (C), got " + mean.shape());
    }
    ChannelInput.requireVector("RunningStats", "variance", variance, mean.dim(0));
    // NaN is kept, not rejected: a batch with a NaN or ±∞ makes the running statistics NaN, as in
    // PyTorch, and the training step's value checks report it with its path and step.
    for (int i = 0; i < variance.size(); i++) {
      if (variance.at(i) < 0) {
        throw new IllegalArgumentException("running variance must be >= 0, got " + variance.at(i) + " at " + i);
      }
    }
    if (count < 0) {
      throw new IllegalArgumentException("running count must be >= 0, got " + count);
    }
  }

  /**
   * {@return uninitialised statistics for {@code channels} channels: mean 0, variance 1, count 0}
   *
   * @param channels the number of features or channels
   */
  public static RunningStats initial(int channels) {
    return new RunningStats(Tensor.zeros(channels), Tensor.ones(channels), 0);
  }

  /** {@return whether a training batch has set the statistics} */
  public boolean initialised() {
    return count > 0;
  }

  /** {@return number of channels} */
  public int channels() {
    return mean.dim(0);
  }

  /**
   * {@return the statistics after one more training batch with mean {@code batchMean} and variance
   * {@code batchVariance}: those of the batch if not initialised, else the moving average with decay
   * α}
   *
   * @param batchMean the mean of this batch, per feature or channel
   * @param batchVariance the biased variance of this batch, per feature or channel
   * @param decay α in [0, 1): the weight of the old average
   */
  public RunningStats update(Tensor batchMean, Tensor batchVariance, double decay) {
    if (!initialised()) {
      return new RunningStats(batchMean, batchVariance, 1);
    }
    return new RunningStats(
        mean.mul(decay).addScaled(1 - decay, batchMean),
        variance.mul(decay).addScaled(1 - decay, batchVariance),
        count + 1);
  }

  /** {@return the state tree {mean, variance, count}} */
  public Tree tree() {
    return Tree.empty().with("mean", mean).with("variance", variance).with("count", Tensor.scalar(count));
  }

  /**
   * {@return the statistics stored in a state tree of {@link #tree()}'s structure}
   *
   * @param state a state tree with the running mean and variance
   * @throws IllegalArgumentException if the count is not a non-negative integer
   */
  public static RunningStats of(Tree state) {
    double c = state.tensor("count").item();
    if (!(c >= 0) || c != Math.rint(c)) {
      throw new IllegalArgumentException("running count must be a non-negative integer, got " + c);
    }
    return new RunningStats(state.tensor("mean"), state.tensor("variance"), (long) c);
  }
}
