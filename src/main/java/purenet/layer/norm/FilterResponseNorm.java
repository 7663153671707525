package purenet.layer.norm;

import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Filter response normalization (Singh and Krishnan 2020): each channel of each example
 * is divided by the root mean square of its N spatial responses, without subtracting a mean:
 * ν² = (1/N)·Σᵢ xᵢ², x̂ = x/√(ν² + ε), y = γ_c·x̂ + β_c. Usually followed by a {@link Tlu}, whose
 * learned threshold makes up for the missing centering. The same in training and evaluation; no
 * state; independent of the batch size.
 *
 * <p>Input (batch, C) or (batch, C, d₁, ..., dₖ), e.g. (batch, C, H, W) with N = H·W (for rank 2,
 * N = 1); the output has the input's shape. Backward, with ĝ = γ·∂L/∂y and ⟨·⟩ the mean over the
 * N values: ∂L/∂x = (ĝ − x̂·⟨ĝ·x̂⟩)/√(ν² + ε). Parameters {@code gamma}, {@code beta} (C).
 *
 * @param gamma   the scale γ, (C)
 * @param beta    the shift β, (C)
 * @param epsilon ε &gt; 0 added to ν² (the paper uses 1e-6; larger for N = 1)
 */
public record FilterResponseNorm(Tensor gamma, Tensor beta, double epsilon) implements Layer {

  /**
   * Validates shapes and ε.
   *
   * @param gamma the scale γ, (C)
   * @param beta the shift β, (C)
   * @param epsilon ε &gt; 0 added to ν² (the paper uses 1e-6; larger for N = 1)
   */
  public FilterResponseNorm {
    ChannelInput.requireScaleShift("FilterResponseNorm", "gamma", gamma, "beta", beta);
    ChannelInput.requireEpsilon("FilterResponseNorm", epsilon);
  }

  /**
   * {@return a filter response norm over {@code channels}: γ = 1, β = 0, ε = 1e-6}
   *
   * @param channels the number of channels C, ≥ 1
   */
  public static FilterResponseNorm of(int channels) {
    return new FilterResponseNorm(Tensor.ones(channels), Tensor.zeros(channels), 1e-6);
  }

  /**
   * {@return the same layer with ε = {@code epsilon}}
   *
   * @param epsilon ε &gt; 0 added to ν² (the paper uses 1e-6; larger for N = 1)
   */
  public FilterResponseNorm withEpsilon(double epsilon) {
    return new FilterResponseNorm(gamma, beta, epsilon);
  }

  /** {@return number of channels C} */
  public int channels() {
    return gamma.dim(0);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    return Passes.ownStatistics(this, input, 2, Grouping::perRowChannel, false, epsilon, gamma, beta);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ChannelInput.check(name(), channels(), 2, input);
  }
}
