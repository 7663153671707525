package purenet.regularize;

import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * One regularizer applied to every leaf a {@link Selector} selects:
 * R(θ) = Σ_{selected paths p} r(θ_p), with ∂R/∂θ_p = ∂r/∂θ_p at selected leaves and 0 elsewhere.
 *
 * <p>{@code Penalized.weights(new L2(1e-4))} is weight decay on every weight matrix and kernel of a
 * model, leaving biases and normalization parameters alone (see {@link Selector#weights()}). A
 * selector that matches no leaf of the tree fails, listing the tree's paths: a penalty that applies
 * to nothing is a mistake (e.g. a weight named {@code w}, which {@code weights()} does not match).
 * Records with readable {@code toString}: {@code Penalized[regularizer=L2[lambda=1.0E-4], selected=weights]}.
 *
 * @param regularizer the penalty of one leaf
 * @param selected    which leaf paths it applies to
 */
public record Penalized(Regularizer regularizer, Selector selected) implements Penalties {

  /**
   * Rejects nulls.
   *
   * @param regularizer the penalty of one leaf
   * @param selected which leaf paths it applies to
   */
  public Penalized {
    if (regularizer == null || selected == null) {
      throw new IllegalArgumentException("Penalized needs a regularizer and a selector, got " + regularizer + " and "
          + selected);
    }
  }

  /**
   * {@return {@code regularizer} on the weights (the default selection, {@link Selector#weights()})}
   *
   * @param regularizer the penalty of one leaf
   */
  public static Penalized weights(Regularizer regularizer) {
    return new Penalized(regularizer, Selector.weights());
  }

  /**
   * {@return {@code regularizer} on every leaf, biases included}
   *
   * @param regularizer the penalty of one leaf
   */
  public static Penalized all(Regularizer regularizer) {
    return new Penalized(regularizer, Selector.all());
  }

  /**
   * {@return {@code regularizer} on the leaves {@code selected} accepts}
   *
   * @param selected which leaf paths it applies to
   * @param regularizer the penalty of one leaf
   */
  public static Penalized where(Selector selected, Regularizer regularizer) {
    return new Penalized(regularizer, selected);
  }

  /**
   * R(θ) and ∂R/∂θ.
   *
   * @throws IllegalArgumentException if the selector matches no leaf of {@code params}, listing its paths
   */
  @Override
  public TreePenalty apply(Tree params) {
    selected.requireAny(params, toString());
    // mapWithPath keeps the exact structure (empty nodes included); the sum is gathered on the way.
    double[] total = {0.0};
    Tree gradient = params.mapWithPath((path, w) -> {
      if (!selected.test(path)) {
        return Tensor.zeros(w.shape());
      }
      Penalty p = regularizer.apply(w);
      total[0] += p.value();
      return p.gradient();
    });
    return new TreePenalty(total[0], gradient);
  }
}
