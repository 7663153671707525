package purenet.layer.recurrent;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import purenet.init.Glorot;
import purenet.init.Initializer;
import purenet.random.Key;
import purenet.tensor.LstmRecurrence;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The long short-term memory cell (Hochreiter and Schmidhuber 1997, with the forget gate of Gers,
 * Schmidhuber and Cummins 2000). Run it over a sequence with {@link Scan}. With
 * z = x_t·W_x + h_{t−1}·W_h + b split into four column blocks of H:
 * <pre>
 *   i_t = σ(z^i)    f_t = σ(z^f)    g_t = tanh(z^g)    o_t = σ(z^o)
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ tanh(c_t)
 * </pre>
 *
 * <p>Shapes: x_t (B, F), h and c (B, H); W_x (F, 4H), W_h (H, 4H), b (4H); column blocks in
 * PyTorch's gate order: input i (0 … H−1), forget f (H … 2H−1), candidate g (2H … 3H−1), output o
 * (3H … 4H−1). State: {@code hidden} h and {@code cell} c.
 *
 * <p>Backward of a step, with ∂L/∂h_t = γ and ∂L/∂c_t = κ: ∂c = κ + γ ⊙ o ⊙ (1 − tanh²c_t);
 * ∂z^i = ∂c ⊙ g ⊙ i(1 − i); ∂z^f = ∂c ⊙ c_{t−1} ⊙ f(1 − f); ∂z^g = ∂c ⊙ i ⊙ (1 − g²);
 * ∂z^o = γ ⊙ tanh c_t ⊙ o(1 − o); then ∂L/∂c_{t−1} = ∂c ⊙ f and ∂L/∂h_{t−1} = ∂z·W_hᵀ. A step
 * costs one (B, H)·(H, 4H) product forward and one (B, 4H)·(4H, H) backward; the gates are one
 * fused elementwise loop, the same kernel for a single step ({@link LstmRecurrence#step}) and for the
 * whole pass ({@link LstmRecurrence#forward}), with its own vectorised σ and tanh (within 3 ulp).
 *
 * <p>PyTorch ({@code torch.nn.LSTM(F, H, batch_first=True)}, same gate order):
 * {@code inputWeight} = {@code weight_ih_l0}ᵀ, {@code recurrentWeight} = {@code weight_hh_l0}ᵀ,
 * {@code bias} = {@code bias_ih_l0 + bias_hh_l0} (PyTorch's two biases only ever appear summed;
 * going back, put b in {@code bias_ih_l0} and zeros in {@code bias_hh_l0}).
 *
 * <p>The factories initialise the forget-gate biases to 1 and the other biases to 0: a forget gate
 * that starts near σ(1) ≈ 0.73 rather than σ(0) = 0.5 keeps the cell state, and with it the
 * gradient, alive over many steps from the first update on (Jozefowicz, Zaremba and Sutskever 2015,
 * "An empirical exploration of recurrent network architectures").
 *
 * @param inputWeight     W_x, (F, 4H)
 * @param recurrentWeight W_h, (H, 4H)
 * @param bias            b, (4H)
 */
public record Lstm(Tensor inputWeight, Tensor recurrentWeight, Tensor bias) implements AffineCell {

  /** Column block of the input gate. */
  public static final int INPUT = 0;
  /** Column block of the forget gate. */
  public static final int FORGET = 1;
  /** Column block of the candidate. */
  public static final int CANDIDATE = 2;
  /** Column block of the output gate. */
  public static final int OUTPUT = 3;

  /**
   * Validates that the shapes fit one another.
   *
   * @param inputWeight W_x, (F, 4H)
   * @param recurrentWeight W_h, (H, 4H)
   * @param bias b, (4H)
   */
  public Lstm {
    Sequences.requireCell("Lstm", 4, inputWeight, recurrentWeight, bias);
  }

  /**
   * A cell with Glorot-uniform weights, forget-gate biases 1 and other biases 0.
   *
   * @param features F
   * @param hidden   H
   * @param key      the key of the weights
   * @return the cell
   */
  public static Lstm of(int features, int hidden, Key key) {
    return of(features, hidden, Glorot.uniform(), key);
  }

  /**
   * A cell with [W_x; W_h] drawn from {@code init} as one (F + H, 4H) block with fanIn = F + H
   * and fanOut = H (each gate is its own unit), forget-gate biases 1 and other biases 0.
   *
   * @param features F
   * @param hidden   H
   * @param init     the initializer of the weights
   * @param key      the key of the weights
   * @return the cell
   * @throws IllegalArgumentException if {@code features < 1} or {@code hidden < 1}
   */
  public static Lstm of(int features, int hidden, Initializer init, Key key) {
    Tensor w = Sequences.inputAndRecurrentRows("Lstm", features, hidden, 4 * hidden, init, key);
    Tensor bias = Tensor.generate(Shape.of(4 * hidden), j -> j / hidden == FORGET ? 1.0 : 0.0);
    return new Lstm(w.slice(0, features), w.slice(features, features + hidden), bias);
  }

  @Override
  public Vector<String> stateNames() {
    return Vector.of("hidden", "cell");
  }

  @Override
  public CellStep step(Tensor projected, Vector<Tensor> state) {
    LstmRecurrence.Step s = LstmRecurrence.step(projected, state.get(0).matmul(recurrentWeight), state.get(1));
    return new CellStep(Vector.of(s.hidden(), s.cell()), (ds, previous) -> {
      LstmRecurrence.StepGradient d = s.backward(ds.get(0), ds.get(1));
      return new CellStep.StepGrads(d.gates(), d.gates(), previous
          ? Vector.of(d.gates().matmulTransposed(recurrentWeight), d.cell()) : Vector.empty());
    });
  }

  /**
   * The whole pass as one kernel ({@link LstmRecurrence}): W_x and W_h packed once, per step the
   * input side written straight into the gate buffer and one (B, H)·(H, 4H) product, fused gate
   * loops forward and backward, buffers allocated once per call, blocks of the batch on
   * {@code purenet.threads} threads; the same bits as {@link #step} step by step, on any thread count.
   */
  @Override
  public Option<FusedPass> fused(Tensor xs, Vector<Tensor> state) {
    return Option.of(new Pass(
        LstmRecurrence.forward(xs, inputWeight, bias, recurrentWeight, state.get(0), state.get(1))));
  }

  /** A fused pass of this cell; ∂L/∂p and ∂L/∂r are the same ∂L/∂z. */
  private record Pass(LstmRecurrence.Pass pass) implements FusedPass {
    @Override
    public Tensor output() {
      return pass.output();
    }

    @Override
    public Tensor previous() {
      return pass.previous();
    }

    @Override
    public Vector<Tensor> state() {
      return Vector.of(pass.lastHidden(), pass.lastCell());
    }

    @Override
    public Gradients backward(Tensor outputGrad) {
      Tensor dz = pass.backward(outputGrad);
      return new Gradients(dz, dz);
    }
  }

  @Override
  public Lstm withParams(Tree params) {
    params().requireSameStructure(params, "Lstm.withParams");
    return new Lstm(params.tensor("inputWeight"), params.tensor("recurrentWeight"), params.tensor("bias"));
  }
}
