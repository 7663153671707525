package purenet.layer.recurrent;

import java.util.Arrays;
import purenet.init.Glorot;
import purenet.init.Initializer;
import purenet.layer.Backward;
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
 * The long short-term memory layer (Hochreiter and Schmidhuber 1997, with the forget gate of Gers,
 * Schmidhuber and Cummins 2000). For t = 1 … T, with z_t = [x_t, h_{t−1}, 1]·W split into four
 * column blocks:
 * <pre>
 *   f_t = σ(z_t^f)                 forget gate
 *   i_t = σ(z_t^i)                 input gate
 *   g_t = tanh(z_t^g)              candidate
 *   o_t = σ(z_t^o)                 output gate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ tanh(c_t)
 * </pre>
 * from h₀ = c₀ = 0 or the carried state.
 *
 * <p>Shapes: input (batch, time, F), output the hidden sequence (batch, time, H). Parameter
 * {@code weight}: W of shape (F + H + 1, 4H) acting on [x_t, h_{t−1}, 1]; columns 0 … H−1 feed the
 * forget gate, H … 2H−1 the input gate, 2H … 3H−1 the candidate, 3H … 4H−1 the output gate; rows
 * are the input weights (0 … F−1), the recurrent weights (F … F+H−1) and the biases (row F+H).
 *
 * <p>Backpropagation through time, with the upstream gradient γ_t of h_t, ∂h = γ_t + ∂L/∂h_t from
 * step t+1 and ∂c from step t+1 (both 0 after the last step):
 * ∂c_t = ∂c + ∂h ⊙ o_t ⊙ (1 − tanh²c_t); ∂z^o = ∂h ⊙ tanh c_t ⊙ o_t(1 − o_t);
 * ∂z^f = ∂c_t ⊙ c_{t−1} ⊙ f_t(1 − f_t); ∂z^i = ∂c_t ⊙ g_t ⊙ i_t(1 − i_t);
 * ∂z^g = ∂c_t ⊙ i_t ⊙ (1 − g_t²); then ∂L/∂c_{t−1} = ∂c_t ⊙ f_t and ∂L/∂h_{t−1} = ∂z_t·W_hᵀ;
 * ∂L/∂W = Σ_t [x_t, h_{t−1}, 1]ᵀ·∂z_t and ∂L/∂x_t = ∂z_t·W_xᵀ. No gradient flows into a carried
 * (h₀, c₀) (truncated BPTT, see {@link Carry}). The input projection of all steps, ∂L/∂W and ∂L/∂x
 * are single (T·B)-row matrix products; the recurrence costs four (B, H)·(H, H) products per step
 * forward and one (B, 4H)·(4H, H) backward.
 * {@link Backward#paramsOnly} skips ∂L/∂x (for a first layer, whose input is data).
 *
 * <p>The factories initialise the forget-gate biases to 1 and the other biases to 0: a forget gate
 * that starts near σ(1) ≈ 0.73 rather than σ(0) = 0.5 keeps the cell state, and with it the
 * gradient, alive over many steps from the first update on; Jozefowicz, Zaremba and Sutskever 2015
 * ("An empirical exploration of recurrent network architectures") found this closes most of the gap
 * between the LSTM and the best architectures they searched.
 *
 * <p>State (only when carrying): {@code hidden} h_T and {@code cell} c_T of the last pass where the
 * carry applied, each (batch, H); zeros at first and after {@link #reset()}.
 *
 * @param weight W, (F + H + 1, 4H)
 * @param carry  whether the state is carried between calls
 * @param hidden the carried h (batch, H); (0, H) when {@code carry} is {@link Carry#NONE}
 * @param cell   the carried c (batch, H), of the same batch as {@code hidden}
 */
public record Lstm(Tensor weight, Carry carry, Tensor hidden, Tensor cell) implements Recurrent {

  /** The number of gate blocks in W's columns: forget, input, candidate, output. */
  public static final int GATES = 4;
  /** Column block of the forget gate. */
  public static final int FORGET = 0;
  /** Column block of the input gate. */
  public static final int INPUT = 1;
  /** Column block of the candidate. */
  public static final int CANDIDATE = 2;
  /** Column block of the output gate. */
  public static final int OUTPUT = 3;

  /** Validates the shapes and that the state fits the carry. */
  public Lstm {
    if (weight == null || weight.rank() != 2 || weight.dim(1) < GATES || weight.dim(1) % GATES != 0
        || weight.dim(0) < weight.dim(1) / GATES + 2) {
      throw new IllegalArgumentException("Lstm weight must be (features + hidden + 1, 4·hidden) with"
          + " features, hidden >= 1, got " + (weight == null ? "null" : weight.shape()));
    }
    if (carry == null) {
      throw new IllegalArgumentException("Lstm needs a carry (NONE, TRAINING or ALWAYS), got null");
    }
    int h = weight.dim(1) / GATES;
    Sequences.requireState("Lstm", "hidden", hidden, h, carry);
    Sequences.requireState("Lstm", "cell", cell, h, carry);
    if (hidden.dim(0) != cell.dim(0)) {
      throw new IllegalArgumentException("Lstm hidden and cell states must have the same batch, got "
          + hidden.shape() + " and " + cell.shape());
    }
  }

  /** A stateless layer: Glorot-uniform weights, forget-gate biases 1, other biases 0. */
  public static Lstm of(int features, int hidden, Key key) {
    return of(features, hidden, Glorot.uniform(), key);
  }

  /**
   * A stateless layer with the input and recurrent rows of W drawn from {@code init} as one
   * (F + H, 4H) block with fanIn = F + H and fanOut = H (each gate is its own unit), forget-gate
   * biases 1 and other biases 0.
   *
   * @throws IllegalArgumentException if {@code features < 1} or {@code hidden < 1}
   */
  public static Lstm of(int features, int hidden, Initializer init, Key key) {
    Tensor w = Sequences.inputAndRecurrentRows("Lstm", features, hidden, GATES * hidden, init, key);
    Tensor bias = Tensor.generate(Shape.of(1, GATES * hidden), j -> j / hidden == FORGET ? 1.0 : 0.0);
    return of(Tensor.concat(0, w, bias));
  }

  /** A stateless layer with the given W, (F + H + 1, 4H). */
  public static Lstm of(Tensor weight) {
    int h = weight.rank() == 2 ? weight.dim(1) / GATES : 0;
    return new Lstm(weight, Carry.NONE, Tensor.zeros(0, h), Tensor.zeros(0, h));
  }

  @Override
  public int hiddenSize() {
    return weight.dim(1) / GATES;
  }

  @Override
  public int features() {
    return weight.dim(0) - hiddenSize() - 1;
  }

  /** The (F + H + 1, H) block of W's columns that feeds gate {@code gate} (e.g. {@link #FORGET}). */
  public Tensor gateWeight(int gate) {
    if (gate < 0 || gate >= GATES) {
      throw new IllegalArgumentException("gate must be in 0..3 (forget, input, candidate, output), got " + gate);
    }
    return gateBlocks(weight).index(gate);
  }

  @Override
  public Lstm carrying(Carry newCarry, int batch) {
    if (newCarry == Carry.NONE) {
      return stateless();
    }
    if (batch < 1) {
      throw new IllegalArgumentException("Lstm carrying needs batch >= 1, got " + batch);
    }
    return new Lstm(weight, newCarry, Tensor.zeros(batch, hiddenSize()), Tensor.zeros(batch, hiddenSize()));
  }

  @Override
  public Lstm carrying(int batch) {
    return carrying(Carry.TRAINING, batch);
  }

  @Override
  public Lstm stateless() {
    return of(weight);
  }

  @Override
  public Lstm reset() {
    return new Lstm(weight, carry, Tensor.zeros(hidden.shape()), Tensor.zeros(cell.shape()));
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Sequences.require(name(), x.shape(), features(), carry, mode, hidden.dim(0));
    int batch = x.dim(0);
    int time = x.dim(1);
    int f = features();
    int units = hiddenSize();
    Tensor wx = weight.slice(0, f);
    Tensor wh = weight.slice(f, f + units);
    Tensor[] whGate = new Tensor[GATES];
    Tensor whBlocks = gateBlocks(wh);
    for (int k = 0; k < GATES; k++) {
      whGate[k] = whBlocks.index(k);
    }
    Tensor xs = Sequences.timeMajor(x);
    Tensor projected = gateBlocks(xs.matmul(wx).add(weight.index(f + units)));
    Tensor[] pre = new Tensor[GATES];
    for (int k = 0; k < GATES; k++) {
      pre[k] = projected.index(k);
    }
    Tensor[] h = new Tensor[time + 1];
    Tensor[] c = new Tensor[time + 1];
    Tensor[][] gate = new Tensor[time][GATES];
    Tensor[] tanhC = new Tensor[time];
    h[0] = Sequences.start(carry, mode, hidden, batch);
    c[0] = Sequences.start(carry, mode, cell, batch);
    for (int t = 0; t < time; t++) {
      Tensor[] a = gate[t];
      for (int k = 0; k < GATES; k++) {
        Tensor z = Sequences.step(pre[k], t, batch).add(h[t].matmul(whGate[k]));
        a[k] = k == CANDIDATE ? z.map(Math::tanh) : z.map(Lstm::sigmoid);
      }
      c[t + 1] = a[FORGET].mul(c[t]).add(a[INPUT].mul(a[CANDIDATE]));
      tanhC[t] = c[t + 1].map(Math::tanh);
      h[t + 1] = a[OUTPUT].mul(tanhC[t]);
    }
    Tensor outputs = Tensor.concat(0, Arrays.copyOfRange(h, 1, time + 1));
    Layer next = carry.appliesIn(mode) ? new Lstm(weight, carry, h[time], c[time]) : this;
    Saved saved = new Saved(xs, h, c, gate, tanhC);
    return new Forward(Sequences.batchMajor(outputs, batch, time), Backward.of(
        g -> backward(g, saved, true),
        g -> backward(g, saved, false).params()), next);
  }

  /**
   * What a forward pass keeps for its backward pass: the time-major input (T·B, F), the states
   * h₀ … h_T and c₀ … c_T, the gate activations [f, i, g, o] and tanh(c_t) of every step.
   */
  private record Saved(Tensor xs, Tensor[] h, Tensor[] c, Tensor[][] gate, Tensor[] tanhC) {}

  /**
   * BPTT for one pass. Without {@code needInput} the input gradient, a (T·B, 4H)·(4H, F) product,
   * is skipped and null.
   */
  private Grads backward(Tensor g, Saved s, boolean needInput) {
    int batch = s.h()[0].dim(0);
    int time = s.h().length - 1;
    int f = features();
    int units = hiddenSize();
    Tensor wh = weight.slice(f, f + units);
    Sequences.requireGradient(name(), g, batch, time, hiddenSize());
    Tensor gs = Sequences.timeMajor(g);
    Tensor[] dz = new Tensor[time];
    Tensor dhLater = null;
    Tensor dcLater = null;
    for (int t = time - 1; t >= 0; t--) {
      Tensor[] a = s.gate()[t];
      Tensor tc = s.tanhC()[t];
      Tensor dh = Sequences.step(gs, t, batch);
      if (dhLater != null) {
        dh = dh.add(dhLater);
      }
      Tensor dc = dh.mul(a[OUTPUT]).zipWith(tc, (d, y) -> d * (1 - y * y));
      if (dcLater != null) {
        dc = dc.add(dcLater);
      }
      Tensor dzf = dc.mul(s.c()[t]).zipWith(a[FORGET], Lstm::sigmoidBackward);
      Tensor dzi = dc.mul(a[CANDIDATE]).zipWith(a[INPUT], Lstm::sigmoidBackward);
      Tensor dzg = dc.mul(a[INPUT]).zipWith(a[CANDIDATE], (d, y) -> d * (1 - y * y));
      Tensor dzo = dh.mul(tc).zipWith(a[OUTPUT], Lstm::sigmoidBackward);
      dz[t] = Tensor.concat(1, dzf, dzi, dzg, dzo);
      if (t > 0) {
        dhLater = dz[t].matmulTransposed(wh);
        dcLater = dc.mul(a[FORGET]);
      }
    }
    Tensor dZ = Tensor.concat(0, dz);
    Tensor previous = Tensor.concat(0, Arrays.copyOfRange(s.h(), 0, time));
    Tensor dW = Tensor.concat(0, s.xs().transposedMatmul(dZ), previous.transposedMatmul(dZ),
        dZ.sum(0).reshape(1, GATES * units));
    Tensor dx = needInput ? Sequences.batchMajor(dZ.matmulTransposed(weight.slice(0, f)), batch, time) : null;
    return new Grads(dx, Tree.empty().with("weight", dW));
  }

  @Override
  public Tree params() {
    return Tree.empty().with("weight", weight);
  }

  @Override
  public Layer withParams(Tree params) {
    params().requireSameStructure(params, "Lstm.withParams");
    return new Lstm(params.tensor("weight"), carry, hidden, cell);
  }

  /** Empty when stateless; else the node {@code hidden} → (batch, H), {@code cell} → (batch, H). */
  @Override
  public Tree state() {
    return carry == Carry.NONE ? Tree.empty() : Tree.empty().with("hidden", hidden).with("cell", cell);
  }

  /**
   * The same layer carrying the given state; its batch may differ from the current one (the layer
   * then expects inputs of that batch).
   */
  @Override
  public Layer withState(Tree state) {
    if (carry == Carry.NONE) {
      return Recurrent.super.withState(state);
    }
    var leaves = Sequences.stateLeaves("Lstm", state, hiddenSize(), "hidden", "cell");
    return new Lstm(weight, carry, leaves.get(0), leaves.get(1));
  }

  /** (batch, time, H), checked without computing; a carrying layer also needs its carried batch. */
  @Override
  public ShapeCheck check(Shape input) {
    Shape out = Sequences.output(input, hiddenSize());
    return Sequences.problem(name(), input, features(), carry, hidden.dim(0))
        .map(p -> ShapeCheck.problem(out, p))
        .getOrElse(() -> ShapeCheck.ok(out));
  }

  /** (n, 4H) → (4, n, H): the column block of gate k becomes slice k. */
  private static Tensor gateBlocks(Tensor m) {
    return m.reshape(m.dim(0), GATES, m.dim(1) / GATES).permute(1, 0, 2);
  }

  /** σ(x) = 1/(1 + e^(−x)), without overflow for large |x|. */
  private static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** d·σ'(z) given y = σ(z). */
  private static double sigmoidBackward(double d, double y) {
    return d * y * (1 - y);
  }
}
