package purenet.layer.recurrent;

import io.vavr.collection.Vector;
import purenet.tensor.Tensor;

/**
 * The result of one {@link Cell#step}: the new state s_t and the backward map of that step.
 *
 * @param state    s_t, one (B, H) tensor per state name of the cell; the first is h_t
 * @param backward ∂L/∂s_t ↦ the step's gradients, a pure closure over what the step saved
 */
public record CellStep(Vector<Tensor> state, Backward backward) {

  /** The backward map of one step. */
  @FunctionalInterface
  public interface Backward {

    /**
     * The gradients of one step.
     *
     * @param stateGrads ∂L/∂s_t, one (B, H) tensor per state name
     * @param previous   whether ∂L/∂s_{t−1} is needed (not at the first step of a pass, whose start
     *                   state is a constant)
     * @return ∂L/∂p_t, ∂L/∂r_t and, if asked for, ∂L/∂s_{t−1}
     */
    StepGrads apply(Vector<Tensor> stateGrads, boolean previous);
  }

  /**
   * The gradients of one step.
   *
   * @param projected ∂L/∂p_t, (B, P)
   * @param recurrent ∂L/∂r_t, (B, Q), for r_t = h_{t−1}·W_h (+ recurrent bias)
   * @param state     ∂L/∂s_{t−1}, one (B, H) tensor per state name; empty when not asked for
   */
  public record StepGrads(Tensor projected, Tensor recurrent, Vector<Tensor> state) {}
}
