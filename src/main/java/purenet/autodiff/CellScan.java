package purenet.autodiff;

import java.util.ArrayList;
import java.util.List;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/** The unrolled time loop of an {@link ExpressionCell}. */
final class CellScan {
  private CellScan() {}

  static Expr run(ExpressionCell cell, Expr input, Params params) {
    Shape in = input.shape();
    if (in.rank() != 3 || in.dim(1) < 1) {
      throw new IllegalArgumentException(cell.name() + " expects a sequence (batch, time, features) with time >= 1, got " + in);
    }
    int batch = in.dim(0);
    int time = in.dim(1);
    int units = cell.hiddenSize();
    int count = cell.stateCount();
    if (units < 1 || count < 1) {
      throw new IllegalArgumentException(cell.name() + " needs hiddenSize >= 1 and stateCount >= 1, got "
          + units + " and " + count);
    }
    Shape stateShape = Shape.of(batch, units);
    List<Expr> state = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      state.add(Expr.leaf(Tensor.zeros(stateShape)));
    }
    Expr projected = cell.project(input, params);
    if (projected.shape().rank() != 3 || projected.shape().dim(0) != batch || projected.shape().dim(1) != time) {
      throw new IllegalArgumentException(cell.name() + ".project must return (" + batch + ", " + time
          + ", P) for input " + in + ", got " + projected.shape());
    }
    Expr[] outputs = new Expr[time];
    for (int t = 0; t < time; t++) {
      state = cell.step(projected.select(1, t), state, params);
      if (state == null || state.size() != count) {
        throw new IllegalArgumentException(cell.name() + ".step must return " + count + " state tensors, got "
            + (state == null ? "null" : state.size()) + " at step " + t);
      }
      for (int i = 0; i < count; i++) {
        if (!state.get(i).shape().equals(stateShape)) {
          throw new IllegalArgumentException(cell.name() + ".step returned state " + i + " of shape "
              + state.get(i).shape() + " at step " + t + ", expected " + stateShape);
        }
      }
      outputs[t] = state.get(0).reshape(batch, 1, units);
    }
    return Expr.concat(1, outputs);
  }
}
