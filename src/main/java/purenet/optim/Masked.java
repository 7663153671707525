package purenet.optim;

import io.vavr.collection.HashMap;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Applies an inner transform to the selected leaves only; the others pass through unchanged
 * (Optax's {@code masked}). E.g. weight decay on weights but not biases:
 * {@code new Masked(new ScaleByAdam(0.9, 0.999, 1e-8), Selector.under("1"))}. A selector that
 * matches no leaf fails at {@link #init}, listing the tree's paths.
 *
 * <p>The inner transform sees the sub-trees of gradients and parameters that hold just the
 * selected leaves (same paths), so its state covers only them: unselected parameters carry no
 * moments. To hold parameters still, end the chain with {@link Freeze}, which zeroes their updates
 * whatever came before.
 *
 * <p>State: the inner transform's state for the selected sub-tree.
 *
 * @param inner    the transform applied to the selected leaves
 * @param selected which leaves (e.g. {@code Selector.under("0")}) the inner transform sees
 */
public record Masked(GradientTransform inner, Selector selected) implements GradientTransform {

  /**
   * Rejects nulls.
   *
   * @param inner the transform applied to the selected leaves
   * @param selected which leaf paths (e.g. {@code "0/weight"}) the inner transform sees
   */
  public Masked {
    if (inner == null || selected == null) {
      throw new IllegalArgumentException("Masked needs a transform and a path predicate, got "
          + inner + " and " + selected);
    }
  }

  /** The leaves the inner transform freezes, among the selected ones. */
  @Override
  public Selector frozen() {
    return inner.frozen().and(selected);
  }

  /**
   * The inner transform's state for the selected sub-tree.
   *
   * @throws IllegalArgumentException if the selector matches no leaf of {@code params}, listing its paths
   */
  @Override
  public Tree init(Tree params) {
    selected.requireAny(params, "Masked(" + inner + ")");
    return inner.init(params.filter(selected));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    Step s = inner.update(grads.filter(selected), state, params.filter(selected));
    HashMap<String, Tensor> transformed = HashMap.ofEntries(s.updates().flatten());
    return new Step(grads.mapWithPath((path, g) -> selected.test(path)
        ? transformed.get(path).getOrElseThrow(() -> new IllegalStateException(
            "Masked: the inner transform returned no update for '" + path + "'"))
        : g), s.state());
  }
}
