package purenet.train;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.regularize.Penalties;
import purenet.regularize.TreePenalty;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** Small layers and penalties for the training tests, each exercising one part of the step. */
final class TestLayers {
  private TestLayers() {}

  /** Adds scale·N(0, 1) noise drawn from the mode's key in training; identity otherwise. */
  record Noise(double scale) implements Layer {
    @Override
    public Forward forward(Tensor x, Mode mode) {
      Tensor out = mode.isTraining()
          ? x.add(Tensor.of(mode.randomKey().get().normal(x.size()), x.shape()).mul(scale))
          : x;
      return new Forward(out, g -> new Grads(g, params()), this);
    }
  }

  /** Identity that counts its training passes in its non-trainable state. */
  record Counter(double count) implements Layer {
    @Override
    public Forward forward(Tensor x, Mode mode) {
      return new Forward(x, g -> new Grads(g, params()), mode.isTraining() ? new Counter(count + 1) : this);
    }

    @Override
    public Tree state() {
      return Tree.empty().with("count", Tensor.scalar(count));
    }

    @Override
    public Layer withState(Tree state) {
      return new Counter(state().requireSameStructure(state, "Counter.withState").tensor("count").item());
    }
  }

  /** Identity adding the activation penalty c·Σx² to the objective, with its gradient 2c·x. */
  record ActivityPenalty(double c) implements Layer {
    @Override
    public Forward forward(Tensor x, Mode mode) {
      return new Forward(x, g -> new Grads(g.addScaled(2 * c, x), params()), this, c * x.dot(x));
    }
  }

  /** L2(λ) on every leaf: λ/2·Σw², gradient λ·w (the convention of Ashu's UEC630 lecture "Regularization"). */
  static Penalties l2(double lambda) {
    return params -> new TreePenalty(lambda / 2 * params.dot(params), params.scale(lambda));
  }
}
