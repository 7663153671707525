package purenet.autodiff;

import java.util.ArrayList;
import java.util.List;
import purenet.layer.Backward;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.tensor.Tensor;

/** The forward pass of an {@link ExpressionLayer} and the backward closure derived from it. */
final class ExpressionPass {
  private ExpressionPass() {}

  static Forward forward(ExpressionLayer layer, Tensor input, Mode mode) {
    Expr x = Expr.leaf(input);
    Params p = Params.of(layer.params(), mode);
    Expr out;
    try {
      out = layer.expression(x, p);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(layer.name() + " on input " + input.shape() + ": " + e.getMessage(), e);
    }
    if (out == null) {
      throw new IllegalStateException(layer.name() + ".expression returned null");
    }
    List<Expr> all = new ArrayList<>();
    all.add(x);
    all.addAll(p.leaves());
    List<Expr> params = p.leaves();
    Backward backward = Backward.of(g -> {
      Gradients grads = out.gradients(g, all);
      return new Grads(grads.get(0), p.gradientTree(grads, 1));
    }, g -> p.gradientTree(out.gradients(g, params), 0));
    return new Forward(out.value(), backward, layer);
  }
}
