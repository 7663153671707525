package purenet.net;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import purenet.init.Constant;
import purenet.init.Glorot;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.layer.Sigmoid;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * An autoencoder with tied weights (Ashu, UEC630 lecture "Regularization", parameter tying: "the encoder
 * and decoder weights are tied"; Vincent et al. 2010, "Stacked Denoising Autoencoders"): the decoder uses the
 * encoder's weight matrix transposed, so one matrix W is learnt for both. Itself a {@link Layer}:
 * <pre>
 *   z = x·W + b,   h = σ_h(z)         encoder, code h
 *   u = h·Wᵀ + c,  x̂ = σ_o(u)         decoder, reconstruction x̂
 * </pre>
 *
 * <p>Shapes: input (batch, n), W (n, m), b (m), c (n), code (batch, m), output (batch, n).
 * Backward, with g = ∂L/∂x̂, δ_u = σ_o'(u)⊙g and δ_z = σ_h'(z)⊙(δ_u·W):
 * ∂L/∂c = Σ_batch δ_u, ∂L/∂b = Σ_batch δ_z, ∂L/∂x = δ_z·Wᵀ and
 * ∂L/∂W = xᵀ·δ_z + δ_uᵀ·h — the sum of the gradients of W's two uses, the encoder's and the
 * (transposed) decoder's.
 *
 * <p>Parameters: {@code weight} (n, m), {@code hiddenBias} b (m), {@code outputBias} c (n); W appears
 * once. The activations are parameter-free layers (typically {@code Sigmoid}, {@code Relu},
 * {@code Identity}); σ_h runs in {@code mode.child(0)}, σ_o in {@code mode.child(1)}.
 *
 * @param weight     W (n, m)
 * @param hiddenBias b (m)
 * @param outputBias c (n)
 * @param hidden     σ_h, without parameters or state
 * @param output     σ_o, without parameters or state
 */
public record TiedAutoencoder(Tensor weight, Tensor hiddenBias, Tensor outputBias, Layer hidden, Layer output)
    implements Layer {

  /**
   * Validates the shapes and that the activations have no parameters or state.
   *
   * @param weight W (n, m)
   * @param hiddenBias b (m)
   * @param outputBias c (n)
   * @param hidden σ_h, without parameters or state
   * @param output σ_o, without parameters or state
   */
  public TiedAutoencoder {
    if (weight == null || hiddenBias == null || outputBias == null || hidden == null || output == null) {
      throw new IllegalArgumentException("TiedAutoencoder needs a weight, two biases and two activations, got null");
    }
    if (weight.rank() != 2) {
      throw new IllegalArgumentException("TiedAutoencoder weight must be (inputs, code), got " + weight.shape());
    }
    if (!hiddenBias.shape().equals(Shape.of(weight.dim(1)))) {
      throw new IllegalArgumentException("TiedAutoencoder hidden bias must be (" + weight.dim(1) + "), got "
          + hiddenBias.shape());
    }
    if (!outputBias.shape().equals(Shape.of(weight.dim(0)))) {
      throw new IllegalArgumentException("TiedAutoencoder output bias must be (" + weight.dim(0) + "), got "
          + outputBias.shape());
    }
    for (Layer a : new Layer[] {hidden, output}) {
      if (a.params().elementCount() != 0 || a.state().elementCount() != 0) {
        throw new IllegalArgumentException("TiedAutoencoder activations must have no parameters or state, got "
            + a.name() + " with " + a.params().describe());
      }
    }
  }

  /**
   * {@return an autoencoder n → m → n with Glorot-uniform W, zero biases and the given activations}
   *
   * @param inputs n ≥ 1
   * @param code   m ≥ 1, the width of the code
   * @param hidden the activation of the code
   * @param output the activation of the reconstruction
   * @param key the key of the initial weights
   */
  public static TiedAutoencoder of(int inputs, int code, Layer hidden, Layer output, Key key) {
    if (inputs < 1 || code < 1) {
      throw new IllegalArgumentException("TiedAutoencoder needs inputs and code >= 1, got " + inputs + " and " + code);
    }
    return new TiedAutoencoder(Glorot.uniform().initialize(key, Shape.of(inputs, code)),
        Constant.zeros().initialize(key, Shape.of(code)), Constant.zeros().initialize(key, Shape.of(inputs)),
        hidden, output);
  }

  /**
   * {@return n → m → n with sigmoid code and sigmoid reconstruction (inputs in [0, 1])}
   *
   * @param inputs the number of input features
   * @param code the number of code units
   * @param key the key of the initial weights
   */
  public static TiedAutoencoder sigmoid(int inputs, int code, Key key) {
    return of(inputs, code, new Sigmoid(), new Sigmoid(), key);
  }

  /** {@return n, the input and output width} */
  public int inputs() {
    return weight.dim(0);
  }

  /** {@return m, the code width} */
  public int code() {
    return weight.dim(1);
  }

  /** {@return the encoder x ↦ σ_h(x·W + b) as a network of its own (a copy of the current W and b)} */
  public Sequential encoder() {
    return Sequential.of(Dense.of(weight, hiddenBias), hidden);
  }

  /** {@return the decoder h ↦ σ_o(h·Wᵀ + c) as a network of its own (a copy of the current Wᵀ and c)} */
  public Sequential decoder() {
    return Sequential.of(Dense.of(weight.transpose(), outputBias), output);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    if (!fits(x.shape())) {
      throw new IllegalArgumentException(mismatch(x.shape()));
    }
    Forward h = hidden.forward(x.matmul(weight).add(hiddenBias), mode.child(0));
    Forward y = output.forward(h.output().matmulTransposed(weight).add(outputBias), mode.child(1));
    return new Forward(y.output(), g -> {
      Tensor du = y.backward().apply(g).input();
      Tensor dz = h.backward().apply(du.matmul(weight)).input();
      Tree grads = Tree.empty()
          .with("weight", x.transposedMatmul(dz).add(du.transposedMatmul(h.output())))
          .with("hiddenBias", dz.sum(0))
          .with("outputBias", du.sum(0));
      return new Grads(dz.matmulTransposed(weight), grads);
    }, this, h.penalty() + y.penalty());
  }

  @Override
  public ShapeCheck check(Shape input) {
    int batch = input.rank() == 0 ? 1 : input.dim(0);
    Shape out = Shape.of(batch, inputs());
    ShapeCheck h = hidden.check(Shape.of(batch, weight.dim(1)));
    ShapeCheck o = output.check(out);
    return new ShapeCheck(out, fits(input) ? Vector.empty() : Vector.of(mismatch(input)),
        LinkedHashMap.of("hidden", h, "output", o));
  }

  private boolean fits(Shape input) {
    return input.rank() == 2 && input.dim(1) == inputs();
  }

  private String mismatch(Shape input) {
    return "TiedAutoencoder expects input (batch, " + inputs() + "), got " + input;
  }
}
