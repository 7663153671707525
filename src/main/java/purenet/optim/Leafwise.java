package purenet.optim;

import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** Leafwise helpers the transforms share: a three-tree zip and the step counter in a state. */
final class Leafwise {
  private Leafwise() {}

  /** An elementwise function of three values. */
  @FunctionalInterface
  interface Op3 {
    double apply(double a, double b, double c);
  }

  /**
   * {@code f} applied elementwise to three trees of identical structure, in one pass per leaf; the
   * result has {@code a}'s structure.
   */
  static Tree zip3(String owner, Tree a, Tree b, Tree c, Op3 f) {
    a.requireSameStructure(b, owner);
    a.requireSameStructure(c, owner);
    return a.mapWithPath((path, x) -> {
      Tensor y = b.tensor(path);
      Tensor z = c.tensor(path);
      return Tensor.generate(x.shape(), i -> f.apply(x.at(i), y.at(i), z.at(i)));
    });
  }

  /** The number of updates a state has seen: its scalar leaf {@code "count"}. */
  static long count(Tree state) {
    return (long) state.tensor("count").item();
  }

  /** The scalar leaf holding a step count. */
  static Tensor counter(long count) {
    return Tensor.scalar(count);
  }
}
