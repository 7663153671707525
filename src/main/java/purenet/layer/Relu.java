package purenet.layer;

import purenet.tensor.Tensor;

/**
 * Rectified linear unit: f(x) = max(0, x), f'(x) = 1 for x &gt; 0 else 0. NaN stays NaN (as in
 * IEEE {@code max} and PyTorch): a comparison with NaN is false, and a NaN must not become 0.
 */
public record Relu() implements Pointwise {
  @Override
  public double value(double x) {
    return x > 0 || Double.isNaN(x) ? x : 0.0;
  }

  @Override
  public double derivative(double x, double y) {
    return x > 0 ? 1.0 : 0.0;
  }

  /**
   * The same map as {@link Pointwise#forward}, by the tensor's own loops ({@link Tensor#relu},
   * {@link Tensor#reluBackward}): the generic path calls {@link #value} through an interface shared
   * by every activation, which the JIT cannot inline, and branches on the sign of every element.
   */
  @Override
  public Forward forward(Tensor x, Mode mode) {
    Tensor y = x.relu();
    return new Forward(y, backwardAtOutput(y), this);
  }

  /**
   * {@return the backward pass of {@link #forward} from its output y = relu(x): g ↦ g ⊙ 1[y &gt; 0]}
   * That is the map at x too, since relu(x) &gt; 0 exactly where x &gt; 0 (a NaN is neither); so
   * a fused producer of y ({@link Dense#forwardRelu}) need not keep x.
   *
   * @param y the output of the forward pass
   */
  public Backward backwardAtOutput(Tensor y) {
    return g -> new Grads(y.reluBackward(g), params());
  }
}
