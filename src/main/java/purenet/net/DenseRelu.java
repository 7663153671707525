package purenet.net;

import purenet.layer.Backward;
import purenet.layer.Dense;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * How {@link Sequential} runs a {@link Dense} layer next to a {@link Relu}: same results, bit for bit,
 * fewer arrays and passes.
 *
 * <p>Forward, a Dense child directly followed by a ReLU child computes relu(x·W + b) in one pass
 * over its product ({@link Dense#forwardRelu}) instead of the affine map and then the ReLU, each a
 * fresh array. Backward, a ReLU child directly followed by a Dense child: the Dense layer's input
 * gradient g·Wᵀ is masked by 1[x &gt; 0] in place ({@link Dense#backwardThroughRelu}), where x, its
 * input, is the ReLU's output, instead of the ReLU's backward copying it. Why here: a layer sees only
 * itself, the network sees its neighbours; the layers and their protocol stay as they are.
 */
final class DenseRelu {
  private DenseRelu() {}

  /** A Dense child's backward pass, with the input it was taken at (for the fused path through a ReLU). */
  record DenseAt(Dense dense, Tensor input, Backward backward) implements Backward {
    @Override
    public Grads apply(Tensor outputGrad) {
      return backward.apply(outputGrad);
    }

    @Override
    public Tree paramsOnly(Tensor outputGrad) {
      return backward.paramsOnly(outputGrad);
    }
  }

  /** A ReLU child's backward pass, marked so that the Dense child above it can carry its gradient through. */
  record ReluAt(Relu relu, Backward backward) implements Backward {
    @Override
    public Grads apply(Tensor outputGrad) {
      return backward.apply(outputGrad);
    }
  }

  /** {@return whether children i and i + 1 are a Dense layer and a ReLU, which run as one pass} */
  static boolean pairsForward(Layer first, Layer second) {
    return first instanceof Dense && second instanceof Relu;
  }

  /**
   * Runs a Dense child (at position i) and the ReLU after it: stores both backward passes at i and
   * i + 1 of {@code backs} and returns relu(x·W + b). Neither layer has state, a penalty or a mode
   * of its own, so the Forward records of the two calls would say nothing more.
   */
  static Tensor forward(Dense dense, Relu relu, Tensor x, Backward[] backs, int i) {
    Tensor y = dense.forwardRelu(x);
    backs[i] = new DenseAt(dense, x, dense.backward(x));
    backs[i + 1] = new ReluAt(relu, relu.backwardAtOutput(y));
    return y;
  }

  /** {@return the backward pass of a child that ran on its own, marked when it is a Dense layer or a ReLU} */
  static Backward marked(Layer layer, Tensor input, Backward backward) {
    if (layer instanceof Dense dense) {
      return new DenseAt(dense, input, backward);
    }
    if (layer instanceof Relu relu) {
      return new ReluAt(relu, backward);
    }
    return backward;
  }

  /** {@return whether the backward pass at i is a Dense layer's whose input came from the ReLU at i − 1} */
  static boolean pairsBackward(Backward[] backs, int i) {
    return i >= 1 && backs[i] instanceof DenseAt && backs[i - 1] instanceof ReluAt;
  }

  /**
   * The chain rule through the Dense child at i and the ReLU at i − 1 in one pass: stores both
   * children's parameter gradients in {@code params} and returns ∂L/∂(the ReLU's input).
   */
  static Tensor backward(Backward[] backs, int i, Tensor g, Tree[] params) {
    DenseAt dense = (DenseAt) backs[i];
    ReluAt relu = (ReluAt) backs[i - 1];
    Grads grads = dense.dense().backwardThroughRelu(dense.input(), g);
    params[i] = grads.params();
    params[i - 1] = relu.relu().params();
    return grads.input();
  }
}
