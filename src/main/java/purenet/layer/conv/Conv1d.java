package purenet.layer.conv;

import io.vavr.control.Option;
import purenet.init.Constant;
import purenet.init.He;
import purenet.init.Initializer;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Convolution;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tensor.WindowAxis;
import purenet.tree.Tree;

/**
 * A 1-d convolution layer over (batch, channels, length): y = w ⋆ x + b, a cross-correlation;
 * PyTorch's {@code nn.Conv1d} (groups = 1, zero padding).
 *
 * <p>Shapes: input x (batch, C, L), weight w (K, C, k), bias b (K), output (batch, K, Lo) with
 * <pre>
 *   y[n, o, i] = b[o] + Σ_{c, u} w[o, c, u] · x[n, c, i·s − before + u·d],
 *   Lo = ⌊(L + before + after − d·(k − 1) − 1) / s⌋ + 1,
 * </pre>
 * x read as 0 in the padding ({@link WindowAxis}; {@link #withSamePadding()} is PyTorch's
 * {@code padding='same'}, the odd zero of an even kernel at the end). It is the 2-d convolution of
 * the (batch, C, 1, L) image with the (K, C, 1, k) kernel, so it shares {@link Conv2d}'s kernels and
 * gradients: ∂L/∂x is the transposed convolution of g = ∂L/∂y with w, ∂L/∂w[o, c, u] =
 * Σ_{n, i} g[n, o, i]·x[n, c, i·s − before + u·d], ∂L/∂b[o] = Σ_{n, i} g[n, o, i]. Parameter paths:
 * {@code weight}, {@code bias} (PyTorch's names and layouts). Sequences in purenet's recurrent
 * layout (batch, time, features) must be transposed to (batch, features, time) first, as in PyTorch.
 *
 * @param weight the (K, C, k) kernel
 * @param bias   the (K) bias, or none
 * @param axis   stride, padding before/after and dilation along the length
 */
public record Conv1d(Tensor weight, Option<Tensor> bias, WindowAxis axis) implements Layer {

  /**
   * Validates the shapes.
   *
   * @param weight the (K, C, k) kernel
   * @param bias the (K) bias, or none
   * @param axis stride, padding before/after and dilation along the length
   */
  public Conv1d {
    if (weight.rank() != 3 || weight.size() == 0) {
      throw new IllegalArgumentException(
          "Conv1d weight must be (out, in, k) with every dimension >= 1, got " + weight.shape());
    }
    if (bias.isDefined() && !bias.get().shape().equals(Shape.of(weight.dim(0)))) {
      throw new IllegalArgumentException("Conv1d bias must be (" + weight.dim(0) + "), got " + bias.get().shape());
    }
    if (axis == null) {
      throw new IllegalArgumentException("Conv1d needs an axis (stride, padding, dilation), got null");
    }
  }

  /**
   * A layer with the given kernel and bias, stride 1, no padding, no dilation.
   *
   * @param weight the (K, C, k) kernel
   * @param bias   the (K) bias
   * @return the layer
   */
  public static Conv1d of(Tensor weight, Tensor bias) {
    return new Conv1d(weight, Option.of(bias), WindowAxis.plain());
  }

  /**
   * A "valid" (unpadded, stride 1) layer with a He-uniform kernel (fan_in = in·k) and zero bias.
   *
   * @param in         input channels C
   * @param out        output channels K
   * @param kernelSize kernel length k
   * @param key        the key of the initial kernel
   * @return the layer
   */
  public static Conv1d of(int in, int out, int kernelSize, Key key) {
    return of(in, out, kernelSize, He.uniform(), key);
  }

  /**
   * A "valid" (unpadded, stride 1) layer with a kernel from {@code init} (fan_in = in·k,
   * fan_out = out·k) and zero bias.
   *
   * @param in         input channels C
   * @param out        output channels K
   * @param kernelSize kernel length k
   * @param init       the kernel's initializer
   * @param key        the key of the initial kernel
   * @return the layer
   */
  public static Conv1d of(int in, int out, int kernelSize, Initializer init, Key key) {
    if (in < 1 || out < 1 || kernelSize < 1) {
      throw new IllegalArgumentException("Conv1d needs in, out and kernel size >= 1, got in=" + in + ", out="
          + out + ", kernel size " + kernelSize);
    }
    return new Conv1d(init.initialize(key, Shape.of(out, in, kernelSize)),
        Option.of(Constant.zeros().initialize(key, Shape.of(out))), WindowAxis.plain());
  }

