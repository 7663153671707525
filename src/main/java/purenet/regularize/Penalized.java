package purenet.regularize;

import java.util.function.Predicate;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * One regularizer applied to every leaf a path predicate selects:
 * R(θ) = Σ_{selected paths p} r(θ_p), with ∂R/∂θ_p = ∂r/∂θ_p at selected leaves and 0 elsewhere.
 *
 * <p>{@code Penalized.weights(new L2(1e-4))} is weight decay on every weight matrix and kernel of a
 * model, leaving biases and normalization parameters alone (see {@link Leaves#weights()}).
 *
 * @param regularizer the penalty of one leaf
 * @param selected    which leaf paths it applies to
 */
public record Penalized(Regularizer regularizer, Predicate<String> selected) implements Penalties {

  /**
   * {@return {@code regularizer} on the weights (the default selection, {@link Leaves#weights()})}
   *
   * @param regularizer the penalty of one leaf
   */
  public static Penalized weights(Regularizer regularizer) {
    return new Penalized(regularizer, Leaves.weights());
  }

  /**
   * {@return {@code regularizer} on every leaf, biases included}
   *
   * @param regularizer the penalty of one leaf
   */
  public static Penalized all(Regularizer regularizer) {
    return new Penalized(regularizer, Leaves.all());
  }

  /**
   * {@return {@code regularizer} on the leaves {@code selected} accepts}
   *
   * @param selected which leaf paths it applies to
   * @param regularizer the penalty of one leaf
   */
  public static Penalized where(Predicate<String> selected, Regularizer regularizer) {
    return new Penalized(regularizer, selected);
  }

  @Override
  public TreePenalty apply(Tree params) {
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
