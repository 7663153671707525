package purenet.regularize;

import purenet.tensor.Tensor;

/** Non-negativity constraint: the projection onto the orthant, w ← max(w, 0) elementwise. */
public record NonNeg() implements Constraint {
  @Override
  public Tensor apply(Tensor w) {
    return w.map(v -> v < 0 ? 0.0 : v);
  }
}