  /**
   * A stride-1 layer with PyTorch's "same" padding for any kernel length (Lo = L); He-uniform
   * kernel, zero bias.
   *
   * @param in         input channels C
   * @param out        output channels K
   * @param kernelSize kernel length k
   * @param key        the key of the initial kernel
   * @return the layer
   */
  public static Conv1d same(int in, int out, int kernelSize, Key key) {
    return of(in, out, kernelSize, key).withSamePadding();
  }

  /**
   * The same layer with another stride.
   *
   * @param s the stride, ≥ 1
   * @return the layer
   */
  public Conv1d withStride(int s) {
    return new Conv1d(weight, bias, axis.withStride(s));
  }

  /**
   * The same layer with {@code p} zeros at both ends.
   *
   * @param p the padding, ≥ 0
   * @return the layer
   */
  public Conv1d withPadding(int p) {
    return withPadding(p, p);
  }

  /**
   * The same layer with padding given per end.
   *
   * @param before zeros before the first element, ≥ 0
   * @param after  zeros after the last element, ≥ 0
   * @return the layer
   */
  public Conv1d withPadding(int before, int after) {
    return new Conv1d(weight, bias, axis.withPadding(before, after));
  }

  /**
   * The same layer with PyTorch's {@code padding='same'} for its kernel and dilation: d·(k − 1)
   * zeros, ⌊half⌋ before and the rest after.
   *
   * @return the layer
   */
  public Conv1d withSamePadding() {
    WindowAxis same = WindowAxis.same(weight.dim(2), axis.dilation());
    return withPadding(same.padBefore(), same.padAfter());
  }

  /**
   * The same layer with another dilation (padding unchanged).
   *
   * @param d the dilation, ≥ 1
   * @return the layer
   */
  public Conv1d withDilation(int d) {
    return new Conv1d(weight, bias, axis.withDilation(d));
  }

  /**
   * The same layer without a bias.
   *
   * @return the layer
   */
  public Conv1d withoutBias() {
    return new Conv1d(weight, Option.none(), axis);
  }

  /**
   * Number of input channels C.
   *
   * @return C
   */
  public int inChannels() {
    return weight.dim(1);
  }

  /**
   * Number of output channels K.
   *
   * @return K
   */
  public int outChannels() {
    return weight.dim(0);
  }

  /** The 2-d geometry of the (batch, C, 1, L) image. */
  private Convolution convolution() {
    return new Convolution(WindowAxis.plain(), axis);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    String problem = problem(x.shape());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    Convolution conv = convolution();
    Shape inShape = x.shape();
    Tensor image = x.reshape(inShape.dim(0), inShape.dim(1), 1, inShape.dim(2));
    Tensor kernel = weight.reshape(weight.dim(0), weight.dim(1), 1, weight.dim(2));
    Tensor y = bias.isDefined() ? conv.apply(image, kernel, bias.get()) : conv.apply(image, kernel);
    Tensor out = y.reshape(y.dim(0), y.dim(1), y.dim(3));
    return new Forward(out, g -> {
      Tensor g4 = g.reshape(g.dim(0), g.dim(1), 1, g.dim(2));
      Tree grads = Tree.empty().with("weight", conv.kernelGrad(image, g4, kernel.shape()).reshape(weight.shape()))
          .withOptional("bias", bias.map(b -> conv.biasGrad(g4)));
      return new Grads(conv.inputGrad(g4, kernel, image.shape()).reshape(inShape), grads);
    }, this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    int batch = input.rank() == 0 ? 1 : input.dim(0);
    int lo = input.rank() == 3 ? Math.max(1, axis.outputSize(input.dim(2), weight.dim(2))) : 1;
    Shape out = Shape.of(batch, outChannels(), lo);
    String problem = problem(input);
    return problem == null ? ShapeCheck.ok(out) : ShapeCheck.problem(out, problem);
  }

  /** What is wrong with an input shape, or null if it fits. */
  private String problem(Shape input) {
    if (input.rank() != 3 || input.dim(1) != inChannels()) {
      return "Conv1d expects input (batch, " + inChannels() + ", L), got " + input;
    }
    if (axis.outputSize(input.dim(2), weight.dim(2)) < 1) {
      return "Conv1d with kernel " + weight.dim(2) + ", " + axis + " expects input (batch, " + inChannels()
          + ", L ≥ " + axis.minInput(weight.dim(2)) + "), got " + input;
    }
    return null;
  }
}
