package purenet.tree;

import io.vavr.Tuple2;
import io.vavr.collection.Iterator;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.Serializable;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import purenet.tensor.Tensor;

/**
 * A tree of tensors: a {@link Leaf} holding one tensor, or a {@link Node} of named, ordered
 * children. Parameters, gradients, optimizer state and layer state are all trees, so one set of
 * operations serves them all.
 *
 * <p>Each leaf has a path, its children's names joined by {@code /} from the root, e.g.
 * {@code "0/weight"}; a leaf at the root has the empty path. Binary operations
 * ({@link #zipWith}) demand identical structure and name the first path where two trees differ.
 */
public sealed interface Tree extends Serializable permits Tree.Leaf, Tree.Node {

  /** A single tensor. */
  record Leaf(Tensor value) implements Tree {
    /**
     * Rejects a null tensor.
     *
     * @param value the tensor
     */
    public Leaf {
      if (value == null) {
        throw new IllegalArgumentException("a leaf needs a tensor, got null");
      }
    }
  }

  /** Named children in insertion order; names are non-empty and contain no {@code /}. */
  record Node(LinkedHashMap<String, Tree> children) implements Tree {
    /**
     * Checks the names.
     *
     * @param children the children by name, in order
     */
    public Node {
      for (String name : children.keysIterator()) {
        if (name.isEmpty() || name.contains("/")) {
          throw new IllegalArgumentException("child names must be non-empty without '/', got '" + name + "'");
        }
      }
    }

    /**
     * {@return this node with one child added at the end, or replaced in place if the name exists}
     *
     * @param name the child's name
     * @param child the subtree
     */
    public Node with(String name, Tree child) {
      return new Node(children.put(name, child));
    }

    /**
     * {@return this node with a leaf child added or replaced}
     *
     * @param name the child's name
     * @param value the leaf's tensor
     */
    public Node with(String name, Tensor value) {
      return with(name, new Leaf(value));
    }

    /**
     * {@return this node with a leaf child added or replaced if {@code value} is present, else this
     * node unchanged: the parameters or gradients of a layer with an optional bias}
     *
     * @param name the child's name
     * @param value the leaf's tensor, if any
     */
    public Node withOptional(String name, Option<Tensor> value) {
      return value.isDefined() ? with(name, value.get()) : this;
    }
  }

  /**
   * {@return a leaf}
   *
   * @param value the tensor
   */
  static Leaf leaf(Tensor value) {
    return new Leaf(value);
  }

  /** {@return the node with no children: the parameters of a layer that has none} */
  static Node empty() {
    return new Node(LinkedHashMap.empty());
  }

  /**
   * {@return a node with the given children, in order}
   *
   * @param children (name, subtree) pairs, in order
   */
  static Node node(Seq<Tuple2<String, Tree>> children) {
    return new Node(LinkedHashMap.ofEntries(children));
  }

  /**
   * Rebuilds a tree from leaf paths as returned by {@link #flatten()}.
   *
   * @param leaves (path, tensor) pairs, e.g. from {@link #flatten()}
   * @return the tree with those leaves
   */
  static Tree unflatten(Seq<Tuple2<String, Tensor>> leaves) {
    if (leaves.size() == 1 && leaves.head()._1.isEmpty()) {
      return leaf(leaves.head()._2);
    }
    LinkedHashMap<String, Vector<Tuple2<String, Tensor>>> groups = LinkedHashMap.empty();
    for (Tuple2<String, Tensor> entry : leaves) {
      String path = entry._1;
      int slash = path.indexOf('/');
      String head = slash < 0 ? path : path.substring(0, slash);
      String rest = slash < 0 ? "" : path.substring(slash + 1);
      groups = groups.put(head, groups.get(head).getOrElse(Vector.empty()).append(new Tuple2<>(rest, entry._2)));
    }
    return node(groups.toVector().map(g -> new Tuple2<>(g._1, unflatten(g._2))));
  }

  // ---------------------------------------------------------------- structure

  /** {@return every leaf with its path, depth first in child order} */
  default Vector<Tuple2<String, Tensor>> flatten() {
    return flatten("");
  }

  private Vector<Tuple2<String, Tensor>> flatten(String prefix) {
    if (this instanceof Leaf leaf) {
      return Vector.of(new Tuple2<>(prefix, leaf.value()));
    }
    Vector<Tuple2<String, Tensor>> out = Vector.empty();
    for (Tuple2<String, Tree> child : ((Node) this).children()) {
      out = out.appendAll(child._2.flatten(prefix.isEmpty() ? child._1 : prefix + "/" + child._1));
    }
    return out;
  }

