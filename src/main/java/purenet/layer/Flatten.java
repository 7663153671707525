package purenet.layer;

import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** Flattens all axes after the first: (batch, d1, ..., dn) → (batch, d1·...·dn). */
public record Flatten() implements Layer {

  @Override
  public Forward forward(Tensor x, Mode mode) {
    if (x.rank() == 0) {
      throw new IllegalArgumentException("Flatten expects (batch, ...), got " + x.shape());
    }
    Shape in = x.shape();
    return new Forward(x.flattenFrom1(), g -> new Grads(g.reshape(in), params()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    if (input.rank() == 0) {
      return ShapeCheck.problem(Shape.of(1, 1), "Flatten expects (batch, ...), got " + input);
    }
    int batch = input.dim(0);
    return ShapeCheck.ok(Shape.of(batch, batch == 0 ? 0 : input.size() / batch));
  }
}
