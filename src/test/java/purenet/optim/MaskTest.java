package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** {@link Masked} and {@link Freeze} on a small two-leaf tree. */
class MaskTest {

  private final Tree params = Tree.empty()
      .with("layer", Tree.empty().with("weight", Tensor.vector(2, -4)).with("bias", Tensor.vector(1)));
  private final Tree grads = Tree.empty()
      .with("layer", Tree.empty().with("weight", Tensor.vector(1, 1)).with("bias", Tensor.vector(3)));

  @Test
  void maskedDecaySparesTheUnselectedLeaves() {
    GradientTransform t = new Masked(new AddDecayedWeights(0.5), path -> path.endsWith("weight"));
    Step s = t.update(grads, t.init(params), params);
    assertEquals(Tensor.vector(1 + 0.5 * 2, 1 - 0.5 * 4), s.updates().tensor("layer/weight"));
    assertEquals(Tensor.vector(3), s.updates().tensor("layer/bias"));
  }

  @Test
  void maskedStateCoversOnlyTheSelectedLeaves() {
    GradientTransform t = new Masked(TraceMomentum.of(0.9), path -> path.endsWith("bias"));
    assertEquals(io.vavr.collection.Vector.of("trace/layer/bias"), t.init(params).paths());
    Step s = t.update(grads, t.init(params), params);
    assertEquals(params.paths(), s.updates().paths());
  }

  @Test
  void freezeZeroesUpdatesWithNegativeZero() {
    GradientTransform t = Optimizers.freeze(path -> path.endsWith("bias"));
    Step s = t.update(grads, t.init(params), params);
    assertEquals(Tensor.vector(-0.0), s.updates().tensor("layer/bias"));
    assertEquals(Tensor.vector(1, 1), s.updates().tensor("layer/weight"));
    Tree negZero = Tree.leaf(Tensor.vector(-0.0));
    assertEquals(negZero, GradientTransform.applyUpdates(negZero, Tree.leaf(Tensor.vector(-0.0))));
  }

  @Test
  void freezingAnOptimizerKeepsStateOnlyForTheTrainableLeaves() {
    GradientTransform t = Optimizers.freeze(Optimizers.adam(0.1), path -> path.endsWith("weight"));
    Tree state = t.init(params);
    assertEquals(io.vavr.collection.Vector.of("0/0/mu/layer/bias", "0/0/nu/layer/bias", "0/0/count"),
        state.paths());
    Step s = t.update(grads, state, params);
    assertEquals(params, GradientTransform.applyUpdates(params, s.updates()).mapWhere(
        path -> path.endsWith("bias"), b -> Tensor.vector(1)));
  }
}
