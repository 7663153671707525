package purenet.tree;

import static purenet.testkit.TensorArbitraries.shapes;
import static purenet.testkit.TensorArbitraries.tensors;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import purenet.tensor.Tensor;

/**
 * Laws of parameter trees: map is a functor (identity, composition), flatten/unflatten round trip,
 * zipWith names the path where two structures differ, globalNorm² = ⟨t, t⟩. Trees are up to three
 * levels deep, every node has 1..3 children with distinct names, leaves are tensors of rank 0..2
 * with dimensions 1..4.
 */
class TreeLaws {

  @Provide
  Arbitrary<Tree> trees() {
    return tree(3);
  }

  static Arbitrary<Tree> tree(int depth) {
    Arbitrary<Tree> leaf = tensors(shapes(0, 2, 4), -3, 3).map(Tree::leaf);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<List<String>> names = Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(2)
        .list().uniqueElements().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Tree> node = names.flatMap(ns -> tree(depth - 1).list().ofSize(ns.size()).map(children ->
        Tree.node(Vector.ofAll(ns).zip(children))));
    return Arbitraries.frequencyOf(Tuple.of(1, leaf), Tuple.of(3, node)).withoutEdgeCases();
  }

  @Property(tries = 200)
  void mapWithTheIdentityIsTheIdentity(@ForAll("trees") Tree t) {
    require(t.map(x -> x).equals(t), "t.map(id) = t");
  }

  @Property(tries = 200)
  void mapComposes(@ForAll("trees") Tree t) {
    UnaryOperator<Tensor> f = x -> x.mul(2).add(1);
    UnaryOperator<Tensor> g = Tensor::exp;
    // The same elementwise operations in the same order: exact equality.
    require(t.map(f).map(g).equals(t.map(x -> g.apply(f.apply(x)))), "t.map(f).map(g) = t.map(g ∘ f)");
    require(t.map(f).paths().equals(t.paths()), "map keeps the paths");
  }

  @Property(tries = 200)
  void flattenThenUnflattenIsTheIdentity(@ForAll("trees") Tree t) {
    require(Tree.unflatten(t.flatten()).equals(t), "unflatten(flatten(t)) = t");
    require(t.paths().size() == t.leafCount(), "one path per leaf");
    for (Tuple2<String, Tensor> leaf : t.flatten()) {
      require(t.tensor(leaf._1).equals(leaf._2), "tensor(path) finds the leaf at " + leaf._1);
    }
  }

  record Mismatch(Tree tree, String path) {}

  @Provide
  Arbitrary<Mismatch> mismatches() {
    return trees().flatMap(t -> Arbitraries.integers().between(0, t.leafCount() - 1)
        .map(i -> new Mismatch(t, t.paths().get(i))));
  }

  @Property(tries = 200)
  void zipWithNamesThePathWhereShapesDiffer(@ForAll("mismatches") Mismatch m) {
    Tree other = m.tree().mapWithPath((p, x) -> p.equals(m.path()) ? Tensor.zeros(x.size() + 1) : x);
    String message = zipFailure(m.tree(), other);
    String where = m.path().isEmpty() ? "the root" : "'" + m.path() + "'";
    require(message.contains("differ at " + where), "message names " + where + ": " + message);
  }

  @Property(tries = 200)
  void zipWithNamesThePathWhereALeafMeetsANode(@ForAll("mismatches") Mismatch m) {
    Tree other = replace(m.tree(), m.path(), Tree.empty().with("extra", Tensor.scalar(1)));
    String message = zipFailure(m.tree(), other);
    String where = m.path().isEmpty() ? "the root" : "'" + m.path() + "'";
    require(message.contains("differ at " + where), "message names " + where + ": " + message);
  }

  @Property(tries = 200)
  void zipWithOfEqualStructuresIsLeafwise(@ForAll("trees") Tree t) {
    Tree doubled = t.zipWith(t, Tensor::add);
    require(doubled.equals(t.map(x -> x.mul(2))), "t ⊕ t = 2t leafwise");
  }

  @Property(tries = 200)
  void globalNormSquaredIsTheInnerProductWithItself(@ForAll("trees") Tree t) {
    double norm = t.globalNorm();
    double dot = t.dot(t);
    // Both sum the same squares; sqrt then square adds at most a few ulps: relative 1e-12.
    require(Math.abs(norm * norm - dot) <= 1e-12 * dot, "globalNorm² = " + norm * norm + ", ⟨t, t⟩ = " + dot);
  }

  /** The tree with the subtree at {@code path} replaced. */
  static Tree replace(Tree t, String path, Tree replacement) {
    if (path.isEmpty()) {
      return replacement;
    }
    int slash = path.indexOf('/');
    String head = slash < 0 ? path : path.substring(0, slash);
    String rest = slash < 0 ? "" : path.substring(slash + 1);
    Tree.Node node = (Tree.Node) t;
    return node.with(head, replace(node.child(head), rest, replacement));
  }

  private static String zipFailure(Tree a, Tree b) {
    try {
      a.zipWith(b, Tensor::add);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("zipWith accepted different structures:\n" + a.describe() + "\n" + b.describe());
  }

  private static void require(boolean holds, String law) {
    if (!holds) {
      throw new AssertionError(law);
    }
  }
}
