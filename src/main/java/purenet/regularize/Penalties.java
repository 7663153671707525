package purenet.regularize;

import purenet.tree.Tree;

/**
 * A penalty on a model's parameter tree: which regularizer applies to which leaves. The training
 * step adds its value to the reported loss and its gradient to the data gradient (coupled) or
 * hands it to a decoupled-decay transform.
 */
@FunctionalInterface
public interface Penalties {

  /** The penalty of the parameters. */
  TreePenalty apply(Tree params);

  /** No penalty: value 0, zero gradient. */
  static Penalties none() {
    return params -> new TreePenalty(0.0, params.zerosLike());
  }
}
