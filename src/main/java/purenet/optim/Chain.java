package purenet.optim;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Transforms applied one after another: the updates of each feed the next. State is a node with
 * children {@code "0"}, {@code "1"}, ... holding each transform's state.
 *
 * @param transforms the transforms, first applied first
 */
public record Chain(Vector<GradientTransform> transforms) implements GradientTransform {

  /**
   * {@return the chain of these transforms}
   *
   * @param transforms the transforms, first applied first
   */
  public static Chain of(GradientTransform... transforms) {
    return new Chain(Vector.of(transforms));
  }

  /** The leaves any transform of the chain freezes. */
  @Override
  public Selector frozen() {
    return transforms.map(GradientTransform::frozen).reduceOption(Selector::or).getOrElse(GradientTransform.super::frozen);
  }

  @Override
  public Tree init(Tree params) {
    return Tree.node(transforms.zipWithIndex().map(p -> new Tuple2<>(String.valueOf(p._2), p._1.init(params))));
  }

  @Override
  public Step update(Tree grads, Tree state, Tree params) {
    Tree updates = grads;
    Vector<Tuple2<String, Tree>> states = Vector.empty();
    for (int i = 0; i < transforms.size(); i++) {
      String name = String.valueOf(i);
      Step s = transforms.get(i).update(updates, state.get(name).getOrElse(Tree.empty()), params);
      updates = s.updates();
      states = states.append(new Tuple2<>(name, s.state()));
    }
    return new Step(updates, Tree.node(states));
  }
}
