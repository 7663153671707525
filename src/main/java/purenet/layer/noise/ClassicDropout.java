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
 * Dropout as first published (Hinton et al. 2012): in training y = m⊙x with
 * m ~ Bernoulli(p), no rescaling; at evaluation every unit is kept and scaled by the fraction of
 * the time it was on, y = p·x, so that E[training output] = evaluation output.
 *
 * <p>Backward: m⊙g in training (the forward's mask), p·g in evaluation. Training and stochastic
 * inference draw the mask from the mode's key. {@link Dropout} (inverted) is the same model with
 * the scaling moved to training time, which makes evaluation the identity.
 *
 * @param keepProbability p ∈ (0, 1], the probability an element is kept
 */
public record ClassicDropout(double keepProbability) implements Layer {

  /**
   * Rejects p outside (0, 1].
   *
   * @param keepProbability p ∈ (0, 1], the probability an element is kept
   */
  public ClassicDropout {
    Masks.requireKeep("ClassicDropout", keepProbability);
  }

  /**
   * {@return classic dropout that drops each element with probability q ∈ [0, 1)}
   *
   * @param q the probability of dropping an element, in [0, 1)
   */
  public static ClassicDropout drop(double q) {
    return new ClassicDropout(Masks.keepOfDrop("ClassicDropout", q));
  }

  /**
   * {@return classic dropout that keeps each element with probability p ∈ (0, 1]}
   *
   * @param p the probability of keeping an element
   */
  public static ClassicDropout keep(double p) {
    return new ClassicDropout(p);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Option<Key> key = mode.randomKey();
    double p = keepProbability;
    if (key.isEmpty()) {
      return new Forward(x.mul(p), g -> new Grads(g.mul(p), Tree.empty()), this);
    }
    Tensor mask = Masks.bernoulli(key.get(), x.shape(), p);
    return new Forward(x.mul(mask), g -> new Grads(g.mul(mask), Tree.empty()), this);
  }

  @Override
  public ShapeCheck check(Shape input) {
    return ShapeCheck.ok(input);
  }
}
