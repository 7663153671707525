package purenet.net;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A test layer with state and a penalty: y = x + noise, where the noise is uniform in [0, 1) from
 * the mode's key (zero in evaluation); each training pass returns as {@code next} a probe whose
 * {@code calls} state is one higher, and every pass adds the penalty 0.25.
 */
record Probe(Tensor calls) implements Layer {

  static final double PENALTY = 0.25;

  static Probe fresh() {
    return new Probe(Tensor.scalar(0));
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Tensor y = mode.randomKey().map(k -> x.add(Tensor.of(k.uniform(x.size()), x.shape()))).getOrElse(x);
    Layer next = mode.isTraining() ? new Probe(calls.add(1)) : this;
    return new Forward(y, g -> new Grads(g, Tree.empty()), next, PENALTY);
  }

  @Override
  public Tree state() {
    return Tree.empty().with("calls", calls);
  }

  @Override
  public Layer withState(Tree state) {
    state().requireSameStructure(state, "Probe.withState");
    return new Probe(state.tensor("calls"));
  }
}
