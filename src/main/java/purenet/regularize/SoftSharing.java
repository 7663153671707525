package purenet.regularize;

import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Soft parameter sharing between two towers of a multi-task model (Duong et al. 2015):
 * instead of forcing equal parameters, their squared distance joins the loss,
 * R(θ) = λ/2·Σ_p ‖θ_{a/p} - θ_{b/p}‖² over the leaves p of the two subtrees {@code a} and
 * {@code b} that {@code selected} accepts, with gradient λ·(θ_a - θ_b) at tower a and its negative
 * at tower b. The two subtrees must have the same structure.
 *
 * @param towerA   the path of the first tower's subtree, e.g. {@code "0"}
 * @param towerB   the path of the second tower's subtree
 * @param lambda   λ &ge; 0
 * @param selected which relative leaf paths (inside a tower) are tied, e.g. {@link Selector#weights()}
 */
public record SoftSharing(String towerA, String towerB, double lambda, Selector selected)
    implements Penalties {

  /**
   * Validates λ and that the towers are distinct and disjoint.
   *
   * @param towerA the path of the first tower's subtree, e.g. {@code "0"}
   * @param towerB the path of the second tower's subtree
   * @param lambda λ &ge; 0
   * @param selected which relative leaf paths (inside a tower) are tied, e.g. {@link Selector#weights()}
   */
  public SoftSharing {
    Hyper.nonNegative("SoftSharing lambda", lambda);
    if (Selector.isUnder(towerA, towerB) || Selector.isUnder(towerB, towerA)) {
      throw new IllegalArgumentException(
          "SoftSharing needs two disjoint towers, got '" + towerA + "' and '" + towerB + "'");
    }
  }

  /**
   * Ties every weight of tower {@code a} to the same weight of tower {@code b}.
   *
   * @param towerA the path of the first tower's subtree, e.g. {@code "0"}
   * @param towerB the path of the second tower's subtree
   * @param lambda λ &ge; 0
   * @return the penalty λ/2·Σ(w_a − w_b)² over matching weights of the two towers
   */
  public static SoftSharing weights(String towerA, String towerB, double lambda) {
    return new SoftSharing(towerA, towerB, lambda, Selector.weights());
  }

  @Override
  public TreePenalty apply(Tree params) {
    Tree a = tower(params, towerA);
    Tree b = tower(params, towerB);
    selected.requireAny(a, "SoftSharing tower '" + towerA + "'");
    // The difference per tied leaf; untied leaves get zero.
    Tree diff = a.zipWith(b, Tensor::sub).mapWithPath((p, d) -> selected.test(p) ? d : Tensor.zeros(d.shape()));
    double value = 0.5 * lambda * diff.leaves().map(d -> d.dot(d)).sum().doubleValue();
    Tree gradient = params.mapWithPath((path, w) -> {
      if (Selector.isUnder(path, towerA)) {
        return diff.tensor(relative(path, towerA)).mul(lambda);
      }
      if (Selector.isUnder(path, towerB)) {
        return diff.tensor(relative(path, towerB)).mul(-lambda);
      }
      return Tensor.zeros(w.shape());
    });
    return new TreePenalty(value, gradient);
  }

  private static Tree tower(Tree params, String path) {
    return params.get(path).getOrElseThrow(() -> new IllegalArgumentException(
        "SoftSharing: no tower at '" + path + "'; leaves are " + params.paths().mkString("[", ", ", "]")));
  }

  private static String relative(String path, String prefix) {
    return path.length() == prefix.length() ? "" : path.substring(prefix.length() + 1);
  }
}
