package purenet.layer.norm;

import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Instance normalization (Ulyanov, Vedaldi and Lempitsky 2016): each channel of
 * each example is normalized over its spatial positions, y = γ_c·(x − μ_bc)/√(σ²_bc + ε) + β_c,
 * with per-channel γ, β. The same computation in training and evaluation; no state.
 *
 * <p>Input (batch, C, d₁, ..., dₖ) with k ≥ 1, e.g. (batch, C, H, W); the output has the input's
 * shape. Backward, with ĝ = γ·∂L/∂y and means ⟨·⟩ over one (example, channel) slice:
 * ∂L/∂x = (ĝ − ⟨ĝ⟩ − x̂·⟨ĝ·x̂⟩)/√(σ² + ε). Equals {@link GroupNorm} with C groups.
 * Parameters {@code gamma}, {@code beta} (C).
 *
 * @param gamma   the scale γ, (C)
 * @param beta    the shift β, (C)
 * @param epsilon ε &gt; 0 added to the variance
 */
public record InstanceNorm(Tensor gamma, Tensor beta, double epsilon) implements Layer {

  /**
   * Validates shapes and ε.
   *
   * @param gamma the scale γ, (C)
   * @param beta the shift β, (C)
   * @param epsilon ε &gt; 0 added to the variance
   */
  public InstanceNorm {
    ChannelInput.requireScaleShift("InstanceNorm", "gamma", gamma, "beta", beta);
    ChannelInput.requireEpsilon("InstanceNorm", epsilon);
  }

  /**
   * {@return an instance norm over {@code channels}: γ = 1, β = 0, ε = 1e-5}
   *
   * @param channels the number of channels C, ≥ 1
   */
  public static InstanceNorm of(int channels) {
    return new InstanceNorm(Tensor.ones(channels), Tensor.zeros(channels), BatchNorm.DEFAULT_EPSILON);
  }

  /**
   * {@return the same layer with ε = {@code epsilon}}
   *
   * @param epsilon ε &gt; 0 added to the variance
   */
  public InstanceNorm withEpsilon(double epsilon) {
    return new InstanceNorm(gamma, beta, epsilon);
  }

  /** {@return number of channels C} */
  public int channels() {
    return gamma.dim(0);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    return Passes.ownStatistics(this, input, 3, Grouping::perRowChannel, true, epsilon, gamma, beta);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ChannelInput.check(name(), channels(), 3, input);
  }
}
