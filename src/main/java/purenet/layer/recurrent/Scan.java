package purenet.layer.recurrent;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Arrays;
import purenet.layer.Backward;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A recurrent layer: runs a {@link Cell} over a sequence, s_t = step(x_t, s_{t−1}) for
 * t = 1 … T, and outputs the hidden states h_1 … h_T. It owns the time loop, backpropagation
 * through time, the carried state and its resets; the cell owns the math of one step.
 *
 * <p>Shapes: input (batch, time ≥ 1, F), output (batch, time, H) (put an output layer on every
 * h_t with {@code TimeDistributed}, or keep only h_T with {@link LastStep}).
 *
 * <p>The pass starts from s₀ = 0, or from the carried state where {@link Carry} says so. Backward
 * runs the steps' backward maps from t = T down to 1, adding the upstream gradient of h_t to
 * ∂L/∂h_t from step t+1; no gradient flows into s₀, which is a constant of the call (truncated BPTT:
 * feed a long sequence in chunks to a carrying scan). The input projection of all steps, ∂L/∂x and
 * ∂L/∂params are single (T·B)-row matrix products; {@link Backward#paramsOnly} skips ∂L/∂x (for a
 * first layer, whose input is data). A cell with a fused kernel for the whole pass ({@link Cell#fused},
 * e.g. {@link Lstm}) runs it instead of the step-by-step loop, with the same bits.
 *
 * <p>Parameters: the cell's, at the top level (e.g. {@code recurrentWeight}, not
 * {@code cell/recurrentWeight}). State (only when carrying): the cell's {@link Cell#stateNames()}
 * (e.g. {@code hidden} and {@code cell} for an {@link Lstm}), each (batch, H): the final state of
 * the last pass where the carry applied; zeros at first and after {@link #reset()}. The state tree
 * keeps one structure and shape for the whole run, so checkpoints and {@code withState} work.
 *
 * <pre>{@code
 * Layer rnn = Scan.of(Lstm.of(vocab, 128, key)).carrying(32);  // (h, c) carried across training calls
 * }</pre>
 *
 * @param cell    the step
 * @param carry   whether the state is carried between calls
 * @param carried the carried state: empty for {@link Carry#NONE}, else one (batch, H) leaf per
 *                state name of the cell, with one batch ≥ 1
 */
public record Scan(Cell cell, Carry carry, Tree carried) implements Layer {

  /**
   * Validates that the carried state fits the cell and the carry.
   *
   * @param cell the step
   * @param carry whether the state is carried between calls
   * @param carried the carried state: empty for {@link Carry#NONE}, else one (batch, H) leaf per state name of the cell, with one batch ≥ 1
   */
  public Scan {
    if (cell == null || carry == null || carried == null) {
      throw new IllegalArgumentException("Scan needs a cell, a carry and a carried state, got "
          + cell + ", " + carry + ", " + carried);
    }
    if (carry == Carry.NONE) {
      if (!carried.paths().isEmpty()) {
        throw new IllegalArgumentException("Scan(" + cell.name() + ") with carry NONE carries no state, got "
            + carried.describe());
      }
    } else {
      Sequences.stateLeaves(cell.name(), carried, cell.hiddenSize(), cell.stateNames());
    }
  }

  /**
   * A scan that carries nothing: every call starts from zeros.
   *
   * @param cell the step
   * @return the stateless recurrent layer
   */
  public static Scan of(Cell cell) {
    return new Scan(cell, Carry.NONE, Tree.empty());
  }

  /** {@return the number of input features per time step} */
  public int features() {
    return cell.features();
  }

  /** {@return the number of hidden units H} */
  public int hiddenSize() {
    return cell.hiddenSize();
  }

  /**
   * {@return the carried hidden state h (batch, H): zeros until a pass carries one; (0, H) for
   * {@link Carry#NONE}}
   */
  public Tensor hidden() {
    return carry == Carry.NONE ? Tensor.zeros(0, hiddenSize()) : carried.tensor(cell.stateNames().head());
  }

  /**
   * The same layer carrying its state across calls as {@code carry} says, for inputs of exactly
   * {@code batch} sequences, starting from zeros. {@code carrying(Carry.NONE, b)} is {@link #stateless()}.
   *
   * @param newCarry when to carry
   * @param batch    the number of sequences of every carrying call
   * @return the carrying layer
   * @throws IllegalArgumentException if {@code batch < 1}
   */
  public Scan carrying(Carry newCarry, int batch) {
    if (newCarry == Carry.NONE) {
      return stateless();
    }
    if (batch < 1) {
      throw new IllegalArgumentException(name() + " carrying needs batch >= 1, got " + batch);
    }
    return new Scan(cell, newCarry, zeros(batch));
  }

  /**
   * The same layer carrying its state across training calls (truncated BPTT) for {@code batch} sequences.
   *
   * @param batch the number of sequences of every training call
   * @return the carrying layer
   */
  public Scan carrying(int batch) {
    return carrying(Carry.TRAINING, batch);
  }

  /**
   * The same layer without carried state: every call starts from zeros.
   *
   * @return the stateless layer
   */
  public Scan stateless() {
    return of(cell);
  }

  /**
   * The same layer with its carried state set to zeros (the start of a new sequence); a no-op if stateless.
   *
   * @return the reset layer
   */
  public Scan reset() {
    return carry == Carry.NONE ? this : new Scan(cell, carry, zeros(carriedBatch()));
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Sequences.require(name(), x.shape(), features(), carry.appliesIn(mode) ? carry : Carry.NONE, carriedBatch());
    int batch = x.dim(0);
    int time = x.dim(1);
    Tensor xs = Sequences.timeMajor(x);
    Vector<Tensor> state = carry.appliesIn(mode) ? cell.stateNames().map(carried::tensor) : start(batch);
    Option<FusedPass> fused = cell.fused(xs, state);
    if (fused.isDefined()) {
      FusedPass pass = fused.get();
      Layer next = carry.appliesIn(mode) ? new Scan(cell, carry, tree(pass.state())) : this;
      return new Forward(pass.output(), Backward.of(
          g -> fusedBackward(g, xs, pass, true),
          g -> fusedBackward(g, xs, pass, false).params()), next);
    }
    Tensor projected = cell.project(xs);
    Tensor[] h = new Tensor[time + 1];
    CellStep.Backward[] steps = new CellStep.Backward[time];
    h[0] = state.head();
    for (int t = 0; t < time; t++) {
      CellStep s = cell.step(Sequences.step(projected, t, batch), state);
      state = s.state();
      steps[t] = s.backward();
      h[t + 1] = state.head();
    }
    Tensor outputs = Sequences.batchMajor(Tensor.concat(0, Arrays.copyOfRange(h, 1, time + 1)), batch, time);
    Layer next = carry.appliesIn(mode) ? new Scan(cell, carry, tree(state)) : this;
    Tensor previous = Tensor.concat(0, Arrays.copyOfRange(h, 0, time));
    return new Forward(outputs, Backward.of(
        g -> backward(g, xs, previous, steps, true),
        g -> backward(g, xs, previous, steps, false).params()), next);
  }

  /**
   * BPTT for one pass: xs the time-major input (T·B, F), previous h₀ … h_{T−1} as (T·B, H). Without
   * {@code needInput} the input gradient is skipped and null.
   */
  private Grads backward(Tensor g, Tensor xs, Tensor previous, CellStep.Backward[] steps, boolean needInput) {
    int time = steps.length;
    int batch = xs.dim(0) / time;
    Shape expected = Shape.of(batch, time, hiddenSize());
    if (!g.shape().equals(expected)) {
      throw new IllegalArgumentException(name() + " backward expects a gradient of the output's shape " + expected
          + ", got " + g.shape());
    }
    Tensor gs = Sequences.timeMajor(g);
    Tensor[] dp = new Tensor[time];
    Tensor[] dr = new Tensor[time];
    Vector<Tensor> ds = start(batch);
    for (int t = time - 1; t >= 0; t--) {
      ds = ds.update(0, ds.head().add(Sequences.step(gs, t, batch)));
      CellStep.StepGrads sg = steps[t].apply(ds, t > 0);
      dp[t] = sg.projected();
      dr[t] = sg.recurrent();
      ds = sg.state();
    }
    Tensor dP = Tensor.concat(0, dp);
    Tree params = cell.paramGradients(xs, previous, dP, Tensor.concat(0, dr));
    return new Grads(needInput ? Sequences.batchMajor(cell.inputGradient(dP), batch, time) : null, params);
  }

  /** BPTT for a fused pass: the same gradients as {@link #backward}, from the cell's kernel. */
  private Grads fusedBackward(Tensor g, Tensor xs, FusedPass pass, boolean needInput) {
    Shape expected = pass.output().shape();
    if (!g.shape().equals(expected)) {
      throw new IllegalArgumentException(name() + " backward expects a gradient of the output's shape " + expected
          + ", got " + g.shape());
    }
    FusedPass.Gradients d = pass.backward(g);
    Tree params = cell.paramGradients(xs, pass.previous(), d.projected(), d.recurrent());
    int batch = expected.dim(0);
    int time = expected.dim(1);
    return new Grads(needInput ? Sequences.batchMajor(cell.inputGradient(d.projected()), batch, time) : null, params);
  }

  /*
   * The trees are written by hand, not derived from the components: the parameters are the cell's
   * (a Cell is not a Layer, so no rule derives them), kept flat because the scan adds none of its
   * own, and the state's leaves are named by the cell (hidden, or hidden and cell), so they live in
   * one Tree component rather than in fixed @State tensor components.
   */

  /** The cell's parameters, flat: the scan adds none of its own, so paths stay as short as the cell's. */
  @Override
  public Tree params() {
    return cell.params();
  }

  @Override
  public Scan withParams(Tree params) {
    params().requireSameStructure(params, name() + ".withParams");
    return new Scan(cell.withParams(params), carry, carried);
  }

  /** Empty when stateless; else the cell's state names → (batch, H). */
  @Override
  public Tree state() {
    return carried;
  }

  /**
   * The same layer carrying the given state; its batch may differ from the current one (the layer
   * then expects inputs of that batch).
   */
  @Override
  public Scan withState(Tree state) {
    if (carry == Carry.NONE) {
      carried.requireSameStructure(state, name() + ".withState");
      return this;
    }
    Sequences.stateLeaves(name(), state, hiddenSize(), cell.stateNames());
    return new Scan(cell, carry, state);
  }

  /** None: the cell is a step, not a layer (and a Tree component has no derived children). */
  @Override
  public LinkedHashMap<String, Layer> children() {
    return LinkedHashMap.empty();
  }

  /** (batch, time, H), checked without computing; a carrying layer also needs its carried batch. */
  @Override
  public ShapeCheck check(Shape input) {
    Shape out = Shape.of(input.rank() >= 1 ? input.dim(0) : 1, input.rank() >= 2 ? input.dim(1) : 1, hiddenSize());
    return Sequences.problem(name(), input, features(), carry, carriedBatch())
        .map(p -> ShapeCheck.problem(out, p))
        .getOrElse(() -> ShapeCheck.ok(out));
  }

  /** "Scan(Lstm)": the cell's name inside, for error messages. */
  @Override
  public String name() {
    return "Scan(" + cell.name() + ")";
  }

  private int carriedBatch() {
    return carry == Carry.NONE ? 0 : carried.leaves().head().dim(0);
  }

  private Vector<Tensor> start(int batch) {
    return cell.stateNames().map(n -> Tensor.zeros(batch, hiddenSize()));
  }

  private Tree zeros(int batch) {
    return tree(start(batch));
  }

  private Tree tree(Vector<Tensor> state) {
    Tree.Node t = Tree.empty();
    for (int i = 0; i < state.size(); i++) {
      t = t.with(cell.stateNames().get(i), state.get(i));
    }
    return t;
  }
}
