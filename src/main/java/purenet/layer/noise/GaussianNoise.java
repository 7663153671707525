package purenet.layer.noise;

import io.vavr.control.Option;
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
 * Additive Gaussian noise, usually on the inputs (Bishop 1995): y = x + ε with
 * ε ~ N(0, σ²) elementwise in training and stochastic inference, y = x in evaluation. Backward is
 * the identity, ∂L/∂x = g.
 *
 * <p>For a linear model f(x) = wᵀx and squared error ½(f - t)², the noise adds σ²/2·‖w‖² to the
 * expected loss: E_ε[½(wᵀ(x + ε) - t)²] = ½(wᵀx - t)² + σ²/2·‖w‖², i.e. L2 with λ = σ² in the
 * convention of {@code purenet.regularize.L2}.
 *
 * @param stddev σ &ge; 0
 */
public record GaussianNoise(double stddev) implements Layer {

  /**
   * Rejects a negative or non-finite σ.
   *
   * @param stddev σ &ge; 0
   */
  public GaussianNoise {
    if (!(stddev >= 0) || !Double.isFinite(stddev)) {
      throw new IllegalArgumentException("GaussianNoise stddev must be >= 0, got " + stddev);
    }
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Option<Key> key = mode.randomKey();
    if (key.isEmpty() || stddev == 0) {
      return new Forward(x, g -> new Grads(g, Tree.empty()), this);
    }
    double[] z = key.get().normal(x.size());
    Tensor noise = Tensor.generate(x.shape(), i -> stddev * z[i]);
    return new Forward(x.add(noise), g -> new Grads(g, Tree.empty()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ShapeCheck.ok(input);
  }
}
