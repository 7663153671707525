package purenet.autodiff;

import java.util.List;

/**
 * A recurrent layer written as one time step: the cell's forward expression only, run over the
 * whole sequence and differentiated by backpropagation through time automatically.
 *
 * <p>For an input (B, T, F) the layer computes p = {@link #project}(x) once for all steps (by
 * default p = x), then from the zero state s₀ = (0, …, 0), each (B, H), for t = 1 … T
 * s_t = {@link #step}(p_t, s_{t−1}), and outputs the first state tensor of every step, h_t, as
 * (B, T, H). The reverse pass walks the unrolled graph once (full BPTT); each step's slice of p is
 * pulled back into one scratch gradient, so the cost stays linear in T.
 *
 * <pre>{@code
 * record Elman(Tensor inputWeight, Tensor recurrentWeight, Tensor bias) implements ExpressionCell {
 *   public int hiddenSize() { return recurrentWeight.dim(0); }
 *   public List<Expr> step(Expr x, List<Expr> s, Params p) {
 *     return List.of(x.matmul(p.get("inputWeight")).plus(s.get(0).matmul(p.get("recurrentWeight")))
 *         .plus(p.get("bias")).tanh());
 *   }
 * }
 * }</pre>
 *
 * <p>The state starts at zero on every call and is not carried between calls; for carried state,
 * truncated BPTT and resets use the hand-written cells with {@code purenet.layer.recurrent}'s scan.
 */
public interface ExpressionCell extends ExpressionLayer {

  /**
   * The number of hidden units.
   *
   * @return H, the width of every state tensor
   */
  int hiddenSize();

  /**
   * The number of state tensors (h alone for an Elman or GRU cell, h and c for an LSTM); 1 by
   * default.
   *
   * @return the number of (B, H) tensors in a state, at least 1
   */
  default int stateCount() {
    return 1;
  }

  /**
   * The input side of all steps at once, e.g. x·W_x + b as one (B·T, F)·(F, P) product instead
   * of T small ones; the identity by default.
   *
   * @param sequence the input (B, T, F)
   * @param params   the parameters
   * @return (B, T, P), whose step t {@link #step} receives
   */
  default Expr project(Expr sequence, Params params) {
    return sequence;
  }

  /**
   * One step.
   *
   * @param projected p_t, (B, P): step t of {@link #project}
   * @param state     s_{t−1}, {@link #stateCount()} tensors (B, H); the first is h_{t−1}
   * @param params    the parameters
   * @return s_t, {@link #stateCount()} tensors (B, H); the first, h_t, is the step's output
   */
  List<Expr> step(Expr projected, List<Expr> state, Params params);

  /**
   * The cell run over the sequence (see the class comment).
   *
   * @param input  the sequence (B, T, F)
   * @param params the parameters
   * @return h_1 … h_T as (B, T, H)
   */
  @Override
  default Expr expression(Expr input, Params params) {
    return CellScan.run(this, input, params);
  }
}
