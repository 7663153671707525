package purenet.layer.recurrent;

import purenet.layer.Mode;

/**
 * Whether a recurrent layer carries its hidden state from one forward call to the next.
 *
 * <p>Carrying is truncated backpropagation through time (Williams and Peng 1990, "An efficient
 * gradient-based algorithm for on-line training of recurrent network trajectories"): a long
 * sequence is fed in consecutive chunks; each call starts from the final state of the previous one
 * (kept as the layer's non-trainable {@link purenet.layer.Layer#state() state} and handed on in
 * {@link purenet.layer.Forward#next()}), and the gradient stops at the chunk boundary because the
 * carried state is a constant of the call, not an input or a parameter.
 *
 * <p>In every mode where the state is not used the pass starts from h₀ = 0 (and c₀ = 0) and leaves
 * the carried state as it is ({@code next} is the layer itself).
 */
public enum Carry {
  /** Never carried: every call starts from zeros. The layer has no state. */
  NONE,
  /**
   * Carried across training calls only. Evaluation and stochastic inference start from zeros,
   * accept any batch size and leave the carried state unchanged, so validating between training
   * steps neither disturbs the training stream nor depends on it.
   */
  TRAINING,
  /**
   * Carried across calls in every mode: text generation one step at a time, or evaluating a
   * continuous stream in chunks. Evaluation then does change the (non-trainable) state, by request.
   */
  ALWAYS;

  /**
   * {@return whether a pass in {@code mode} starts from the carried state and hands its final state
   * on}
   *
   * @param mode the mode of a pass
   */
  public boolean appliesIn(Mode mode) {
    return this == ALWAYS || (this == TRAINING && mode.isTraining());
  }
}
