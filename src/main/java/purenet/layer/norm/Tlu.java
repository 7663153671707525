package purenet.layer.norm;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The thresholded linear unit (Singh and Krishnan 2020): z = max(y, τ_c) with a learned
 * per-channel threshold τ, equivalently ReLU(y − τ) + τ; τ = 0 is the ReLU. Meant to follow a
 * {@link FilterResponseNorm}.
 *
 * <p>Input (batch, C) or (batch, C, ...); the output has the input's shape. Backward (the
 * subgradient that sends ties to τ): ∂L/∂y = ∂L/∂z where y &gt; τ_c, else 0;
 * ∂L/∂τ_c = Σ ∂L/∂z over the positions where y ≤ τ_c. Parameter {@code tau} (C).
 *
 * @param tau the threshold τ, (C)
 */
public record Tlu(Tensor tau) implements Layer {

  /**
   * Validates the shape.
   *
   * @param tau the threshold τ, (C)
   */
  public Tlu {
    ChannelInput.requireChannels("Tlu", "tau", tau);
  }

  /**
   * {@return a TLU over {@code channels} with τ = 0 (a ReLU until trained)}
   *
   * @param channels the number of channels C, ≥ 1
   */
  public static Tlu of(int channels) {
    return new Tlu(Tensor.zeros(channels));
  }

  /** {@return number of channels C} */
  public int channels() {
    return tau.dim(0);
  }

  @Override
  public Forward forward(Tensor input, Mode mode) {
    Shape in = input.shape();
    ChannelInput.require(name(), channels(), 2, in);
    int inner = ChannelInput.inner(in);
    int c = channels();
    int rows = in.dim(0) * c;
    double[] y = input.toArray();
    double[] t = tau.toArray();
    double[] z = new double[y.length];
    boolean[] pass = new boolean[y.length];
    for (int row = 0; row < rows; row++) {
      double th = t[row % c];
      for (int i = row * inner, end = i + inner; i < end; i++) {
        pass[i] = y[i] > th;
        // max(y, τ) with NaN propagating, as IEEE max and PyTorch's torch.maximum.
        z[i] = pass[i] || Double.isNaN(y[i]) ? y[i] : th;
      }
    }
    return new Forward(Tensor.of(z, in), g -> {
      Passes.requireGradient(this, in, g);
      double[] gz = g.toArray();
      double[] gy = new double[gz.length];
      double[] dtau = new double[c];
      for (int row = 0; row < rows; row++) {
        int ch = row % c;
        for (int i = row * inner, end = i + inner; i < end; i++) {
          if (pass[i]) {
            gy[i] = gz[i];
          } else {
            dtau[ch] += gz[i];
          }
        }
      }
      return new Grads(Tensor.of(gy, in), Tree.empty().with("tau", Tensor.vector(dtau)));
    }, this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ChannelInput.check(name(), channels(), 2, input);
  }
}
