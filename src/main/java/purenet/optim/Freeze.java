package purenet.optim;

import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Freezes the selected parameters: their updates become zero, whatever the transforms before
 * produced (momentum, decoupled weight decay, coupled penalty gradients, ...). Stateless. End a
 * chain with it — {@code Optimizers.freeze(Optimizers.adamw(1e-3, 0.01), Selector.under("0"))} does
 * — and the frozen parameters keep their exact bits: the training step also keeps them out of its
 * constraints (it asks the optimizer for its {@link #frozen()} leaves).
 *
 * <p>The zero is -0.0, IEEE 754's exact additive identity: θ + (-0.0) = θ for every θ, including
 * -0.0 itself (+0.0 would turn a -0.0 parameter into +0.0).
 *
 * @param selected which leaves (e.g. {@code Selector.under("0")}) to hold still
 */
public record Freeze(Selector selected) implements GradientTransform {

  /**
   * Rejects a null selector.
   *
   * @param selected which leaves (e.g. {@code Selector.under("0")}) to hold still
   */
  public Freeze {
    if (selected == null) {
      throw new IllegalArgumentException("Freeze needs a selector, got null");
    }
  }

  @Override
  public Selector frozen() {
    return selected;
  }

  /**
   * No state.
   *
   * @throws IllegalArgumentException if the selector matches no leaf of {@code params}, listing its paths
   */
  @Override
  public Tree init(Tree params) {
    selected.requireAny(params, toString());
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(grads.mapWhere(selected, g -> Tensor.full(-0.0, g.shape())), state);
  }
}
