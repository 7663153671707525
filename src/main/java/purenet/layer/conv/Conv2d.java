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
import purenet.tensor.WindowAxis;
import purenet.tree.Tree;

/**
 * A 2-d convolution layer: y = w ⋆ x + b, a cross-correlation (the kernel is not flipped);
 * PyTorch's {@code nn.Conv2d} (groups = 1, zero padding).
 *
 * <p>Shapes: input x (batch, C, H, W), weight w (K, C, kh, kw), bias b (K), output
 * (batch, K, Ho, Wo) with
 * <pre>
 *   y[n, k, i, j] = b[k] + Σ_{c, u, v} w[k, c, u, v] · x[n, c, i·sh − top + u·dh, j·sw − left + v·dw],
 *   Ho = ⌊(H + top + bottom − dh·(kh − 1) − 1) / sh⌋ + 1,   Wo = ⌊(W + left + right − dw·(kw − 1) − 1) / sw⌋ + 1
 * </pre>
 * (Ho = ⌊(H + 2p − kh) / s⌋ + 1 for symmetric padding without dilation), x read as 0 in the
 * padding. Stride, padding and dilation are per axis ({@link Convolution}, {@link WindowAxis});
 * padding may differ on all four sides, and {@link #withSamePadding()} is PyTorch's
 * {@code padding='same'} for any kernel: total d·(k − 1) per axis, the odd row/column of an even
 * kernel at the bottom/right. Backward (see {@link Convolution}): ∂L/∂x is the transposed
 * convolution of g = ∂L/∂y with w; ∂L/∂w[k, c, u, v] = Σ_{n, i, j} g[n, k, i, j]·x[n, c,
 * i·sh − top + u·dh, j·sw − left + v·dw]; ∂L/∂b[k] = Σ_{n, i, j} g[n, k, i, j]. Parameter paths:
 * {@code weight}, {@code bias} (PyTorch's names and layouts). The work is done by im2col and one
 * matrix product per pass (LeCun et al., 1998, for the layer; Chellapilla et al., 2006, for the
 * lowering). {@link purenet.layer.Backward#paramsOnly} skips ∂L/∂x (for a first layer, whose input is data).
 *
 * @param weight   the (K, C, kh, kw) kernel
 * @param bias     the (K) bias, or none
 * @param geometry stride, padding and dilation along the height and the width
 */
public record Conv2d(Tensor weight, Option<Tensor> bias, Convolution geometry) implements Layer {

  /**
   * Validates the shapes.
   *
   * @param weight the (K, C, kh, kw) kernel
   * @param bias the (K) bias, or none
   * @param geometry stride, padding and dilation along the height and the width
   */
  public Conv2d {
    if (weight.rank() != 4 || weight.size() == 0) {
      throw new IllegalArgumentException(
          "Conv2d weight must be (out, in, kh, kw) with every dimension >= 1, got " + weight.shape());
    }
    if (bias.isDefined() && !bias.get().shape().equals(Shape.of(weight.dim(0)))) {
      throw new IllegalArgumentException("Conv2d bias must be (" + weight.dim(0) + "), got " + bias.get().shape());
    }
    if (geometry == null) {
      throw new IllegalArgumentException("Conv2d needs a geometry (stride, padding, dilation), got null");
    }
  }

  /**
   * A layer with the same stride, symmetric padding and dilation along both axes.
   *
   * @param weight   the (K, C, kh, kw) kernel
   * @param bias     the (K) bias, or none
   * @param stride   step of the window, ≥ 1
   * @param padding  zeros added on every side, ≥ 0
   * @param dilation spacing of the kernel taps, ≥ 1 (1: an ordinary convolution)
   */
  public Conv2d(Tensor weight, Option<Tensor> bias, int stride, int padding, int dilation) {
    this(weight, bias, geometry(stride, padding, dilation));
  }

