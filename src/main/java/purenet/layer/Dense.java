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
    return new Forward(out, Backward.of(
        g -> new Grads(g.matmulTransposed(weight), paramGrads(x, g)),
        g -> paramGrads(x, g)), this);
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
