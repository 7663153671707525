package purenet.layer.norm;

import io.vavr.control.Option;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A per-channel affine map y = s_c·x + t_c, the inference form of a batch norm
 * ({@link BatchNorm#fold()}): s = γ/√(Var + ε), t = β − s·E[x] (Ioffe and Szegedy 2015, Alg. 2).
 *
 * <p>Input (batch, C) or (batch, C, ...); the output has the input's shape. Backward:
 * ∂L/∂x = s_c·g, ∂L/∂s_c = Σ g·x, ∂L/∂t_c = Σ g, sums over batch and spatial positions.
 * Parameter paths: {@code scale}, {@code shift}, both (C).
 *
 * @param scale the per-channel factor s, (C)
 * @param shift the per-channel offset t, (C)
 */
public record Affine(Tensor scale, Tensor shift) implements Layer {

  /**
   * Validates the shapes.
   *
   * @param scale the per-channel factor s, (C)
   * @param shift the per-channel offset t, (C)
   */
  public Affine {
    ChannelInput.requireScaleShift("Affine", "scale", scale, "shift", shift);
  }

  /** {@return number of channels C} */
  public int channels() {
    return scale.dim(0);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Shape in = input.shape();
    ChannelInput.require(name(), channels(), 2, in);
    int inner = ChannelInput.inner(in);
    int c = channels();
    double[] x = input.toArray();
    double[] s = scale.toArray();
    double[] t = shift.toArray();
    double[] y = new double[x.length];
    int rows = in.dim(0) * c;
    for (int row = 0; row < rows; row++) {
      int ch = row % c;
      for (int i = row * inner, end = i + inner; i < end; i++) {
        y[i] = s[ch] * x[i] + t[ch];
      }
    }
    return new Forward(Tensor.of(y, in), g -> {
      Passes.requireGradient(this, in, g);
      double[] gy = g.toArray();
      double[] gx = new double[gy.length];
      double[] ds = new double[c];
      double[] dt = new double[c];
      for (int row = 0; row < rows; row++) {
        int ch = row % c;
        for (int i = row * inner, end = i + inner; i < end; i++) {
          gx[i] = s[ch] * gy[i];
          ds[ch] += gy[i] * x[i];
          dt[ch] += gy[i];
        }
      }
      Tree grads = Tree.empty().with("scale", Tensor.vector(ds)).with("shift", Tensor.vector(dt));
      return new Grads(Tensor.of(gx, in), grads);
    }, this);
  }

  /**
   * {@return the Dense layer equal to {@code preceding} followed by this map: W' = W·diag(s), b' = s
   * ⊙ b + t (b = 0 for a Dense without bias)}
   *
   * @param preceding the dense layer whose output this map takes
   * @throws IllegalArgumentException if the Dense layer's units differ from the channels
   */
  public Dense foldInto(Dense preceding) {
    if (preceding.units() != channels()) {
      throw new IllegalArgumentException("Affine over " + channels()
          + " channels cannot fold into a Dense layer with " + preceding.units() + " units");
    }
    Tensor weight = preceding.weight().mul(scale);
    Tensor bias = preceding.bias().map(b -> b.mul(scale).add(shift)).getOrElse(shift);
    return new Dense(weight, Option.of(bias));
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ChannelInput.check(name(), channels(), 2, input);
  }
}
