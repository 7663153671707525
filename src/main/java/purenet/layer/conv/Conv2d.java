package purenet.layer.conv;

import io.vavr.control.Option;
import purenet.init.Constant;
import purenet.init.He;
import purenet.init.Initializer;
import purenet.layer.Backward;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Convolution;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A 2-d convolution layer: y = w ⋆ x + b, a cross-correlation (the kernel is not flipped).
 *
 * <p>Shapes: input x (batch, C, H, W), weight w (K, C, kh, kw), bias b (K), output
 * (batch, K, Ho, Wo) with
 * <pre>
 *   y[n, k, i, j] = b[k] + Σ_{c, u, v} w[k, c, u, v] · x[n, c, i·s − p + u·d, j·s − p + v·d],
 *   Ho = ⌊(H + 2p − d·(kh − 1) − 1) / s⌋ + 1   (⌊(H + 2p − kh) / s⌋ + 1 without dilation),
 * </pre>
 * x read as 0 in the padding. Backward (see {@link Convolution}): ∂L/∂x is the transposed
 * convolution of g = ∂L/∂y with w; ∂L/∂w[k, c, u, v] = Σ_{n, i, j} g[n, k, i, j]·x[n, c, i·s − p + u·d,
 * j·s − p + v·d]; ∂L/∂b[k] = Σ_{n, i, j} g[n, k, i, j]. Parameter paths: {@code weight},
 * {@code bias}. The work is done by im2col and one matrix product per pass (LeCun et al., 1998,
 * for the layer; Chellapilla et al., 2006, for the lowering). {@link purenet.layer.Backward#paramsOnly}
 * skips ∂L/∂x (for a first layer, whose input is data).
 *
 * @param weight   the (K, C, kh, kw) kernel
 * @param bias     the (K) bias, or none
 * @param stride   step of the window, ≥ 1
 * @param padding  zeros added on every side, ≥ 0
 * @param dilation spacing of the kernel taps, ≥ 1 (1: an ordinary convolution)
 */
public record Conv2d(Tensor weight, Option<Tensor> bias, int stride, int padding, int dilation) implements Layer {

  /** Validates the shapes and hyperparameters. */
  public Conv2d {
    if (weight.rank() != 4 || weight.size() == 0) {
      throw new IllegalArgumentException(
          "Conv2d weight must be (out, in, kh, kw) with every dimension >= 1, got " + weight.shape());
    }
    if (bias.isDefined() && !bias.get().shape().equals(Shape.of(weight.dim(0)))) {
      throw new IllegalArgumentException("Conv2d bias must be (" + weight.dim(0) + "), got " + bias.get().shape());
    }
    if (stride < 1) {
      throw new IllegalArgumentException("Conv2d stride must be >= 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException("Conv2d padding must be >= 0, got " + padding);
    }
    if (dilation < 1) {
      throw new IllegalArgumentException("Conv2d dilation must be >= 1, got " + dilation);
    }
  }

  /** A layer with the given kernel and bias, stride 1, no padding, no dilation. */
  public static Conv2d of(Tensor weight, Tensor bias) {
    return new Conv2d(weight, Option.of(bias), 1, 0, 1);
  }

  /**
   * A "valid" (unpadded, stride 1) layer with a kernelSize×kernelSize kernel drawn from He uniform
   * (fan_in = in·k², suited to a following ReLU) and zero bias.
   */
  public static Conv2d of(int in, int out, int kernelSize, Key key) {
    return of(in, out, kernelSize, He.uniform(), key);
  }

  /**
   * A "valid" (unpadded, stride 1) layer with a kernelSize×kernelSize kernel from {@code init}
   * (fans: fan_in = in·k², fan_out = out·k²) and zero bias.
   */
  public static Conv2d of(int in, int out, int kernelSize, Initializer init, Key key) {
    if (in < 1 || out < 1 || kernelSize < 1) {
      throw new IllegalArgumentException("Conv2d needs in, out and kernel size >= 1, got in=" + in + ", out="
          + out + ", kernel size " + kernelSize);
    }
    Tensor w = init.initialize(key, Shape.of(out, in, kernelSize, kernelSize));
    return new Conv2d(w, Option.of(Constant.zeros().initialize(key, Shape.of(out))), 1, 0, 1);
  }

  /**
   * A stride-1 layer with "same" padding p = (k − 1)/2, so the output has the input's height and
   * width; He-uniform kernel, zero bias. Requires an odd kernel size.
   */
  public static Conv2d same(int in, int out, int kernelSize, Key key) {
    return same(in, out, kernelSize, He.uniform(), key);
  }

  /** A stride-1 "same" layer (p = (k − 1)/2, odd k) with a kernel from {@code init} and zero bias. */
  public static Conv2d same(int in, int out, int kernelSize, Initializer init, Key key) {
    if (kernelSize % 2 == 0) {
      throw new IllegalArgumentException("Conv2d.same needs an odd kernel size, got " + kernelSize);
    }
    return of(in, out, kernelSize, init, key).withPadding((kernelSize - 1) / 2);
  }

  /** The same layer with another stride. */
  public Conv2d withStride(int s) {
    return new Conv2d(weight, bias, s, padding, dilation);
  }

  /** The same layer with another padding. */
  public Conv2d withPadding(int p) {
    return new Conv2d(weight, bias, stride, p, dilation);
  }

  /** The same layer with another dilation (padding unchanged: "same" needs p = d·(k − 1)/2). */
  public Conv2d withDilation(int d) {
    return new Conv2d(weight, bias, stride, padding, d);
  }

  /** The same layer without a bias. */
  public Conv2d withoutBias() {
    return new Conv2d(weight, Option.none(), stride, padding, dilation);
  }

  /** The same layer with every bias element set to {@code value} (e.g. 0.01 before a ReLU). */
  public Conv2d withBias(double value) {
    return new Conv2d(weight, Option.of(Tensor.full(value, weight.dim(0))), stride, padding, dilation);
  }

  /** Number of input channels C. */
  public int inChannels() {
    return weight.dim(1);
  }

  /** Number of output channels (filters) K. */
  public int outChannels() {
    return weight.dim(0);
  }

  /** The geometry (stride, padding, dilation) as a tensor-level {@link Convolution}. */
  public Convolution convolution() {
    return new Convolution(stride, padding, dilation);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    String problem = problem(x.shape());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    Convolution conv = convolution();
    Tensor y = bias.isDefined() ? conv.apply(x, weight, bias.get()) : conv.apply(x, weight);
    // A first layer's input is data: the training step asks for the parameter gradients alone and
    // the input gradient (a col2im as large as the input) is never computed.
    return new Forward(y, Backward.of(
        g -> new Grads(conv.inputGrad(g, weight, x.shape()), paramGrads(conv, x, g)),
        g -> paramGrads(conv, x, g)), this);
  }

  /** ∂L/∂weight and ∂L/∂bias for the output gradient g. */
  private Tree paramGrads(Convolution conv, Tensor x, Tensor g) {
    return Tree.empty().with("weight", conv.kernelGrad(x, g, weight.shape()))
        .withOptional("bias", bias.map(b -> conv.biasGrad(g)));
  }

  @Override
  public Tree params() {
    return Tree.empty().with("weight", weight).withOptional("bias", bias);
  }

  @Override
  public Layer withParams(Tree params) {
    params().requireSameStructure(params, "Conv2d.withParams");
    return new Conv2d(params.tensor("weight"), bias.map(b -> params.tensor("bias")), stride, padding, dilation);
  }

  @Override
  public ShapeCheck check(Shape input) {
    Convolution conv = convolution();
    int batch = input.rank() == 0 ? 1 : input.dim(0);
    int ho = input.rank() == 4 ? Math.max(1, conv.outputSize(input.dim(2), weight.dim(2))) : 1;
    int wo = input.rank() == 4 ? Math.max(1, conv.outputSize(input.dim(3), weight.dim(3))) : 1;
    Shape out = Shape.of(batch, outChannels(), ho, wo);
    String problem = problem(input);
    return problem == null ? ShapeCheck.ok(out) : ShapeCheck.problem(out, problem);
  }

  /** What is wrong with an input shape, or null if it fits. */
  private String problem(Shape input) {
    if (input.rank() != 4 || input.dim(1) != inChannels()) {
      return "Conv2d expects input (batch, " + inChannels() + ", H, W), got " + input;
    }
    Convolution conv = convolution();
    if (conv.outputSize(input.dim(2), weight.dim(2)) < 1 || conv.outputSize(input.dim(3), weight.dim(3)) < 1) {
      int minH = Math.max(1, dilation * (weight.dim(2) - 1) + 1 - 2 * padding);
      int minW = Math.max(1, dilation * (weight.dim(3) - 1) + 1 - 2 * padding);
      return "Conv2d with kernel " + weight.dim(2) + "×" + weight.dim(3) + ", padding " + padding + ", dilation "
          + dilation + " expects input (batch, " + inChannels() + ", H ≥ " + minH + ", W ≥ " + minW + "), got "
          + input;
    }
    return null;
  }
}
