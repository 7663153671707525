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
 * Inverted dropout (Srivastava et al. 2014): in training each element is kept with
 * probability p and scaled by 1/p, else set to 0, y = m⊙x/p with m ~ Bernoulli(p) elementwise, so
 * E[y] = x; in evaluation it is the identity, no rescaling needed at test time.
 *
 * <p>Backward: ∂L/∂x = m⊙g/p with the very mask of the forward pass. The mask comes from the
 * mode's key ({@link Mode#randomKey()}): training and stochastic inference ({@link Mode.Sample},
 * Monte Carlo dropout) draw, evaluation does not. Any input shape; no parameters. Typical rates:
 * drop 0.5 for hidden units, 0.2 for inputs (Ashu, UEC630 lecture "Regularization").
 *
 * <p>Construct with the factory that names its probability: {@link #drop(double)} or
 * {@link #keep(double)}.
 *
 * @param keepProbability p ∈ (0, 1], the probability an element is kept
 */
public record Dropout(double keepProbability) implements Layer {

  /**
   * Rejects p outside (0, 1].
   *
   * @param keepProbability p ∈ (0, 1], the probability an element is kept
   */
  public Dropout {
    Masks.requireKeep("Dropout", keepProbability);
  }

  /**
   * {@return dropout that drops each element with probability q ∈ [0, 1) (keeps with 1 - q)}
   *
   * @param q the probability of dropping an element, in [0, 1)
   */
  public static Dropout drop(double q) {
    return new Dropout(Masks.keepOfDrop("Dropout", q));
  }

  /**
   * {@return dropout that keeps each element with probability p ∈ (0, 1]}
   *
   * @param p the probability of keeping an element, in (0, 1]
   */
  public static Dropout keep(double p) {
    return new Dropout(p);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Option<Key> key = mode.randomKey();
    if (key.isEmpty() || keepProbability == 1.0) {
      return new Forward(x, g -> new Grads(g, Tree.empty()), this);
    }
    double p = keepProbability;
    Tensor mask = Masks.bernoulli(key.get(), x.shape(), p);
    // A dropped NaN or ±∞ gives NaN, as PyTorch's x·mask/p does (∞·0 = NaN): never a silent 0.
    return new Forward(x.zipWith(mask, (v, m) -> m != 0 ? v / p : Double.isFinite(v) ? 0.0 : Double.NaN),
        g -> new Grads(g.zipWith(mask, (v, m) -> m != 0 ? v / p : 0.0), Tree.empty()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ShapeCheck.ok(input);
  }
}
