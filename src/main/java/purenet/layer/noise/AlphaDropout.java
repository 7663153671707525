package purenet.layer.noise;

import io.vavr.control.Option;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Selu;
import purenet.layer.ShapeCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Alpha dropout for self-normalizing networks (Klambauer et al. 2017): dropped elements
 * go to SELU's negative saturation α' = -λα instead of 0, and an affine map restores the moments,
 * y = a·(m⊙x + (1 - m)·α') + b with m ~ Bernoulli(p),
 * a = (p + α'²·p·(1 - p))^(-1/2), b = -a·(1 - p)·α'.
 * An input of mean 0 and variance 1 (as {@link Selu} keeps it) leaves with mean 0 and variance 1.
 *
 * <p>Backward: ∂L/∂x = a·m⊙g with the forward's mask. Identity in evaluation; training and
 * stochastic inference draw the mask from the mode's key. Use it after {@link Selu}, never plain
 * dropout, whose zeros shift the mean and variance.
 *
 * @param keepProbability p ∈ (0, 1]
 */
public record AlphaDropout(double keepProbability) implements Layer {

  /** SELU's negative saturation value α' = -λα. */
  public static final double SATURATION = -Selu.LAMBDA * Selu.ALPHA;

  /**
   * Rejects p outside (0, 1].
   *
   * @param keepProbability p ∈ (0, 1]
   */
  public AlphaDropout {
    Masks.requireKeep("AlphaDropout", keepProbability);
  }

  /**
   * {@return alpha dropout dropping each element with probability q ∈ [0, 1)}
   *
   * @param q the probability of dropping an element, in [0, 1)
   */
  public static AlphaDropout drop(double q) {
    return new AlphaDropout(Masks.keepOfDrop("AlphaDropout", q));
  }

  /**
   * {@return alpha dropout keeping each element with probability p ∈ (0, 1]}
   *
   * @param p the probability of keeping an element
   */
  public static AlphaDropout keep(double p) {
    return new AlphaDropout(p);
  }

  /** {@return the affine scale a = (p + α'²p(1 - p))^(-1/2)} */
  public double scale() {
    double p = keepProbability;
    return 1.0 / Math.sqrt(p + SATURATION * SATURATION * p * (1 - p));
  }

  /** {@return the affine shift b = -a(1 - p)α'} */
  public double shift() {
    return -scale() * (1 - keepProbability) * SATURATION;
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Option<Key> key = mode.randomKey();
    if (key.isEmpty() || keepProbability == 1.0) {
      return new Forward(x, g -> new Grads(g, Tree.empty()), this);
    }
    double a = scale();
    double b = shift();
    double dropped = a * SATURATION + b;
    Tensor mask = Masks.bernoulli(key.get(), x.shape(), keepProbability);
    // A dropped NaN or ±∞ gives NaN, as PyTorch's x·mask + α'(1 − mask) does (∞·0 = NaN).
    return new Forward(x.zipWith(mask, (v, m) -> m != 0 ? a * v + b : Double.isFinite(v) ? dropped : Double.NaN),
        g -> new Grads(g.zipWith(mask, (v, m) -> m != 0 ? a * v : 0.0), Tree.empty()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ShapeCheck.ok(input);
  }
}
