package purenet.regularize;

import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * A regularizer per subtree, e.g. a different λ per layer (Maier et al., FAU Deep Learning lecture
 * "Regularization", 2023: "a constraint and a λ individual for every layer"): R(θ) = Σ_p
 * r_{prefix(p)}(θ_p) over the selected leaves p, where prefix(p) is the <em>longest</em> assigned prefix
 * containing p, so every leaf is penalised at most once and a specific assignment overrides a general
 * one. Leaves under no assigned prefix are not penalised.
 *
 * <pre>{@code
 * PerLayer.weights().with("0", new L2(1e-3)).with("2", new L1(1e-5))
 * }</pre>
 *
 * @param byPrefix the regularizer of each subtree, by path prefix ({@code ""} is the whole tree)
 * @param selected which leaves may be penalised at all (the weights by default)
 */
public record PerLayer(LinkedHashMap<String, Regularizer> byPrefix, Selector selected)
    implements Penalties {

  /** {@return no assignment yet, penalising only weights ({@link Selector#weights()})} */
  public static PerLayer weights() {
    return new PerLayer(LinkedHashMap.empty(), Selector.weights());
  }

  /**
   * {@return no assignment yet, penalising the leaves {@code selected} accepts}
   *
   * @param selected which leaves may be penalised at all (the weights by default)
   */
  public static PerLayer where(Selector selected) {
    return new PerLayer(LinkedHashMap.empty(), selected);
  }

  /**
   * {@return this assignment with {@code regularizer} on the subtree at {@code prefix} (replacing
   * any)}
   *
   * @param prefix a path prefix, e.g. {@code "0"} for the first layer
   * @param regularizer the regularizer of the leaves under it
   */
  public PerLayer with(String prefix, Regularizer regularizer) {
    return new PerLayer(byPrefix.put(prefix, regularizer), selected);
  }

  /**
   * {@return the regularizer assigned to a leaf path: that of the longest prefix containing it}
   *
   * @param path a parameter path
   */
  public Option<Regularizer> regularizerOf(String path) {
    if (!selected.test(path)) {
      return Option.none();
    }
    return byPrefix.filter(e -> Selector.isUnder(path, e._1))
        .maxBy(e -> e._1.length())
        .map(Tuple2::_2);
  }

  /**
   * R(θ) and ∂R/∂θ.
   *
   * @throws IllegalArgumentException if a prefix's selection matches no leaf of {@code params}, listing
   * its paths
   */
  @Override
  public TreePenalty apply(Tree params) {
    byPrefix.keySet().forEach(prefix -> selected.and(Selector.under(prefix)).requireAny(params, "PerLayer prefix '"
        + prefix + "'"));
    double[] total = {0.0};
    Tree gradient = params.mapWithPath((path, w) -> regularizerOf(path).map(r -> {
      Penalty p = r.apply(w);
      total[0] += p.value();
      return p.gradient();
    }).getOrElse(() -> Tensor.zeros(w.shape())));
    return new TreePenalty(total[0], gradient);
  }
}
