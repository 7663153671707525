package purenet.layer;

import io.vavr.control.Option;
import purenet.init.Constant;
import purenet.init.Glorot;
import purenet.init.Initializer;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A fully connected layer: y = x·W + b.
 *
 * <p>Shapes: input (batch, in), weight W (in, out), bias b (out), output (batch, out). Backward:
 * ∂L/∂x = g·Wᵀ, ∂L/∂W = xᵀ·g, ∂L/∂b = Σ_batch g. Parameter paths: {@code weight}, {@code bias}.
 *
 * @param weight the (in, out) weight matrix
 * @param bias   the (out) bias, or none for a layer without bias
 */
public record Dense(Tensor weight, Option<Tensor> bias) implements Layer {

  /**
   * Validates the shapes.
   *
   * @param weight the (in, out) weight matrix
   * @param bias the (out) bias, or none for a layer without bias
   */
  public Dense {
    if (weight.rank() != 2) {
      throw new IllegalArgumentException("Dense weight must be (in, out), got " + weight.shape());
    }
    if (weight.dim(0) < 1 || weight.dim(1) < 1) {
      throw new IllegalArgumentException("Dense needs in >= 1 and out >= 1, got weight " + weight.shape());
    }
    if (bias.isDefined() && !bias.get().shape().equals(Shape.of(weight.dim(1)))) {
      throw new IllegalArgumentException(
          "Dense bias must be (" + weight.dim(1) + "), got " + bias.get().shape());
    }
  }

  /**
   * {@return a layer with Glorot-uniform weights and zero bias}
   *
   * @param in the number of input features, ≥ 1
   * @param out the number of output features, ≥ 1
   * @param key the key of the initial weights
   */
  public static Dense of(int in, int out, Key key) {
    return of(in, out, Glorot.uniform(), key);
  }

  /**
   * {@return a layer with weights from {@code init} and zero bias}
   *
   * @param in the number of input features, ≥ 1
   * @param out the number of output features, ≥ 1
   * @param init the initializer of the weights (the bias starts at 0)
   * @param key the key of the initial weights
   */
  public static Dense of(int in, int out, Initializer init, Key key) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Dense needs in >= 1 and out >= 1, got in = " + in + ", out = " + out);
    }
    return new Dense(init.initialize(key, Shape.of(in, out)), Option.of(Constant.zeros().initialize(key, Shape.of(out))));
  }

  /**
   * {@return a layer with the given weight and bias}
   *
   * @param weight the (in, out) weight matrix
   * @param bias the (out) bias, or none for a layer without bias
   */
  public static Dense of(Tensor weight, Tensor bias) {
    return new Dense(weight, Option.of(bias));
  }

  /** {@return the same layer without a bias} */
  public Dense withoutBias() {
    return new Dense(weight, Option.none());
  }

  /**
   * {@return the same layer with every bias element set to {@code value} (e.g. 0.01 before a ReLU)}
   *
   * @param value the value of every bias element
   */
  public Dense withBias(double value) {
    return new Dense(weight, Option.of(Tensor.full(value, weight.dim(1))));
  }

  /** {@return number of inputs} */
  public int inputs() {
    return weight.dim(0);
  }

  /** {@return number of outputs} */
  public int units() {
    return weight.dim(1);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    requireFits(x.shape());
    Tensor out = bias.isDefined() ? x.affine(weight, bias.get()) : x.matmul(weight);
    return new Forward(out, backward(x), this);
  }

  /**
   * {@return this layer followed by a ReLU, relu(x·W + b), in one pass over the product}
   * (batch, in) → (batch, out); equal, bit for bit, to the output of {@link #forward} passed through
   * {@link Relu}. The backward passes are {@link #backward} for this layer and
   * {@link Relu#backwardAtOutput} for the ReLU; a network ({@code Sequential}) takes this path for a
   * Dense layer directly followed by a ReLU.
   *
   * @param x the input, (batch, in)
   * @throws IllegalArgumentException if x is not (batch, in)
   */
  public Tensor forwardRelu(Tensor x) {
    requireFits(x.shape());
    return bias.isDefined() ? x.affineRelu(weight, bias.get()) : x.matmul(weight).relu();
  }

  /**
   * {@return the backward pass of {@link #forward} at input x} It depends on x and the parameters
   * only: ∂L/∂x = g·Wᵀ, ∂L/∂W = xᵀ·g, ∂L/∂b = Σ_batch g for the output gradient g (batch, out);
   * {@link Backward#paramsOnly} skips ∂L/∂x.
   *
   * @param x the input of the forward pass, (batch, in)
   * @throws IllegalArgumentException if x is not (batch, in)
   */
  public Backward backward(Tensor x) {
    requireFits(x.shape());
    return Backward.of(g -> new Grads(g.matmulTransposed(weight), paramGrads(x, g)), g -> paramGrads(x, g));
  }

  /**
   * The backward pass at an input that a ReLU produced, x = relu(h), carried on through that ReLU in
   * one pass over the product: ∂L/∂params as {@link #backward}, and as the input gradient
   * ∂L/∂h = (g·Wᵀ) ⊙ 1[x &gt; 0] ({@link Tensor#matmulTransposedMasked}). Equal, bit for bit, to the
   * ReLU's backward applied to {@code backward(x).apply(g).input()}, since relu(h) &gt; 0 exactly
   * where h &gt; 0; a network ({@code Sequential}) takes this path for a ReLU directly followed by a
   * Dense layer.
   *
   * @param x the input of the forward pass, (batch, in), the output of a ReLU
   * @param g ∂L/∂output, (batch, out)
   * @return ∂L/∂h (batch, in) and ∂L/∂params
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Grads backwardThroughRelu(Tensor x, Tensor g) {
    requireFits(x.shape());
    return new Grads(g.matmulTransposedMasked(weight, x), paramGrads(x, g));
  }

  /** ∂L/∂W = xᵀ·g and ∂L/∂b = Σ_batch g. */
  private Tree paramGrads(Tensor x, Tensor g) {
    return Tree.empty().with("weight", x.transposedMatmul(g))
        .withOptional("bias", bias.map(b -> g.sum(0)));
  }

  @Override
  public ShapeCheck check(Shape input) {
    Shape out = Shape.of(input.rank() == 0 ? 1 : input.dim(0), units());
    return fits(input) ? ShapeCheck.ok(out) : ShapeCheck.problem(out, mismatch(input));
  }

  private boolean fits(Shape input) {
    return input.rank() == 2 && input.dim(1) == inputs();
  }

  private void requireFits(Shape input) {
    if (!fits(input)) {
      throw new IllegalArgumentException(mismatch(input));
    }
  }

  private String mismatch(Shape input) {
    return "Dense expects input (batch, " + inputs() + "), got " + input;
  }
}
