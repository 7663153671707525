package purenet.layer.recurrent;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * One time step of a recurrent network, as a value: its parameters, the forward map of a step and
 * that step's backward map. {@link Scan} runs a cell over a sequence and owns everything about
 * time (the loop, full and truncated backpropagation through time, the carried state, resets).
 *
 * <p>A step reads x_t (B, F) and the state s_{t−1} (a few (B, H) tensors named by
 * {@link #stateNames()}, the first being the hidden state h, which is also the step's output) and
 * returns s_t. Every cell here splits a step's pre-activations into an input side, linear in x_t
 * and the same for all steps, and a recurrent side, linear in h_{t−1}:
 * <pre>
 *   p_t = x_t·W_x (+ input bias)          {@link #project}: all T steps in one (T·B, F)·(F, P) product
 *   s_t = step(p_t, s_{t−1})              {@link #step}: one (B, H)·(H, Q) product h_{t−1}·W_h inside
 * </pre>
 * so the scan can do the input projection, ∂L/∂x and ∂L/∂W_x as single large matrix products over
 * all steps. The step's backward returns ∂L/∂p_t (B, P), ∂L/∂r_t (B, Q) for the recurrent
 * pre-activation r_t = h_{t−1}·W_h (+ recurrent bias), and ∂L/∂s_{t−1}; {@link #paramGradients}
 * turns the gradients of all steps into ∂L/∂params.
 *
 * <p>Implementations are records. A cell is not a {@code Layer} (its step takes and returns a
 * state), so the layer kit's derived trees do not apply: each cell writes {@link #params()} and
 * {@link #withParams} by hand. Parameters are {@link Tree}s whose leaf names end in
 * {@code Weight} for the matrices (so the default penalty selection finds them) and {@code Bias}
 * or {@code bias} for the biases.
 */
public interface Cell {

  /** {@return the number of input features F per step} */
  int features();

  /** {@return the number of hidden units H} */
  int hiddenSize();

  /** {@return the names of the state tensors, each (batch, H); the first is h, the step's output} */
  Vector<String> stateNames();

  /** {@return the trainable parameters} */
  Tree params();

  /**
   * The same cell with new parameters of the same structure.
   *
   * @param params a tree of the structure of {@link #params()}
   * @return the cell with these parameters
   */
  Cell withParams(Tree params);

  /**
   * The input side of every step at once: p = xs·W_x (+ input bias).
   *
   * @param xs the time-major inputs of all steps, (N, F) with N = T·B
   * @return (N, P), P the width of the input side
   */
  Tensor project(Tensor xs);

  /**
   * One step forward.
   *
   * @param projected p_t, the rows of {@link #project} for this step: (B, P)
   * @param state     s_{t−1}, one (B, H) tensor per {@link #stateNames() name}
   * @return s_t and the backward map of this step
   */
  CellStep step(Tensor projected, Vector<Tensor> state);

  /**
   * ∂L/∂x of all steps from the input-side gradients: dp·W_xᵀ.
   *
   * @param dProjected ∂L/∂p of all steps, (N, P)
   * @return (N, F)
   */
  Tensor inputGradient(Tensor dProjected);

  /**
   * ∂L/∂params summed over all steps, e.g. ∂L/∂W_x = xsᵀ·dp and ∂L/∂W_h = hsᵀ·dr.
   *
   * @param xs         the time-major inputs, (N, F)
   * @param previous   h_{t−1} of every step in the same row order, (N, H)
   * @param dProjected ∂L/∂p of every step, (N, P)
   * @param dRecurrent ∂L/∂r of every step, (N, Q)
   * @return a tree of the structure of {@link #params()}
   */
  Tree paramGradients(Tensor xs, Tensor previous, Tensor dProjected, Tensor dRecurrent);

  /**
   * The whole forward pass at once, when this cell has a fused kernel for it ({@link Lstm} does);
   * none by default, and {@link Scan} then runs {@link #step} step by step. A fused pass must give
   * the same bits as the steps, forward and backward.
   *
   * <p>It takes the inputs rather than {@link #project}'s result so that a kernel may write the
   * input side straight into its own buffers.
   *
   * @param xs    the inputs of every step, time-major (T·B, F)
   * @param state s_0, one (B, H) tensor per {@link #stateNames() name}
   * @return the pass, or none
   */
  default Option<FusedPass> fused(Tensor xs, Vector<Tensor> state) {
    return Option.none();
  }

  /** {@return a short name for error messages; the class name by default} */
  default String name() {
    return getClass().getSimpleName();
  }
}
