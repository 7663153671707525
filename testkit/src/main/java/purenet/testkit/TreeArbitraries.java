package purenet.testkit;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Generators of {@link Tree}s (parameters, gradients): nodes of one to four named leaves or
 * subtrees, two levels deep at most, leaves of rank 0 to 2 with dimensions up to 4 and values in
 * [−1, 1]. Every tree is built, none filtered.
 */
public final class TreeArbitraries {

  private TreeArbitraries() {
  }

  /**
   * Parameter-like trees: {@code "0/weight"}, {@code "0/bias"}, {@code "1/weight"}, … .
   *
   * @return the trees
   */
  public static Arbitrary<Tree> trees() {
    Arbitrary<Shape> shapes = TensorArbitraries.shapes(0, 2, 4);
    return Combinators.combine(shapes.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(false, true),
        TensorArbitraries.keys()).as(TreeArbitraries::build);
  }

  private static Tree build(List<Shape> shapes, boolean nested, Key key) {
    Vector<Tuple2<String, Tensor>> leaves = Vector.empty();
    for (int i = 0; i < shapes.size(); i++) {
      String name = i % 2 == 0 ? "weight" : "bias";
      String path = nested ? (i / 2) + "/" + name : name + i;
      leaves = leaves.append(new Tuple2<>(path, values(key.foldIn(i), shapes.get(i))));
    }
    return Tree.unflatten(leaves);
  }

  /**
   * A tree of {@code structure}'s paths and shapes with fresh values in [−1, 1] from {@code key}:
   * gradients for given parameters.
   *
   * @param structure the paths and shapes
   * @param key       the key of the values
   * @return the tree
   */
  public static Tree like(Tree structure, Key key) {
    Vector<Tuple2<String, Tensor>> leaves = structure.flatten().zipWithIndex()
        .map(p -> new Tuple2<>(p._1._1, values(key.foldIn(p._2), p._1._2.shape())));
    return Tree.unflatten(leaves);
  }

  private static Tensor values(Key key, Shape shape) {
    return Tensor.of(key.uniform(shape.size(), -1, 1), shape);
  }
}
