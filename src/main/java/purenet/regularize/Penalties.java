package purenet.regularize;

import java.io.Serializable;
import purenet.tree.Tree;

/**
 * A penalty on a model's parameter tree: which regularizer applies to which leaves. The training
 * step ({@code TrainStep.penalties}) adds its value to the reported loss and its gradient to the data
 * gradient before the optimizer: the one way to a coupled penalty. (Decoupled weight decay is
 * {@code purenet.optim.AddDecayedWeights} in the optimizer chain, e.g. {@code Optimizers.adamw}.)
 *
 * <p>Implementations: {@link Penalized} (one regularizer on the leaves a {@code purenet.tree.Selector} selects,
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
   * R(θ) + other(θ): values and gradients add.
   *
   * @param other the penalty added
   * @return the sum, a named value
   */
  default Penalties plus(Penalties other) {
    return new Sum(this, other);
  }

  /**
   * c·R(θ).
   *
   * @param c the factor
   * @return the scaled penalty, a named value
   */
  default Penalties scaled(double c) {
    return new Scaled(c, this);
  }

  /**
   * Two penalties added.
   *
   * @param first  one penalty
   * @param second the other
   */
  record Sum(Penalties first, Penalties second) implements Penalties {
    @Override
    public TreePenalty apply(Tree params) {
      return first.apply(params).plus(second.apply(params));
    }
  }

  /**
   * A penalty times a constant.
   *
   * @param factor    c
   * @param penalties R
   */
  record Scaled(double factor, Penalties penalties) implements Penalties {
    @Override
    public TreePenalty apply(Tree params) {
      TreePenalty p = penalties.apply(params);
      return new TreePenalty(factor * p.value(), p.gradient().scale(factor));
    }
  }
}
