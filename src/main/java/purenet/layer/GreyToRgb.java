package purenet.layer;

import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Copies a grey channel into three, so that a network pretrained on colour images accepts grey
 * ones (Maier et al., FAU Deep Learning lecture "Regularization", 2023, transfer between modalities, RGB
 * → X-ray: "it's sufficient to simply copy the input three times"): y[b, c, h, w] = x[b, 0, h, w] for c
 * = 0, 1, 2. No parameters.
 *
 * <p>Shapes: input (batch, 1, height, width), output (batch, 3, height, width). Backward: the
 * input fed all three channels, so ∂L/∂x[b, 0, h, w] = Σ_c g[b, c, h, w], the adjoint of the copy.
 */
public record GreyToRgb() implements Layer {

  /** The number of output channels. */
  public static final int CHANNELS = 3;

  @Override
  public Forward forward(Tensor x, Mode mode) {
    if (!fits(x.shape())) {
      throw new IllegalArgumentException(mismatch(x.shape()));
    }
    Shape in = x.shape();
    return new Forward(Tensor.concat(1, x, x, x), g -> new Grads(g.sumTo(in), params()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    if (input.rank() != 4) {
      return ShapeCheck.problem(input, mismatch(input));
    }
    Shape out = input.with(1, CHANNELS);
    return fits(input) ? ShapeCheck.ok(out) : ShapeCheck.problem(out, mismatch(input));
  }

  private static boolean fits(Shape input) {
    return input.rank() == 4 && input.dim(1) == 1;
  }

  private static String mismatch(Shape input) {
    return "GreyToRgb expects grey images (batch, 1, height, width), got " + input;
  }
}
