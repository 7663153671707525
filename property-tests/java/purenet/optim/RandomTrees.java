package purenet.optim;

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

/** Generators of random parameter trees and gradient sequences for the optimizer laws. */
final class RandomTrees {
  private RandomTrees() {}

  /**
   * Trees of 1 to 4 leaves of rank 0 to 3 (dimensions 1 to 4), nested one or two levels deep, or a
   * single leaf at the root; values N(0, 1) from a key jqwik chooses.
   */
  static Arbitrary<Tree> trees() {
    Arbitrary<int[]> shape = Arbitraries.integers().between(1, 4).array(int[].class).ofMaxSize(3);
    return Combinators.combine(shape.list().ofMinSize(1).ofMaxSize(4), Arbitraries.longs(),
        Arbitraries.of(true, false)).as(RandomTrees::build);
  }

  private static Tree build(List<int[]> shapes, long seed, boolean rootLeaf) {
    if (rootLeaf && shapes.size() == 1) {
      return like(Tree.leaf(Tensor.zeros(Shape.of(shapes.get(0)))), Key.of(seed), 0.0);
    }
    Vector<Tuple2<String, Tensor>> leaves = Vector.empty();
    for (int i = 0; i < shapes.size(); i++) {
      String path = i % 2 == 0 ? "layer" + i / 2 + "/weight" : "bias" + i;
      leaves = leaves.append(new Tuple2<>(path, Tensor.zeros(Shape.of(shapes.get(i)))));
    }
    return like(Tree.unflatten(leaves), Key.of(seed), 0.0);
  }

  /** A tree of {@code structure}'s shape with N(0, 1) values from {@code key}. */
  static Tree like(Tree structure, Key key) {
    return like(structure, key, 0.0);
  }

  /**
   * A tree of {@code structure}'s shape with N(0, 1) values from {@code key}, each set to exactly
   * zero with probability {@code zeros} (zero gradients are an edge case for adaptive methods).
   */
  static Tree like(Tree structure, Key key, double zeros) {
    int[] index = {0};
    return structure.map(t -> {
      Key k = key.foldIn(index[0]++);
      double[] z = k.normal(t.size());
      boolean[] drop = k.foldIn(-1).bernoulli(t.size(), zeros);
      for (int i = 0; i < z.length; i++) {
        z[i] = drop[i] ? 0.0 : z[i];
      }
      return Tensor.of(z, t.shape());
    });
  }

  /** All elements of all leaves, concatenated in leaf order. */
  static double[] flat(Tree tree) {
    return tree.leaves().flatMap(t -> Vector.ofAll(t.toArray())).toJavaStream()
        .mapToDouble(Double::doubleValue).toArray();
  }
}
