package purenet.layer.recurrent;

import io.vavr.collection.Vector;
import purenet.tensor.Tensor;

/**
 * A whole forward pass of a {@link Cell} over a sequence, computed by one fused kernel instead of
 * step by step (see {@link Cell#fused}): the outputs, the final state, what the parameter gradients
 * need, and backpropagation through time. {@link Scan} keeps everything else (the input projection,
 * ∂L/∂x and ∂L/∂params as single products, the carry). A fused pass gives the same bits as
 * {@link Cell#step} run step by step.
 */
public interface FusedPass {

  /**
   * The hidden states h_1 … h_T.
   *
   * @return (B, T, H), batch-major
   */
  Tensor output();

  /**
   * h_0 … h_{T−1}, the left factor of ∂L/∂W_h.
   *
   * @return (T·B, H), time-major
   */
  Tensor previous();

  /**
   * The state after the last step, one (B, H) tensor per {@link Cell#stateNames() state name}.
   *
   * @return s_T
   */
  Vector<Tensor> state();

  /**
   * Backpropagation through time for the upstream gradient of every h_t (none flows into s_0).
   *
   * @param outputGrad ∂L/∂h_t of every step, (B, T, H) like {@link #output()}
   * @return ∂L/∂p and ∂L/∂r of every step, time-major
   */
  Gradients backward(Tensor outputGrad);

  /**
   * The per-step gradients of a pass, all steps at once.
   *
   * @param projected ∂L/∂p_t, (T·B, P)
   * @param recurrent ∂L/∂r_t, (T·B, Q), for r_t = h_{t−1}·W_h (+ recurrent bias)
   */
  record Gradients(Tensor projected, Tensor recurrent) {}
}