  private static Convolution geometry(int stride, int padding, int dilation) {
    if (stride < 1) {
      throw new IllegalArgumentException("Conv2d stride must be >= 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException("Conv2d padding must be >= 0, got " + padding);
    }
    if (dilation < 1) {
      throw new IllegalArgumentException("Conv2d dilation must be >= 1, got " + dilation);
    }
    return new Convolution(stride, padding, dilation);
  }

  /**
   * A layer with the given kernel and bias, stride 1, no padding, no dilation.
   *
   * @param weight the (K, C, kh, kw) kernel
   * @param bias   the (K) bias
   * @return the layer
   */
  public static Conv2d of(Tensor weight, Tensor bias) {
    return new Conv2d(weight, Option.of(bias), 1, 0, 1);
  }

  /**
   * A "valid" (unpadded, stride 1) layer with a kernelSize×kernelSize kernel drawn from He uniform
   * (fan_in = in·k², suited to a following ReLU) and zero bias.
   *
   * @param in         input channels C
   * @param out        output channels K
   * @param kernelSize the kernel side k
   * @param key        the key of the initial kernel
   * @return the layer
   */
  public static Conv2d of(int in, int out, int kernelSize, Key key) {
    return of(in, out, kernelSize, He.uniform(), key);
  }

  /**
   * A "valid" (unpadded, stride 1) layer with a kernelSize×kernelSize kernel from {@code init}
   * (fans: fan_in = in·k², fan_out = out·k²) and zero bias.
   *
   * @param in         input channels C
   * @param out        output channels K
   * @param kernelSize the kernel side k
   * @param init       the kernel's initializer
   * @param key        the key of the initial kernel
   * @return the layer
   */
  public static Conv2d of(int in, int out, int kernelSize, Initializer init, Key key) {
    return of(in, out, kernelSize, kernelSize, init, key);
  }

  /**
   * A "valid" (unpadded, stride 1) layer with a kh×kw kernel from {@code init} (fans:
   * fan_in = in·kh·kw, fan_out = out·kh·kw) and zero bias.
   *
   * @param in   input channels C
   * @param out  output channels K
   * @param kh   kernel height
   * @param kw   kernel width
   * @param init the kernel's initializer
   * @param key  the key of the initial kernel
   * @return the layer
   */
  public static Conv2d of(int in, int out, int kh, int kw, Initializer init, Key key) {
    if (in < 1 || out < 1 || kh < 1 || kw < 1) {
      throw new IllegalArgumentException("Conv2d needs in, out and kernel size >= 1, got in=" + in + ", out="
          + out + ", kernel size " + (kh == kw ? String.valueOf(kh) : kh + "×" + kw));
    }
    Tensor w = init.initialize(key, Shape.of(out, in, kh, kw));
    return new Conv2d(w, Option.of(Constant.zeros().initialize(key, Shape.of(out))), 1, 0, 1);
  }

  /**
   * A stride-1 layer with "same" padding, so the output has the input's height and width; He-uniform
   * kernel, zero bias. Any kernel size: an odd k pads (k − 1)/2 on every side, an even k pads
   * k/2 − 1 at the top/left and k/2 at the bottom/right, as PyTorch's {@code padding='same'}.
   *
   * @param in         input channels C
   * @param out        output channels K
   * @param kernelSize the kernel side k
   * @param key        the key of the initial kernel
   * @return the layer
   */
  public static Conv2d same(int in, int out, int kernelSize, Key key) {
    return same(in, out, kernelSize, He.uniform(), key);
  }

  /**
   * A stride-1 "same" layer (see {@link #same(int, int, int, Key)}) with a kernel from
   * {@code init} and zero bias.
   *
   * @param in         input channels C
   * @param out        output channels K
   * @param kernelSize the kernel side k
   * @param init       the kernel's initializer
   * @param key        the key of the initial kernel
   * @return the layer
   */
  public static Conv2d same(int in, int out, int kernelSize, Initializer init, Key key) {
    return of(in, out, kernelSize, init, key).withSamePadding();
  }

  /**
   * The same layer with another stride along both axes.
   *
   * @param s the stride, ≥ 1
   * @return the layer
   */
  public Conv2d withStride(int s) {
    return withStride(s, s);
  }

  /**
   * The same layer with a stride per axis.
   *
   * @param sh stride along the height, ≥ 1
   * @param sw stride along the width, ≥ 1
   * @return the layer
   */
  public Conv2d withStride(int sh, int sw) {
    return withGeometry(new Convolution(geometry.vertical().withStride(sh), geometry.horizontal().withStride(sw)));
  }

  /**
   * The same layer with {@code p} zeros on every side.
   *
   * @param p the padding, ≥ 0
   * @return the layer
   */
  public Conv2d withPadding(int p) {
    return withPadding(p, p, p, p);
  }

  /**
   * The same layer with symmetric padding per axis (PyTorch's {@code padding=(ph, pw)}).
   *
   * @param ph zeros above and below
   * @param pw zeros left and right
   * @return the layer
   */
  public Conv2d withPadding(int ph, int pw) {
    return withPadding(ph, ph, pw, pw);
  }

  /**
   * The same layer with padding given per side (PyTorch: {@code F.pad(x, (left, right, top,
   * bottom))} before an unpadded convolution).
   *
   * @param top    zeros above, ≥ 0
   * @param bottom zeros below, ≥ 0
   * @param left   zeros on the left, ≥ 0
   * @param right  zeros on the right, ≥ 0
   * @return the layer
   */
  public Conv2d withPadding(int top, int bottom, int left, int right) {
    return withGeometry(new Convolution(geometry.vertical().withPadding(top, bottom),
        geometry.horizontal().withPadding(left, right)));
  }

  /**
   * The same layer with PyTorch's {@code padding='same'} for its kernel and current dilation:
   * total d·(k − 1) zeros per axis, ⌊total/2⌋ at the top/left and the rest at the bottom/right.
   * The output keeps the input's height and width when the stride is 1 (PyTorch allows 'same' only
   * then).
   *
   * @return the layer
   */
  public Conv2d withSamePadding() {
    WindowAxis v = WindowAxis.same(weight.dim(2), geometry.vertical().dilation());
    WindowAxis h = WindowAxis.same(weight.dim(3), geometry.horizontal().dilation());
    return withPadding(v.padBefore(), v.padAfter(), h.padBefore(), h.padAfter());
  }

  /**
   * The same layer with another dilation along both axes (padding unchanged: call
   * {@link #withSamePadding()} afterwards for "same").
   *
   * @param d the dilation, ≥ 1
   * @return the layer
   */
  public Conv2d withDilation(int d) {
    return withDilation(d, d);
  }

  /**
   * The same layer with a dilation per axis (padding unchanged).
   *
   * @param dh dilation along the height, ≥ 1
   * @param dw dilation along the width, ≥ 1
   * @return the layer
   */
  public Conv2d withDilation(int dh, int dw) {
    return withGeometry(new Convolution(geometry.vertical().withDilation(dh), geometry.horizontal().withDilation(dw)));
  }

  /**
   * The same kernel and bias with another geometry.
   *
   * @param g stride, padding and dilation per axis
   * @return the layer
   */
  public Conv2d withGeometry(Convolution g) {
    return new Conv2d(weight, bias, g);
  }

  /**
   * The same layer without a bias.
   *
   * @return the layer
   */
  public Conv2d withoutBias() {
    return new Conv2d(weight, Option.none(), geometry);
  }

  /**
   * The same layer with every bias element set to {@code value} (e.g. 0.01 before a ReLU).
   *
   * @param value the bias value
   * @return the layer
   */
  public Conv2d withBias(double value) {
    return new Conv2d(weight, Option.of(Tensor.full(value, weight.dim(0))), geometry);
  }

  /** {@return number of input channels C} */
  public int inChannels() {
    return weight.dim(1);
  }

  /** {@return number of output channels (filters) K} */
  public int outChannels() {
    return weight.dim(0);
  }

  /**
   * The geometry (stride, padding, dilation per axis) as a tensor-level {@link Convolution}.
   *
   * @return {@link #geometry()}
   */
  public Convolution convolution() {
    return geometry;
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
  public ShapeCheck check(Shape input) {
    Convolution conv = convolution();
    int batch = input.rank() == 0 ? 1 : input.dim(0);
    int ho = input.rank() == 4 ? Math.max(1, conv.vertical().outputSize(input.dim(2), weight.dim(2))) : 1;
    int wo = input.rank() == 4 ? Math.max(1, conv.horizontal().outputSize(input.dim(3), weight.dim(3))) : 1;
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
    if (conv.vertical().outputSize(input.dim(2), weight.dim(2)) < 1
        || conv.horizontal().outputSize(input.dim(3), weight.dim(3)) < 1) {
      int minH = conv.vertical().minInput(weight.dim(2));
      int minW = conv.horizontal().minInput(weight.dim(3));
      return "Conv2d with kernel " + weight.dim(2) + "×" + weight.dim(3) + ", " + conv
          + " expects input (batch, " + inChannels() + ", H ≥ " + minH + ", W ≥ " + minW + "), got " + input;
    }
    return null;
  }
}
