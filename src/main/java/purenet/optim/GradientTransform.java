package purenet.optim;

import java.io.Serializable;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * A pure gradient transformation in the style of Optax: {@link #init} builds the state from the
 * parameters, {@link #update} maps gradients to updates and the old state to the new one.
 *
 * <p>An optimizer is a chain of transforms whose final updates are added to the parameters:
 * {@code params + update(grads, state, params).updates()}. State is a {@link Tree}, so it can be
 * saved and inspected like parameters. Transforms see only trees, never layers.
 */
public interface GradientTransform extends Serializable {

  /**
   * {@return the initial state for these parameters}
   *
   * @param params the parameters the transform will update
   */
  Tree init(Tree params);

  /**
   * {@return transforms gradients; {@code params} are the current (pre-update) parameters}
   *
   * @param grads the gradient tree g, of the structure of {@code params}
   * @param state this transform's state, as returned by {@link #init} or the previous update
   * @param params the current parameters θ (read by transforms such as weight decay)
   */
  Step update(Tree grads, Tree state, Tree params);

  /**
   * The leaves whose updates this transform holds at zero whatever came before ({@link Freeze}):
   * the training step keeps them bit-identical through its constraints too. None by default.
   *
   * @return the frozen leaves
   */
  default Selector frozen() {
    return Selector.all().negate();
  }

  /**
   * Applies {@code transforms} in order; the state is a node with one child per transform.
   *
   * @param transforms the transforms, applied in this order
   * @return the composed transform
   */
  static GradientTransform chain(GradientTransform... transforms) {
    return Chain.of(transforms);
  }

  /**
   * One optimizer step: the parameters {@code params + update(grads, state, params).updates()} and
   * the new state, equal bit for bit to that expression. The default computes exactly that; a
   * transform whose updates are a cheap function of the gradient (plain SGD's −η·g) overrides it to
   * compute each new parameter in one pass over the leaf, without the intermediate tree of updates
   * (for an MLP step, one pass and one allocation fewer over every weight).
   *
   * @param grads  the gradient tree g, of the structure of {@code params}
   * @param state  this transform's state
   * @param params the current parameters θ
   * @return the new parameters and the new state
   */
  default Applied applyTo(Tree grads, Tree state, Tree params) {
    Step step = update(grads, state, params);
    return new Applied(applyUpdates(params, step.updates()), step.state());
  }

  /**
   * {@return {@code params + updates}: applies a step's updates to the parameters}
   *
   * @param params the parameters θ
   * @param updates the updates u of a {@link Step}, of the same structure
   */
  static Tree applyUpdates(Tree params, Tree updates) {
    return params.add(updates);
  }
}
