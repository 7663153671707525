package purenet.layer.conv;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Global average pooling (Lin et al., 2014, "Network in Network"): the mean of every channel over
 * all positions, y[n, c] = (1/(H·W)) Σ_{h, w} x[n, c, h, w].
 *
 * <p>Shapes: input (batch, C, H, W), output (batch, C) — ready for a Dense head without Flatten.
 * Backward: ∂L/∂x[n, c, h, w] = g[n, c]/(H·W). No parameters.
 */
public record GlobalAvgPool() implements Layer {

  @Override
  public Forward forward(Tensor x, Mode mode) {
    ShapeCheck c = check(x.shape());
    if (!c.fits()) {
      throw new IllegalArgumentException(c.problems().head());
    }
    int area = x.dim(2) * x.dim(3);
    double scale = 1.0 / area;
    Tensor y = Tensor.generate(c.output(), i -> {
      double s = 0;
      for (int t = i * area, end = t + area; t < end; t++) {
        s += x.at(t);
      }
      return s * scale;
    });
    Shape in = x.shape();
    return new Forward(y, g -> new Grads(Tensor.generate(in, i -> g.at(i / area) * scale), params()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    if (input.rank() != 4 || input.dim(2) < 1 || input.dim(3) < 1) {
      int batch = input.rank() == 0 ? 1 : input.dim(0);
      return ShapeCheck.problem(Shape.of(batch, input.rank() > 1 ? input.dim(1) : 1),
          "GlobalAvgPool expects input (batch, channels, H ≥ 1, W ≥ 1), got " + input);
    }
    return ShapeCheck.ok(Shape.of(input.dim(0), input.dim(1)));
  }
}
