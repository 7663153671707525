package purenet.layer;

import purenet.regularize.Penalty;
import purenet.regularize.Regularizer;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * An activation penalty (seed 003, "instead of the weights, activations can be constrained", as in
 * sparse autoencoders): the inner layer's output y unchanged, with R(y) joining the objective.
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
public record ActivityRegularized(Layer inner, Regularizer regularizer) implements Layer {

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Forward f = inner.forward(input, mode);
    Penalty p = regularizer.apply(f.output());
    Tensor extra = p.gradient();
    Layer next = f.next() == inner ? this : new ActivityRegularized(f.next(), regularizer);
    return new Forward(f.output(), g -> f.backward().apply(g.add(extra)), next, f.penalty() + p.value());
  }

  @Override
  public Tree params() {
    return inner.params();
  }

  @Override
  public Layer withParams(Tree params) {
    return new ActivityRegularized(inner.withParams(params), regularizer);
  }

  @Override
  public Tree state() {
    return inner.state();
  }

  @Override
  public Layer withState(Tree state) {
    return new ActivityRegularized(inner.withState(state), regularizer);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return inner.check(input);
  }

  @Override
  public String name() {
    return "ActivityRegularized(" + inner.name() + ")";
  }
}
