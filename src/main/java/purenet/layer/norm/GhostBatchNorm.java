package purenet.layer.norm;

import io.vavr.collection.LinkedHashMap;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.layer.Inline;

/**
 * Ghost batch normalization (Hoffer, Hubara and Soudry 2017): a {@link BatchNorm} whose
 * training statistics come from virtual sub-batches of {@code virtualBatch} consecutive examples
 * instead of the whole batch, which keeps the regularizing noise of small batches with large
 * batches. A batch whose size is not a multiple leaves a smaller last sub-batch.
 *
 * <p>Training: sub-batch k normalizes its rows with its own μ_k, σ²_k (per channel, over its
 * examples and space); the backward pass is batch norm's within each sub-batch. The running
 * statistics take the count-weighted averages over the sub-batches, μ_B = Σ n_k μ_k / Σ n_k and
 * σ²_B = Σ n_k s²_k / Σ n_k (s²_k = σ²_k, or n_k/(n_k − 1)·σ²_k when unbiased), then update as in
 * {@link BatchNorm}. Evaluation is exactly the wrapped batch norm's. Parameters and state are the
 * wrapped batch norm's ({@code gamma}, {@code beta}; {@code mean}, {@code variance}, {@code count}).
 *
 * @param norm         the batch norm holding γ, β, the running statistics and ε, α
 * @param virtualBatch the size of a virtual sub-batch, ≥ 1
 */
public record GhostBatchNorm(@Inline BatchNorm norm, int virtualBatch) implements Layer {

  /**
   * Validates the virtual batch size.
   *
   * @param norm the batch norm holding γ, β, the running statistics and ε, α
   * @param virtualBatch the size of a virtual sub-batch, ≥ 1
   */
  public GhostBatchNorm {
    if (virtualBatch < 1) {
      throw new IllegalArgumentException("GhostBatchNorm virtualBatch must be >= 1, got " + virtualBatch);
    }
  }

  /**
   * {@return a ghost batch norm over {@code channels} with the defaults of {@link
   * BatchNorm#of(int)}}
   *
   * @param channels the number of features (B, F) or channels (B, C, H, W), ≥ 1
   * @param virtualBatch the size of the virtual sub-batches, ≥ 1
   */
  public static GhostBatchNorm of(int channels, int virtualBatch) {
    return new GhostBatchNorm(BatchNorm.of(channels), virtualBatch);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Shape in = input.shape();
    int channels = norm.channels();
    ChannelInput.require(name(), channels, 2, in);
    if (!mode.isTraining()) {
      Forward f = norm.forward(input, mode);
      return new Forward(f.output(), f.backward(), this);
    }
    Grouping g = Grouping.ghost(in.dim(0), channels, ChannelInput.inner(in), virtualBatch);
    Standardized s = Standardize.withOwnStatistics(
        input.toArray(), g, true, norm.epsilon(), norm.gamma().toArray(), norm.beta().toArray());
    double[] mean = new double[channels];
    double[] variance = new double[channels];
    double total = 0;
    for (int k = 0; k < g.groups() / channels; k++) {
      int n = s.count()[k * channels];
      if (norm.unbiased()) {
        norm.requireTwoValues(n, in);
      }
      double correction = norm.unbiased() ? n / (n - 1.0) : 1.0;
      total += n;
      for (int c = 0; c < channels; c++) {
        mean[c] += n * s.mean()[k * channels + c];
        variance[c] += n * correction * s.variance()[k * channels + c];
      }
    }
    if (total == 0) {
      // An empty batch carries no statistics: nothing to average in.
      return Passes.forward(this, in, s, norm.gamma(), this);
    }
    for (int c = 0; c < channels; c++) {
      mean[c] /= total;
      variance[c] /= total;
    }
    RunningStats running = norm.running().update(Tensor.vector(mean), Tensor.vector(variance), norm.decay());
    GhostBatchNorm next = new GhostBatchNorm(norm.withRunning(running), virtualBatch);
    return Passes.forward(this, in, s, norm.gamma(), next);
  }

  /** {@return the inference form, {@link BatchNorm#fold()} of the wrapped batch norm} */
  public Affine fold() {
    return norm.fold();
  }

  /**
   * {@return the wrapped batch norm folded into a preceding Dense layer ({@link
   * BatchNorm#foldInto})}
   *
   * @param preceding the dense layer whose output this batch norm takes
   */
  public Dense foldInto(Dense preceding) {
    return norm.foldInto(preceding);
  }

  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck c = ChannelInput.check(name(), norm.channels(), 2, input);
    return new ShapeCheck(c.output(), c.problems(), LinkedHashMap.of("norm", norm.check(input)));
  }
}
