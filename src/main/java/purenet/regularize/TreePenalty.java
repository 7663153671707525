package purenet.regularize;

import purenet.tree.Tree;

/**
 * A penalty on a whole parameter tree and its gradient.
 *
 * @param value    Σ of the penalties of the selected leaves
 * @param gradient ∂R/∂params: same structure as the parameters, zero at unpenalised leaves
 */
public record TreePenalty(double value, Tree gradient) {

  /**
   * {@return the sum of two penalties of the same parameters: values add, gradients add leafwise}
   *
   * @param other the penalty to add
   */
  public TreePenalty plus(TreePenalty other) {
    return new TreePenalty(value + other.value, gradient.add(other.gradient));
  }
}
