package purenet.layer;

import io.vavr.control.Option;
import purenet.random.Key;

/**
 * Whether a forward pass trains or evaluates, and the randomness it may use.
 *
 * <p>{@link Train} carries a key; {@link Eval} carries none, so a stochastic layer can neither draw
 * in evaluation nor forget its key in training. {@link Sample} is stochastic inference (Monte Carlo
 * dropout, DropConnect's Gaussian sampling at test time): evaluation behaviour for normalization
 * statistics, but with a key for layers that sample. Combinators give child {@code i} the mode
 * {@link #child(int)}, so every child draws from its own independent stream.
 */
public sealed interface Mode permits Mode.Train, Mode.Eval, Mode.Sample {

  /** Training: stochastic layers draw from {@code key}; running statistics update. */
  record Train(Key key) implements Mode {}

  /** Evaluation: deterministic; no layer draws random numbers or changes state. */
  record Eval() implements Mode {}

  /** Stochastic inference: evaluation statistics, but sampling layers draw from {@code key}. */
  record Sample(Key key) implements Mode {}

  /**
   * {@return training mode with a key}
   *
   * @param key the key of this training pass
   */
  static Mode train(Key key) {
    return new Train(key);
  }

  /** {@return evaluation mode} */
  static Mode eval() {
    return new Eval();
  }

  /**
   * {@return stochastic-inference mode with a key}
   *
   * @param key the key of the stochastic passes
   */
  static Mode sample(Key key) {
    return new Sample(key);
  }

  /** {@return whether this is training mode} */
  default boolean isTraining() {
    return this instanceof Train;
  }

  /** {@return the key, in training and stochastic inference; none in evaluation} */
  default Option<Key> randomKey() {
    if (this instanceof Train t) {
      return Option.of(t.key());
    }
    if (this instanceof Sample s) {
      return Option.of(s.key());
    }
    return Option.none();
  }

  /**
   * {@return the mode for child {@code i} of a combinator: the same kind, with the key folded with
   * i}
   *
   * @param i the child's position among a combinator's children
   */
  default Mode child(int i) {
    if (this instanceof Train t) {
      return new Train(t.key().foldIn(i));
    }
    if (this instanceof Sample s) {
      return new Sample(s.key().foldIn(i));
    }
    return this;
  }
}
