package purenet.regularize;

import java.io.Serializable;
import purenet.tree.Tree;

/**
 * A penalty on a model's parameter tree: which regularizer applies to which leaves. The training
 * step adds its value to the reported loss and its gradient to the data gradient (coupled) or
 * hands it to a decoupled-decay transform.
 *
 * <p>Implementations: {@link Penalized} (one regularizer on the leaves a path predicate selects,
 * by default the weights), {@link PerLayer} (a regularizer per subtree, e.g. a λ per layer),
 * {@link SoftSharing} (distance between two towers' parameters); {@link #plus} adds them.
 */
@FunctionalInterface
public interface Penalties extends Serializable {

  /**
   * {@return the penalty of the parameters; the gradient has the parameters' structure}
   *
   * @param params the parameter tree
   */
  TreePenalty apply(Tree params);

  /** {@return no penalty: value 0, zero gradient} */
  static Penalties none() {
    return Nothing.INSTANCE;
  }

  /** {@return whether this is {@link #none()}, so that callers may skip adding its zero gradient} */
  default boolean isNone() {
    return this == Nothing.INSTANCE;
  }

  /** The penalty that is always zero. */
  enum Nothing implements Penalties {
    /** The only instance. */
    INSTANCE;

    @Override
    public TreePenalty apply(Tree params) {
      return new TreePenalty(0.0, params.zerosLike());
    }
  }

  /**
   * {@return r(θ) + other(θ): values and gradients add}
   *
   * @param other the penalties to add
   */
  default Penalties plus(Penalties other) {
    return params -> apply(params).plus(other.apply(params));
  }

  /**
   * {@return c·R(θ)}
   *
   * @param c the factor of every penalty and gradient
   */
  default Penalties scaled(double c) {
    return params -> {
      TreePenalty p = apply(params);
      return new TreePenalty(c * p.value(), p.gradient().scale(c));
    };
  }
}
