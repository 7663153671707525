package purenet.autodiff;

import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Softmax and log-softmax along one axis, computed after subtracting the maximum (so that no
 * exponential overflows). Pullbacks, with sums ⟨·⟩ over the axis: softmax y gives
 * ∂x = y ⊙ (g − ⟨g ⊙ y⟩); log-softmax gives ∂x = g − softmax(x) ⊙ ⟨g⟩.
 */
final class Softmaxes {
  private Softmaxes() {}

  static Expr softmax(Expr a, int axis) {
    Shape in = a.shape();
    int ax = in.axis(axis);
    Shape kept = in.with(ax, 1);
    Tensor e = shifted(a.value(), ax, kept).exp();
    Tensor y = e.div(e.sum(ax).reshape(kept));
    return Expr.op("softmax", y, (g, w) -> new Tensor[] {y.mul(g.sub(g.mul(y).sum(ax).reshape(kept)))}, a);
  }

  static Expr logSoftmax(Expr a, int axis) {
    Shape in = a.shape();
    int ax = in.axis(axis);
    Shape kept = in.with(ax, 1);
    Tensor s = shifted(a.value(), ax, kept);
    Tensor e = s.exp();
    Tensor total = e.sum(ax).reshape(kept);
    Tensor y = s.sub(total.log());
    Tensor soft = e.div(total);
    return Expr.op("logSoftmax", y, (g, w) -> new Tensor[] {g.sub(soft.mul(g.sum(ax).reshape(kept)))}, a);
  }

  /** x − max(x) along the axis. */
  private static Tensor shifted(Tensor x, int ax, Shape kept) {
    return x.sub(x.max(ax).reshape(kept));
  }
}
