package purenet.layer;

import io.vavr.collection.LinkedHashMap;
import purenet.regularize.Penalty;
import purenet.regularize.Regularizer;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * An activation penalty (Maier et al., FAU Deep Learning lecture "Regularization", 2023, "instead of the
 * weights, activations can be constrained", as in sparse autoencoders): the inner layer's output y
 * unchanged, with R(y) joining the objective.
 *
 * <p>Forward: output y = inner(x), {@link Forward#penalty()} = inner's penalty + R(y), where R sums
 * over the whole batch (so with a mean-reduced loss choose λ per batch accordingly). Backward:
 * ∂/∂y of (L + R) is g + ∇R(y), which is fed to the inner backward:
 * {@code backward(g) = inner.backward(g + ∇R(y))}.
 *
 * <p>This backward is <em>affine</em>, not linear, in the output gradient g: backward(0) is the
 * gradient of the penalty alone. It therefore does not satisfy the linearity law of the layer
 * contract; every other law holds. Parameters and state are the inner layer's, unchanged paths.
 *
 * @param inner       the layer whose output is penalised
 * @param regularizer R, e.g. {@code new L1(1e-4)} for sparse activations
 */
public record ActivityRegularized(@Inline Layer inner, Regularizer regularizer) implements Layer {

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Forward f = inner.forward(input, mode);
    Penalty p = regularizer.apply(f.output());
    Tensor extra = p.gradient();
    Layer next = f.next() == inner ? this : new ActivityRegularized(f.next(), regularizer);
    return new Forward(f.output(), g -> f.backward().apply(g.add(extra)), next, f.penalty() + p.value());
  }

  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck c = inner.check(input);
    return new ShapeCheck(c.output(), c.problems(), LinkedHashMap.of("inner", c));
  }

  @Override
  public String name() {
    return "ActivityRegularized(" + inner.name() + ")";
  }
}
