package purenet.layer.recurrent;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * The last step of a sequence: y[b] = x[b, T−1], for a classifier or regressor on the final hidden
 * state of a recurrent layer ({@code Sequential.of(lstm, new LastStep(), dense)}).
 *
 * <p>Shapes: input (batch, time ≥ 1, features), output (batch, features). Backward: ∂L/∂x[b, T−1] =
 * ∂L/∂y[b] and zero at every earlier step. No parameters, no state.
 */
public record LastStep() implements Layer {

  @Override
  public Forward forward(Tensor x, Mode mode) {
    if (!fits(x.shape())) {
      throw new IllegalArgumentException(mismatch(x.shape()));
    }
    int batch = x.dim(0);
    int time = x.dim(1);
    int features = x.dim(2);
    Tensor rows = x.reshape(batch * time, features);
    int[] last = new int[batch];
    for (int b = 0; b < batch; b++) {
      last[b] = b * time + time - 1;
    }
    return new Forward(rows.take(last), g -> {
      if (time == 1) {
        return new Grads(g.reshape(batch, 1, features), params());
      }
      // Per sequence: zero rows before the last step, then the step's gradient, as block copies
      // (an element-by-element generator cost a twentieth of an LSTM training step).
      return new Grads(Tensor.concat(1, Tensor.zeros(batch, time - 1, features), g.reshape(batch, 1, features)),
          params());
    }, this);
  }

  /** (batch, features) for (batch, time ≥ 1, features). */
  @Override
  public ShapeCheck check(Shape input) {
    Shape out = Shape.of(input.rank() >= 1 ? input.dim(0) : 1, input.rank() >= 3 ? input.dim(2) : 1);
    return fits(input) ? ShapeCheck.ok(out) : ShapeCheck.problem(out, mismatch(input));
  }

  private static boolean fits(Shape input) {
    return input.rank() == 3 && input.dim(1) >= 1;
  }

  private static String mismatch(Shape input) {
    return "LastStep expects input (batch, time, features) with time >= 1, got " + input;
  }
}
