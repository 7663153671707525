package purenet.layer.norm;

import java.util.Arrays;
import purenet.layer.Forward;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Layer normalization (Ba, Kiros and Hinton 2016): each example is normalized over
 * its trailing axes of the normalized shape N, y = γ ⊙ (x − μ)/√(σ² + ε) + β, with μ, σ² the mean
 * and biased variance of those |N| values. γ and β have shape N (elementwise affine, as in
 * PyTorch and Equinox). The same computation in training and evaluation; no state.
 *
 * <p>Shapes: N = (F) for (batch, F) and (batch, time, F) inputs; N = (C, H, W) for images,
 * normalizing each example over channels and space. The input is (..., N) with at least one
 * leading axis; the output has the input's shape. Backward, with ĝ = γ·∂L/∂y and means ⟨·⟩ over a
 * normalized slice: ∂L/∂x = (ĝ − ⟨ĝ⟩ − x̂·⟨ĝ·x̂⟩)/√(σ² + ε). Parameters {@code gamma},
 * {@code beta}, both of shape N.
 *
 * @param gamma   the scale γ, of the normalized shape N
 * @param beta    the shift β, of shape N
 * @param epsilon ε &gt; 0 added to the variance
 */
public record LayerNorm(Tensor gamma, Tensor beta, double epsilon) implements Layer {

  /**
   * Validates shapes and ε.
   *
   * @param gamma the scale γ, of the normalized shape N
   * @param beta the shift β, of shape N
   * @param epsilon ε &gt; 0 added to the variance
   */
  public LayerNorm {
    if (gamma.rank() < 1 || gamma.size() < 1) {
      throw new IllegalArgumentException(
          "LayerNorm gamma must have a non-empty normalized shape, got " + gamma.shape());
    }
    if (!beta.shape().equals(gamma.shape())) {
      throw new IllegalArgumentException(
          "LayerNorm beta must have shape " + gamma.shape() + ", got " + beta.shape());
    }
    ChannelInput.requireEpsilon("LayerNorm", epsilon);
  }

  /**
   * {@return a layer norm over the trailing axes {@code normalizedShape}: γ = 1, β = 0, ε = 1e-5}
   *
   * @param normalizedShape the trailing axes each example is normalized over
   */
  public static LayerNorm of(int... normalizedShape) {
    Shape n = Shape.of(normalizedShape);
    return new LayerNorm(Tensor.full(1.0, n), Tensor.zeros(n), BatchNorm.DEFAULT_EPSILON);
  }

  /**
   * {@return the same layer with ε = {@code epsilon}}
   *
   * @param epsilon ε &gt; 0 added to the variance
   */
  public LayerNorm withEpsilon(double epsilon) {
    return new LayerNorm(gamma, beta, epsilon);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Shape in = input.shape();
    if (!fits(in)) {
      throw new IllegalArgumentException(mismatch(in));
    }
    int n = gamma.size();
    Grouping g = Grouping.perRow(in.size() / n, n, 1);
    Standardized s = Standardize.withOwnStatistics(
        input.toArray(), g, true, epsilon, gamma.toArray(), beta.toArray());
    return Passes.forward(this, in, s, gamma, this);
  }

  private boolean fits(Shape in) {
    int k = gamma.rank();
    if (in.rank() <= k) {
      return false;
    }
    int[] d = in.dims();
    return Arrays.equals(Arrays.copyOfRange(d, d.length - k, d.length), gamma.dims());
  }

  private String mismatch(Shape in) {
    String n = gamma.shape().toString();
    return name() + " expects input (batch, ..., " + n.substring(1, n.length() - 1) + "), got " + in;
  }

  @Override
  public ShapeCheck check(Shape input) {
    return fits(input) ? ShapeCheck.ok(input) : ShapeCheck.problem(input, mismatch(input));
  }
}
