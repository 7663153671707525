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

  /** The penalty of the parameters; the gradient has the parameters' structure. */
  TreePenalty apply(Tree params);

  /** No penalty: value 0, zero gradient. */
  static Penalties none() {
    return Nothing.INSTANCE;
  }

  /** Whether this is {@link #none()}, so that callers may skip adding its zero gradient. */
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

  /** R(θ) + other(θ): values and gradients add. */
  default Penalties plus(Penalties other) {
    return params -> apply(params).plus(other.apply(params));
  }

  /** c·R(θ). */
  default Penalties scaled(double c) {
    return params -> {
      TreePenalty p = apply(params);
      return new TreePenalty(c * p.value(), p.gradient().scale(c));
    };
  }
}
