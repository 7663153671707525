package purenet.layer.norm;

import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Group normalization (Wu and He 2018): the C channels are split into G groups of
 * C/G consecutive channels, and each group of each example is normalized over its channels and
 * spatial positions, μ_i = (1/m)·Σ_{k∈S_i} x_k, σ_i = √((1/m)·Σ_{k∈S_i}(x_k − μ_i)² + ε),
 * y = γ_c·(x − μ_i)/σ_i + β_c, with per-channel γ, β. Independent of the batch size; the same in
 * training and evaluation; no state.
 *
 * <p>Input (batch, C) or (batch, C, d₁, ..., dₖ); the output has the input's shape. One group
 * equals {@link LayerNorm} over (C, d₁, ..., dₖ) (with γ, β constant over space); C groups equal
 * {@link InstanceNorm}. Backward, with ĝ = γ·∂L/∂y and means ⟨·⟩ over a group:
 * ∂L/∂x = (ĝ − ⟨ĝ⟩ − x̂·⟨ĝ·x̂⟩)/σ_i. Parameters {@code gamma}, {@code beta} (C).
 *
 * @param groups  the number of groups G, which must divide C
 * @param gamma   the scale γ, (C)
 * @param beta    the shift β, (C)
 * @param epsilon ε &gt; 0 added to the variance
 */
public record GroupNorm(int groups, Tensor gamma, Tensor beta, double epsilon) implements Layer {

  /**
   * Validates shapes, the group count and ε.
   *
   * @param groups the number of groups G, which must divide C
   * @param gamma the scale γ, (C)
   * @param beta the shift β, (C)
   * @param epsilon ε &gt; 0 added to the variance
   */
  public GroupNorm {
    ChannelInput.requireScaleShift("GroupNorm", "gamma", gamma, "beta", beta);
    if (groups < 1 || gamma.dim(0) % groups != 0) {
      throw new IllegalArgumentException(
          "GroupNorm groups must divide the " + gamma.dim(0) + " channels, got " + groups);
    }
    ChannelInput.requireEpsilon("GroupNorm", epsilon);
  }

  /**
   * {@return a group norm of {@code groups} groups over {@code channels}: γ = 1, β = 0, ε = 1e-5}
   *
   * @param groups the number of groups G, dividing {@code channels}
   * @param channels the number of channels C, ≥ 1
   */
  public static GroupNorm of(int groups, int channels) {
    return new GroupNorm(groups, Tensor.ones(channels), Tensor.zeros(channels), BatchNorm.DEFAULT_EPSILON);
  }

  /**
   * {@return the same layer with ε = {@code epsilon}}
   *
   * @param epsilon ε &gt; 0 added to the variance
   */
  public GroupNorm withEpsilon(double epsilon) {
    return new GroupNorm(groups, gamma, beta, epsilon);
  }

  /** {@return number of channels C} */
  public int channels() {
    return gamma.dim(0);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Grouping.Rule blocks = (rows, c, inner) -> Grouping.channelBlocks(rows, c, inner, groups);
    return Passes.ownStatistics(this, input, 2, blocks, true, epsilon, gamma, beta);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ChannelInput.check(name(), channels(), 2, input);
  }
}
