package purenet.autodiff;

import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import java.util.List;
import purenet.layer.Mode;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The leaves of a parameter {@link Tree} as leaf {@link Expr}essions, by path ({@code "weight"},
 * {@code "0/bias"}), together with the {@link Mode} of the pass: what the forward expression of an
 * {@link ExpressionLayer} or a {@link ScalarFunction} reads its parameters from.
 */
public final class Params {
  private final Tree tree;
  private final LinkedHashMap<String, Expr> leaves;
  private final Mode mode;

  private Params(Tree tree, LinkedHashMap<String, Expr> leaves, Mode mode) {
    this.tree = tree;
    this.leaves = leaves;
    this.mode = mode;
  }

  /**
   * One leaf expression per leaf of {@code tree}.
   *
   * @param tree the parameters
   * @param mode the mode of the pass
   * @return the leaves by path
   */
  public static Params of(Tree tree, Mode mode) {
    if (tree == null || mode == null) {
      throw new IllegalArgumentException("Params needs a tree and a mode, got " + tree + ", " + mode);
    }
    LinkedHashMap<String, Expr> leaves = LinkedHashMap.empty();
    for (Tuple2<String, Tensor> leaf : tree.flatten()) {
      leaves = leaves.put(leaf._1, Expr.leaf(leaf._2));
    }
    return new Params(tree, leaves, mode);
  }

  /**
   * The parameter at {@code path}.
   *
   * @param path a leaf path of the tree, e.g. {@code "weight"}
   * @return its leaf expression (the same one on every call)
   * @throws IllegalArgumentException naming the known paths if there is no such leaf
   */
  public Expr get(String path) {
    return leaves.get(path).getOrElseThrow(() -> new IllegalArgumentException(
        "no parameter '" + path + "'; the parameters are " + leaves.keySet().mkString("[", ", ", "]")));
  }

  /**
   * The mode of the pass.
   *
   * @return training with its key, or evaluation
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The tree.
   *
   * @return the parameter tree these leaves stand for
   */
  public Tree tree() {
    return tree;
  }

  /**
   * The leaves.
   *
   * @return the leaf expressions in the tree's path order
   */
  public List<Expr> leaves() {
    return leaves.values().toJavaList();
  }

  /**
   * A tree of the parameters' structure holding the gradients computed for {@link #leaves()},
   * taken in the same order from position {@code offset} of {@code gradients}.
   */
  Tree gradientTree(Gradients gradients, int offset) {
    java.util.HashMap<String, Integer> position = new java.util.HashMap<>();
    leaves.keySet().zipWithIndex().forEach(e -> position.put(e._1, offset + e._2));
    return tree.mapWithPath((path, t) -> gradients.get(position.get(path)));
  }

  /**
   * The paths and shapes, never the values.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "Params" + leaves.map(e -> e._1 + " " + e._2.shape()).mkString("[", ", ", "]");
  }
}
