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
 * The Elman recurrent layer (Elman 1990, "Finding structure in time"):
 * h_t = tanh([x_t, h_{t−1}, 1]·W) for t = 1 … T, from h₀ = 0 or the carried state.
 *
 * <p>Shapes: input (batch, time, F), output the hidden sequence (batch, time, H) (put an output
 * layer on every h_t with {@code TimeDistributed}, or keep only h_T with {@link LastStep}).
 * Parameter {@code weight}: W of shape (F + H + 1, H) acting on the concatenation
 * [x_t, h_{t−1}, 1]; its row blocks are the input weights W_x (rows 0 … F−1), the recurrent
 * weights W_h (rows F … F+H−1) and the bias b (row F+H), so equivalently
 * h_t = tanh(x_t·W_x + h_{t−1}·W_h + b).
 *
 * <p>Backpropagation through time, with a_t = [x_t, h_{t−1}, 1]·W, the upstream gradient g_t of
 * h_t and δ_{T+1} = 0: ∂L/∂a_t = (g_t + ∂L/∂a_{t+1}·W_hᵀ) ⊙ (1 − h_t²); ∂L/∂W_x = Σ_t x_tᵀ·∂L/∂a_t,
 * ∂L/∂W_h = Σ_t h_{t−1}ᵀ·∂L/∂a_t, ∂L/∂b = Σ_t Σ_batch ∂L/∂a_t, ∂L/∂x_t = ∂L/∂a_t·W_xᵀ. No gradient
 * flows into h₀: a carried state is a constant of the call (truncated BPTT, see {@link Carry}).
 * The input projection of all steps, ∂L/∂W and ∂L/∂x are single (T·B)-row matrix products; only
 * the recurrence costs one (B, H)·(H, H) product per step and direction.
 * {@link Backward#paramsOnly} skips ∂L/∂x (for a first layer, whose input is data).
 *
 * <p>State (only when carrying): {@code hidden}, the final h_T of the last pass where the carry
 * applied, (batch, H); zeros at first and after {@link #reset()}.
 *
 * @param weight W, (F + H + 1, H)
 * @param carry  whether the hidden state is carried between calls
 * @param hidden the carried state (batch, H); (0, H) when {@code carry} is {@link Carry#NONE}
 */
public record ElmanRnn(Tensor weight, Carry carry, Tensor hidden) implements Recurrent {

  /** Validates the shapes and that the state fits the carry. */
  public ElmanRnn {
    if (weight == null || weight.rank() != 2 || weight.dim(1) < 1 || weight.dim(0) < weight.dim(1) + 2) {
      throw new IllegalArgumentException("ElmanRnn weight must be (features + hidden + 1, hidden) with"
          + " features, hidden >= 1, got " + (weight == null ? "null" : weight.shape()));
    }
    if (carry == null) {
      throw new IllegalArgumentException("ElmanRnn needs a carry (NONE, TRAINING or ALWAYS), got null");
    }
    Sequences.requireState("ElmanRnn", "hidden", hidden, weight.dim(1), carry);
  }

  /** A stateless layer with Glorot-uniform input and recurrent weights and a zero bias. */
  public static ElmanRnn of(int features, int hidden, Key key) {
    return of(features, hidden, Glorot.uniform(), key);
  }

  /**
   * A stateless layer with the input and recurrent rows of W drawn from {@code init} as one
   * (F + H, H) block with fanIn = F + H and fanOut = H, and a zero bias row.
   *
   * @throws IllegalArgumentException if {@code features < 1} or {@code hidden < 1}
   */
  public static ElmanRnn of(int features, int hidden, Initializer init, Key key) {
    Tensor w = Sequences.inputAndRecurrentRows("ElmanRnn", features, hidden, hidden, init, key);
    return of(Tensor.concat(0, w, Tensor.zeros(1, hidden)));
  }

  /** A stateless layer with the given W, (F + H + 1, H). */
  public static ElmanRnn of(Tensor weight) {
    return new ElmanRnn(weight, Carry.NONE, Tensor.zeros(0, weight.rank() == 2 ? weight.dim(1) : 0));
  }

  @Override
  public int hiddenSize() {
    return weight.dim(1);
  }

  @Override
  public int features() {
    return weight.dim(0) - weight.dim(1) - 1;
  }

  /** W_x, the input rows of W: (F, H). */
  public Tensor inputWeight() {
    return weight.slice(0, features());
  }

  /** W_h, the recurrent rows of W: (H, H). */
  public Tensor recurrentWeight() {
    return weight.slice(features(), features() + hiddenSize());
  }

  /** b, the last row of W: (H). */
  public Tensor bias() {
    return weight.index(weight.dim(0) - 1);
  }

  @Override
  public ElmanRnn carrying(Carry newCarry, int batch) {
    if (newCarry == Carry.NONE) {
      return stateless();
    }
    if (batch < 1) {
      throw new IllegalArgumentException("ElmanRnn carrying needs batch >= 1, got " + batch);
    }
    return new ElmanRnn(weight, newCarry, Tensor.zeros(batch, hiddenSize()));
  }

  @Override
  public ElmanRnn carrying(int batch) {
    return carrying(Carry.TRAINING, batch);
  }

  @Override
  public ElmanRnn stateless() {
    return of(weight);
  }

  @Override
  public ElmanRnn reset() {
    return new ElmanRnn(weight, carry, Tensor.zeros(hidden.shape()));
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Sequences.require(name(), x.shape(), features(), carry, mode, hidden.dim(0));
    int batch = x.dim(0);
    int time = x.dim(1);
    Tensor wh = recurrentWeight();
    Tensor xs = Sequences.timeMajor(x);
    Tensor projected = xs.matmul(inputWeight()).add(bias());
    Tensor[] h = new Tensor[time + 1];
    h[0] = Sequences.start(carry, mode, hidden, batch);
    for (int t = 0; t < time; t++) {
      h[t + 1] = Sequences.step(projected, t, batch).add(h[t].matmul(wh)).map(Math::tanh);
    }
    Tensor outputs = Tensor.concat(0, Arrays.copyOfRange(h, 1, time + 1));
    Layer next = carry.appliesIn(mode) ? new ElmanRnn(weight, carry, h[time]) : this;
    return new Forward(Sequences.batchMajor(outputs, batch, time), Backward.of(
        g -> backward(g, xs, h, true),
        g -> backward(g, xs, h, false).params()), next);
  }

  /**
   * BPTT for one pass: xs the time-major input (T·B, F), h the states h₀ … h_T (B, H). Without
   * {@code needInput} the input gradient, a (T·B, H)·(H, F) product, is skipped and null.
   */
  private Grads backward(Tensor g, Tensor xs, Tensor[] h, boolean needInput) {
    int batch = h[0].dim(0);
    int time = h.length - 1;
    Sequences.requireGradient(name(), g, batch, time, hiddenSize());
    Tensor wh = recurrentWeight();
    Tensor gs = Sequences.timeMajor(g);
    Tensor[] da = new Tensor[time];
    Tensor fromLater = null;
    for (int t = time - 1; t >= 0; t--) {
      Tensor dh = Sequences.step(gs, t, batch);
      if (fromLater != null) {
        dh = dh.add(fromLater);
      }
      da[t] = dh.zipWith(h[t + 1], (d, y) -> d * (1 - y * y));
      if (t > 0) {
        fromLater = da[t].matmulTransposed(wh);
      }
    }
    Tensor dA = Tensor.concat(0, da);
    Tensor previous = Tensor.concat(0, Arrays.copyOfRange(h, 0, time));
    Tensor dW = Tensor.concat(0, xs.transposedMatmul(dA), previous.transposedMatmul(dA),
        dA.sum(0).reshape(1, hiddenSize()));
    Tensor dx = needInput ? Sequences.batchMajor(dA.matmulTransposed(inputWeight()), batch, time) : null;
    return new Grads(dx, Tree.empty().with("weight", dW));
  }

  @Override
  public Tree params() {
    return Tree.empty().with("weight", weight);
  }

  @Override
  public Layer withParams(Tree params) {
    params().requireSameStructure(params, "ElmanRnn.withParams");
    return new ElmanRnn(params.tensor("weight"), carry, hidden);
  }

  /** Empty when stateless; else the node {@code hidden} → (batch, H). */
  @Override
  public Tree state() {
    return carry == Carry.NONE ? Tree.empty() : Tree.empty().with("hidden", hidden);
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
    return new ElmanRnn(weight, carry, Sequences.stateLeaves("ElmanRnn", state, hiddenSize(), "hidden").get(0));
  }

  /** (batch, time, H), checked without computing; a carrying layer also needs its carried batch. */
  @Override
  public ShapeCheck check(Shape input) {
    Shape out = Sequences.output(input, hiddenSize());
    return Sequences.problem(name(), input, features(), carry, hidden.dim(0))
        .map(p -> ShapeCheck.problem(out, p))
        .getOrElse(() -> ShapeCheck.ok(out));
  }
}