  /** {@return the tensors at the leaves, depth first in child order} */
  default Vector<Tensor> leaves() {
    return flatten().map(Tuple2::_2);
  }

  /** {@return the paths of the leaves, depth first in child order} */
  default Vector<String> paths() {
    return flatten().map(Tuple2::_1);
  }

  /**
   * {@return the subtree at a path ({@code ""} is this tree), if present}
   *
   * @param path a path such as {@code "0/weight"}
   */
  default Option<Tree> get(String path) {
    if (path.isEmpty()) {
      return Option.of(this);
    }
    if (this instanceof Leaf) {
      return Option.none();
    }
    int slash = path.indexOf('/');
    String head = slash < 0 ? path : path.substring(0, slash);
    String rest = slash < 0 ? "" : path.substring(slash + 1);
    return ((Node) this).children().get(head).flatMap(child -> child.get(rest));
  }

  /**
   * {@return the tensor at a leaf path, or an error naming the path and the paths that exist}
   *
   * @param path a path such as {@code "0/weight"}
   */
  default Tensor tensor(String path) {
    return get(path)
        .filter(t -> t instanceof Leaf)
        .map(t -> ((Leaf) t).value())
        .getOrElseThrow(() -> new IllegalArgumentException(
            "no leaf at '" + path + "'; leaves are " + paths().mkString("[", ", ", "]")));
  }

  /**
   * {@return the subtree of a named child of a node, or an error naming what exists}
   *
   * @param name the child's name
   */
  default Tree child(String name) {
    if (this instanceof Node node) {
      return node.children().get(name).getOrElseThrow(() -> new IllegalArgumentException(
          "no child '" + name + "'; children are " + node.children().keySet().mkString("[", ", ", "]")));
    }
    throw new IllegalArgumentException("a leaf has no child '" + name + "'");
  }

  /** {@return number of leaves} */
  default int leafCount() {
    return flatten().size();
  }

  /** {@return total number of scalar elements over all leaves} */
  default long elementCount() {
    return leaves().map(t -> (long) t.size()).sum().longValue();
  }

  // ---------------------------------------------------------------- maps

  /**
   * Applies {@code f} to every leaf, keeping the structure.
   *
   * @param f the function applied to every leaf
   * @return a tree of the same structure
   */
  default Tree map(UnaryOperator<Tensor> f) {
    return mapWithPath((path, t) -> f.apply(t));
  }

  /**
   * Applies {@code f(path, tensor)} to every leaf, keeping the structure.
   *
   * @param f the function of a leaf's path and tensor
   * @return a tree of the same structure
   */
  default Tree mapWithPath(BiFunction<String, Tensor, Tensor> f) {
    return mapWithPath("", f);
  }

  private Tree mapWithPath(String prefix, BiFunction<String, Tensor, Tensor> f) {
    if (this instanceof Leaf leaf) {
      return leaf(f.apply(prefix, leaf.value()));
    }
    return new Node(((Node) this).children().map((name, child) ->
        new Tuple2<>(name, child.mapWithPath(prefix.isEmpty() ? name : prefix + "/" + name, f))));
  }

  /**
   * Applies {@code f} to the leaves whose path {@code selected} accepts; others are unchanged.
   *
   * @param selected the predicate on leaf paths
   * @param f the function applied to the selected leaves
   * @return a tree of the same structure
   */
  default Tree mapWhere(Predicate<String> selected, UnaryOperator<Tensor> f) {
    return mapWithPath((path, t) -> selected.test(path) ? f.apply(t) : t);
  }

  /**
   * {@return only the leaves whose path {@code selected} accepts; nodes left without leaves are
   * dropped}
   *
   * @param selected the predicate on leaf paths
   */
  default Tree filter(Predicate<String> selected) {
    return unflattenOrEmpty(flatten().filter(e -> selected.test(e._1)));
  }

  private static Tree unflattenOrEmpty(Vector<Tuple2<String, Tensor>> leaves) {
    return leaves.isEmpty() ? empty() : unflatten(leaves);
  }

  /**
   * Combines two trees of identical structure leaf by leaf.
   *
   * @param other a tree of the same structure
   * @param f the function of a pair of leaves at the same path
   * @return a tree of the same structure with f applied to each pair of leaves
   * @throws IllegalArgumentException naming the first path where the structures differ
   */
  default Tree zipWith(Tree other, BinaryOperator<Tensor> f) {
    return zipWith("", other, f);
  }

