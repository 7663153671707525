package purenet.layer.norm;

import io.vavr.control.Option;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Weight normalization of a {@link Dense} layer (Salimans and Kingma 2016): each unit's
 * weight vector is reparameterized by a direction v and a length g, w_j = g_j·v_j/‖v_j‖ for column
 * j of the (in, out) weight, so y = x·W + b with the norm of every column of W equal to g_j.
 *
 * <p>Shapes: input (batch, in), v (in, out), g (out), bias (out), output (batch, out). Backward
 * from the Dense gradient ∂L/∂W: ∂L/∂g_j = ⟨∂L/∂w_j, v_j⟩/‖v_j‖ and
 * ∂L/∂v_j = (g_j/‖v_j‖)·∂L/∂w_j − (g_j·∂L/∂g_j/‖v_j‖²)·v_j, which is orthogonal to v_j.
 * Parameter paths: {@code v}, {@code g}, {@code bias}.
 *
 * @param v    the direction, (in, out), every column non-zero
 * @param g    the length of each column, (out)
 * @param bias the (out) bias, or none
 */
public record WeightNorm(Tensor v, Tensor g, Option<Tensor> bias) implements Layer {

  /**
   * Validates the shapes and that no column of v is zero.
   *
   * @param v the direction, (in, out), every column non-zero
   * @param g the length of each column, (out)
   * @param bias the (out) bias, or none
   */
  public WeightNorm {
    if (v.rank() != 2) {
      throw new IllegalArgumentException("WeightNorm v must be (in, out), got " + v.shape());
    }
    ChannelInput.requireVector("WeightNorm", "g", g, v.dim(1));
    if (bias.isDefined()) {
      ChannelInput.requireVector("WeightNorm", "bias", bias.get(), v.dim(1));
    }
    Tensor norms = columnNorms(v);
    for (int j = 0; j < norms.size(); j++) {
      if (!(norms.at(j) > 0) || !Double.isFinite(norms.at(j))) {
        throw new IllegalArgumentException(
            "WeightNorm v needs non-zero finite columns, column " + j + " has norm " + norms.at(j));
      }
    }
  }

  /**
   * {@return the weight-normalized form of {@code dense}, computing the same function: v = W, g =
   * ‖W_j‖}
   *
   * @param dense the dense layer to reparameterize
   */
  public static WeightNorm of(Dense dense) {
    return new WeightNorm(dense.weight(), columnNorms(dense.weight()), dense.bias());
  }

  /**
   * {@return the weight-normalized form of {@link Dense#of(int, int, Key)}}
   *
   * @param in the number of input features, ≥ 1
   * @param out the number of output units, ≥ 1
   * @param key the key of the initial weights
   */
  public static WeightNorm of(int in, int out, Key key) {
    return of(Dense.of(in, out, key));
  }

  /** {@return the effective weight W = v·diag(g/‖v‖), (in, out)} */
  public Tensor weight() {
    return v.mul(g.div(columnNorms(v)));
  }

  /** {@return the equivalent plain Dense layer, for inference} */
  public Dense toDense() {
    return new Dense(weight(), bias);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    if (!fits(input.shape())) {
      throw new IllegalArgumentException(mismatch(input.shape()));
    }
    Tensor norms = columnNorms(v);
    Tensor dir = v.div(norms);
    Dense dense = new Dense(dir.mul(g), bias);
    Forward f = dense.forward(input, mode);
    return new Forward(f.output(), up -> {
      Grads d = f.backward().apply(up);
      Tensor gw = d.params().tensor("weight");
      Tensor dg = gw.mul(dir).sum(0);
      // ∂L/∂v = (g/‖v‖)·(∂L/∂W − dir·∂L/∂g): the component of ∂L/∂W along each column is removed.
      Tensor dv = gw.sub(dir.mul(dg)).mul(g.div(norms));
      Tree grads = Tree.empty().with("v", dv).with("g", dg)
          .withOptional("bias", bias.map(b -> d.params().tensor("bias")));
      return new Grads(d.input(), grads);
    }, this);
  }

  private static Tensor columnNorms(Tensor v) {
    return v.square().sum(0).sqrt();
  }

  private boolean fits(Shape input) {
    return input.rank() == 2 && input.dim(1) == v.dim(0);
  }

  private String mismatch(Shape input) {
    return name() + " expects input (batch, " + v.dim(0) + "), got " + input;
  }

  @Override
  public ShapeCheck check(Shape input) {
    Shape out = Shape.of(input.rank() == 0 ? 1 : input.dim(0), v.dim(1));
    return fits(input) ? ShapeCheck.ok(out) : ShapeCheck.problem(out, mismatch(input));
  }
}
