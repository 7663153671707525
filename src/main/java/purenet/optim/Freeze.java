package purenet.optim;

import java.util.function.Predicate;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Freezes the selected parameters: their updates become zero, whatever the transforms before
 * produced (momentum, weight decay, ...). Stateless. End a chain with it —
 * {@code chain(Optimizers.adamw(1e-3, 0.01), new Freeze(path -> path.startsWith("0/")))} — and
 * the frozen parameters keep their exact bits forever, as in transfer learning's frozen trunk.
 *
 * <p>The zero is -0.0, IEEE 754's exact additive identity: θ + (-0.0) = θ for every θ, including
 * -0.0 itself (+0.0 would turn a -0.0 parameter into +0.0).
 *
 * @param frozen which leaf paths (e.g. {@code "0/weight"}) to hold still
 */
public record Freeze(Predicate<String> frozen) implements GradientTransform {

  /**
   * Rejects a null predicate.
   *
   * @param frozen which leaf paths (e.g. {@code "0/weight"}) to hold still
   */
  public Freeze {
    if (frozen == null) {
      throw new IllegalArgumentException("Freeze needs a path predicate, got null");
    }
  }

  @Override
  public Tree init(Tree params) {
    return Tree.empty();
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    return new Step(grads.mapWhere(frozen, g -> Tensor.full(-0.0, g.shape())), state);
  }
}
