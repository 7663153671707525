package purenet.layer.recurrent;

import purenet.layer.Layer;
import purenet.tensor.Tensor;

/**
 * A recurrent layer over sequences: input (batch, time, features) → hidden sequence
 * (batch, time, hidden), with an optionally carried state (see {@link Carry}).
 *
 * <p>A carrying layer holds a state of a fixed batch size, zero at first and after {@link #reset()};
 * its {@link Layer#state()} tree therefore keeps the same structure and shapes for the whole run
 * (checkpoints and {@code withState} through combinators work unchanged).
 */
public interface Recurrent extends Layer {

  /** The number of input features per time step. */
  int features();

  /** The number of hidden units H. */
  int hiddenSize();

  /** Whether and when the hidden state is carried between calls. */
  Carry carry();

  /** The carried hidden state (batch, H): zeros until a pass carries one; (0, H) for {@link Carry#NONE}. */
  Tensor hidden();

  /**
   * The same layer carrying its state across calls as {@code carry} says, for inputs of exactly
   * {@code batch} sequences, starting from zeros. {@code carrying(Carry.NONE, b)} is {@link #stateless()}.
   *
   * @throws IllegalArgumentException if {@code batch < 1}
   */
  Recurrent carrying(Carry carry, int batch);

  /** The same layer carrying its state across training calls (truncated BPTT) for {@code batch} sequences. */
  default Recurrent carrying(int batch) {
    return carrying(Carry.TRAINING, batch);
  }

  /** The same layer without carried state: every call starts from zeros. */
  Recurrent stateless();

  /** The same layer with its carried state set to zeros (the start of a new sequence); a no-op if stateless. */
  Recurrent reset();
}