  private Tree zipWith(String prefix, Tree other, BinaryOperator<Tensor> f) {
    String where = prefix.isEmpty() ? "the root" : "'" + prefix + "'";
    if (this instanceof Leaf a && other instanceof Leaf b) {
      if (!a.value().shape().equals(b.value().shape())) {
        throw new IllegalArgumentException("trees differ at " + where + ": leaf shapes "
            + a.value().shape() + " and " + b.value().shape());
      }
      return leaf(f.apply(a.value(), b.value()));
    }
    if (this instanceof Node a && other instanceof Node b) {
      if (!sameNames(a, b)) {
        throw new IllegalArgumentException("trees differ at " + where + ": children "
            + a.children().keySet().mkString("[", ", ", "]") + " and " + b.children().keySet().mkString("[", ", ", "]"));
      }
      return new Node(a.children().map((name, child) -> new Tuple2<>(name,
          child.zipWith(prefix.isEmpty() ? name : prefix + "/" + name, b.children().get(name).get(), f))));
    }
    throw new IllegalArgumentException("trees differ at " + where + ": "
        + kind(this) + " and " + kind(other));
  }

  /** Whether two nodes have the same child names in the same order (no lists built: every update step asks). */
  private static boolean sameNames(Node a, Node b) {
    if (a.children().size() != b.children().size()) {
      return false;
    }
    Iterator<String> i = a.children().keysIterator();
    Iterator<String> j = b.children().keysIterator();
    while (i.hasNext()) {
      if (!i.next().equals(j.next())) {
        return false;
      }
    }
    return true;
  }

  private static String kind(Tree t) {
    return t instanceof Leaf ? "a leaf" : "a node";
  }

  /**
   * {@return whether both trees have the same paths with the same leaf shapes}
   *
   * @param other the tree to compare with
   */
  default boolean sameStructure(Tree other) {
    Vector<Tuple2<String, Tensor>> a = flatten();
    Vector<Tuple2<String, Tensor>> b = other.flatten();
    return a.size() == b.size() && a.zip(b).forAll(p ->
        p._1._1.equals(p._2._1) && p._1._2.shape().equals(p._2._2.shape()));
  }

  /**
   * {@return {@code given} if it has this tree's structure (paths and leaf shapes), else fails with
   * a message naming {@code owner} and both structures}
   *
   * @param given the tree to check
   * @param owner who expects this structure, named in the message (e.g. a layer)
   */
  default Tree requireSameStructure(Tree given, String owner) {
    if (!sameStructure(given)) {
      throw new IllegalArgumentException(owner + " expects " + describe() + ", got " + given.describe());
    }
    return given;
  }

  /** {@return the paths with their shapes, e.g. {@code [weight (3, 4), bias (4)]}} */
  default String describe() {
    return flatten().map(e -> (e._1.isEmpty() ? "<root>" : e._1) + " " + e._2.shape()).mkString("[", ", ", "]");
  }

  // ---------------------------------------------------------------- arithmetic

  /**
   * {@return leafwise sum}
   *
   * @param other a tree of the same structure
   */
  default Tree add(Tree other) {
    return zipWith(other, Tensor::add);
  }

  /**
   * {@return leafwise difference}
   *
   * @param other a tree of the same structure
   */
  default Tree sub(Tree other) {
    return zipWith(other, Tensor::sub);
  }

  /**
   * {@return every leaf multiplied by {@code c}}
   *
   * @param c the factor
   */
  default Tree scale(double c) {
    return map(t -> t.mul(c));
  }

  /** {@return a tree of the same structure with every element zero} */
  default Tree zerosLike() {
    return map(t -> Tensor.zeros(t.shape()));
  }

  /**
   * {@return Σ over leaves of the inner products ⟨a, b⟩}
   *
   * @param other a tree of the same structure
   */
  default double dot(Tree other) {
    return zipWith(other, (a, b) -> Tensor.scalar(a.dot(b))).leaves().map(Tensor::item).sum().doubleValue();
  }

  /** {@return the global L2 norm √(Σ over all leaves of Σ x²)} */
  default double globalNorm() {
    return Math.sqrt(leaves().map(t -> t.dot(t)).sum().doubleValue());
  }

  /**
   * {@return whether both trees have the same structure and all leaves are {@code allClose}}
   *
   * @param other the tree to compare with
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   */
  default boolean allClose(Tree other, double rtol, double atol) {
    return sameStructure(other) && flatten().zip(other.flatten())
        .forAll(p -> p._1._2.allClose(p._2._2, rtol, atol));
  }
}
