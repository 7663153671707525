package purenet.tensor;

import java.util.function.IntConsumer;

/**
 * The recurrence of a long short-term memory layer over a whole sequence, as one kernel: the fast
 * path of {@code purenet.layer.recurrent.Lstm}. For t = 1 … T, with the input side p_t already
 * computed (x_t·W_x + b) and z = p_t + h_{t−1}·W_h split into four column blocks of H in PyTorch's
 * gate order (input, forget, candidate, output):
 * <pre>
 *   i = σ(z^i)   f = σ(z^f)   g = tanh(z^g)   o = σ(z^o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g        h_t = o ⊙ tanh(c_t)
 * </pre>
 * and backward, with γ_t the upstream gradient of h_t, ∂h = γ_t + ∂L/∂h_t from step t+1 and κ =
 * ∂L/∂c_t from step t+1 (both 0 after the last step):
 * <pre>
 *   ∂c = κ + ∂h ⊙ o ⊙ (1 − tanh²c_t)
 *   ∂z^i = ∂c ⊙ g ⊙ i(1 − i)   ∂z^f = ∂c ⊙ c_{t−1} ⊙ f(1 − f)   ∂z^g = ∂c ⊙ i ⊙ (1 − g²)
 *   ∂z^o = ∂h ⊙ tanh c_t ⊙ o(1 − o)
 *   ∂L/∂c_{t−1} = ∂c ⊙ f          ∂L/∂h_{t−1} = ∂z·W_hᵀ
 * </pre>
 * No gradient flows into (h₀, c₀). σ and tanh are {@link LstmGates}' (within a few ulp of the exact
 * values); {@link #step} is one step of the same arithmetic, for the step-by-step path.
 *
 * <p>Why a kernel: per step the generic cell-by-cell path allocates a dozen (B, 4H) and (B, H)
 * tensors and packs W_h for each product. Here W_h (and W_x) is packed once per pass (and W_hᵀ
 * once per backward), each step is one (B, H)·(H, 4H) product into a scratch row block (and, from
 * the inputs, one (B, F)·(F, 4H) product written straight into the gate buffer, so the input side of
 * the whole sequence never goes through memory as a separate matrix) and one fused, vectorised loop
 * over the gates, and every buffer is allocated once per call. The arithmetic is the step-by-step
 * path's, operation for operation (z = p + h·W_h with the same matrix product, which computes every
 * element the same whatever the rows around it, and the same {@link LstmGates}), so both give the
 * same bits.
 *
 * <p><b>Threads.</b> The sequences of a batch never meet in the recurrence, so with
 * {@code purenet.threads} above 1 a large enough pass cuts the batch into blocks of rows, one task
 * each, forward and backward, with no synchronisation between steps. A row's arithmetic does not
 * depend on the block it falls in, so the results are bit-identical for any thread count.
 *
 * <p>Shapes: p time-major (T·B, 4H) (row t·B + b is step t of sequence b), W_h (H, 4H), h₀ and c₀
 * (B, H).
 */
public final class LstmRecurrence {
  /** Passes below this many flops of recurrent products (2·T·B·H·4H) stay on the calling thread. */
  static final long PARALLEL_MIN_FLOPS = 4L << 20;
  /** Fewest rows in a block of the batch: a register tile of the product. */
  static final int MIN_BLOCK_ROWS = 8;

  private LstmRecurrence() {}

  /**
   * Runs the forward recurrence.
   *
   * @param projected       p, the input side of every step, time-major (T·B, 4H)
   * @param recurrentWeight W_h, (H, 4H)
   * @param h0              the start hidden state, (B, H)
   * @param c0              the start cell state, (B, H)
   * @return the pass: outputs, final state and its backward
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Pass forward(Tensor projected, Tensor recurrentWeight, Tensor h0, Tensor c0) {
    int units = requireState(recurrentWeight, h0, c0);
    int batch = h0.dim(0);
    if (projected.rank() != 2 || projected.dim(1) != 4 * units || projected.dim(0) % batch != 0
        || projected.dim(0) == 0) {
      throw new IllegalArgumentException("LstmRecurrence expects the input side (time·" + batch + ", " + 4 * units
          + ") with time >= 1, got " + projected.shape());
    }
    return new Pass(projected.data().clone(), null, recurrentWeight, h0.data(), c0.data(), batch,
        projected.dim(0) / batch, units);
  }

  /**
   * Runs the forward recurrence from the inputs, computing the input side p = xs·W_x + b itself,
   * step by step straight into the pass's gate buffer (bit for bit {@code xs.affine(inputWeight, bias)}).
   *
   * @param xs              the inputs of every step, time-major (T·B, F)
   * @param inputWeight     W_x, (F, 4H)
   * @param bias            b, (4H)
   * @param recurrentWeight W_h, (H, 4H)
   * @param h0              the start hidden state, (B, H)
   * @param c0              the start cell state, (B, H)
   * @return the pass
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Pass forward(Tensor xs, Tensor inputWeight, Tensor bias, Tensor recurrentWeight, Tensor h0,
      Tensor c0) {
    int units = requireState(recurrentWeight, h0, c0);
    int batch = h0.dim(0);
    if (inputWeight.rank() != 2 || inputWeight.dim(1) != 4 * units || xs.rank() != 2
        || xs.dim(1) != inputWeight.dim(0) || xs.dim(0) % batch != 0 || xs.dim(0) == 0) {
      throw new IllegalArgumentException("LstmRecurrence expects inputs (time·" + batch + ", F) with time >= 1 and"
          + " an input weight (F, " + 4 * units + "), got " + xs.shape() + " and " + inputWeight.shape());
    }
    if (bias.rank() != 1 || bias.dim(0) != 4 * units) {
      throw new IllegalArgumentException("LstmRecurrence expects a bias (" + 4 * units + "), got " + bias.shape());
    }
    int features = xs.dim(1);
    Input input = new Input(xs.data(), features, Gemm.pack(features, 4 * units, inputWeight.data(), 0, false),
        bias.data());
    return new Pass(new double[xs.dim(0) * 4 * units], input, recurrentWeight, h0.data(), c0.data(), batch,
        xs.dim(0) / batch, units);
  }

  /**
   * One step of the recurrence on its own: the gates, c_t and h_t from the input side p_t, the
   * recurrent side r_t = h_{t−1}·W_h and c_{t−1}, with exactly the pass's arithmetic (z = p + r).
   *
   * @param projected p_t, (B, 4H)
   * @param recurrent r_t, (B, 4H)
   * @param cell      c_{t−1}, (B, H)
   * @return the step: h_t, c_t and its backward
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Step step(Tensor projected, Tensor recurrent, Tensor cell) {
    if (cell.rank() != 2 || cell.dim(0) < 1 || cell.dim(1) < 1 || projected.rank() != 2
        || projected.dim(0) != cell.dim(0) || projected.dim(1) != 4 * cell.dim(1)
        || !recurrent.shape().equals(projected.shape())) {
      throw new IllegalArgumentException("LstmRecurrence step expects p and r (B, 4H) and c (B, H) with B, H >= 1, got "
          + projected.shape() + ", " + recurrent.shape() + " and " + cell.shape());
    }
    return new Step(projected.data().clone(), recurrent.data(), cell.data(), cell.dim(0), cell.dim(1));
  }

  /** Checks W_h (H, 4H) and h0, c0 (B ≥ 1, H); returns H. */
  private static int requireState(Tensor recurrentWeight, Tensor h0, Tensor c0) {
    if (recurrentWeight.rank() != 2 || recurrentWeight.dim(1) != 4 * recurrentWeight.dim(0)) {
      throw new IllegalArgumentException("LstmRecurrence expects a recurrent weight (H, 4H), got " + recurrentWeight.shape());
    }
    int units = recurrentWeight.dim(0);
    if (h0.rank() != 2 || h0.dim(1) != units || !c0.shape().equals(h0.shape()) || h0.dim(0) < 1) {
      throw new IllegalArgumentException("LstmRecurrence expects h0 and c0 (batch >= 1, " + units + "), got "
          + h0.shape() + " and " + c0.shape());
    }
    return units;
  }

  /** The inputs of a pass that computes its own input side: xs (T·B, F), W_x packed, b (4H). */
  private record Input(double[] xs, int features, Gemm.Packed weight, double[] bias) {

    /** p for rows [b0, b0 + rows) of step t, written at {@code zOff} of the gate buffer: affine's arithmetic. */
    void project(int t, int batch, int b0, int rows, double[] gates, int zOff) {
      Gemm.multiply(rows, xs, (t * batch + b0) * features, false, weight, gates, zOff);
      int width = bias.length;
      for (int row = zOff; row < zOff + rows * width; row += width) {
        for (int j = 0; j < width; j++) {
          gates[row + j] += bias[j];
        }
      }
    }
  }

  /**
   * One forward pass: its outputs, the state after the last step, and its backward. Immutable: the
   * buffers it holds are written once, by the constructor.
   */
  public static final class Pass {
    private final Tensor recurrentWeight;
    private final int batch;
    private final int time;
    private final int units;
    /** Gate activations [i, f, g, o] of every step, time-major (T·B, 4H). */
    private final double[] gates;
    /** c_0 … c_T, time-major ((T + 1)·B, H). */
    private final double[] cells;
    /** tanh c_1 … tanh c_T, time-major (T·B, H). */
    private final double[] tanhCells;
    /** h_0 … h_{T−1}, time-major (T·B, H). */
    private final double[] previous;
    /** h_T, (B, H). */
    private final double[] last;
    /** h_1 … h_T batch-major, (B, T, H). */
    private final double[] output;

    /**
     * {@code gates} holds p on entry when {@code input} is null, else it is filled step by step from
     * the inputs; it is owned by the pass from now on and holds the activations on exit.
     */
    private Pass(double[] gates, Input input, Tensor recurrentWeight, double[] h0, double[] c0, int batch,
        int time, int units) {
      this.recurrentWeight = recurrentWeight;
      this.batch = batch;
      this.time = time;
      this.units = units;
      int step = batch * units;
      this.gates = gates;
      cells = new double[(time + 1) * step];
      tanhCells = new double[time * step];
      previous = new double[time * step];
      last = new double[step];
      output = new double[time * step];
      System.arraycopy(c0, 0, cells, 0, step);
      System.arraycopy(h0, 0, previous, 0, step);
      Gemm.Packed w = Gemm.pack(units, 4 * units, recurrentWeight.data(), 0, false);
      Blocks blocks = Blocks.of(batch, time, units);
      blocks.run(block -> forwardBlock(input, w, blocks.from(block), blocks.to(block)));
    }

    /** Every step for sequences [b0, b1). */
    private void forwardBlock(Input input, Gemm.Packed w, int b0, int b1) {
      LstmGates kernel = LstmGates.get();
      int width = 4 * units;
      int step = batch * units;
      int rows = b1 - b0;
      double[] hw = new double[rows * width];
      for (int t = 0; t < time; t++) {
        int zOff = (t * batch + b0) * width;
        if (input != null) {
          input.project(t, batch, b0, rows, gates, zOff);
        }
        Gemm.multiply(rows, previous, t * step + b0 * units, false, w, hw, 0);
        for (int b = b0; b < b1; b++) {
          int k = t * step + b * units;
          double[] hNext = t + 1 < time ? previous : last;
          int hNextOff = t + 1 < time ? k + step : b * units;
          kernel.forward(units, gates, zOff + (b - b0) * width, hw, (b - b0) * width, cells, k, cells, k + step,
              tanhCells, k, hNext, hNextOff);
          System.arraycopy(hNext, hNextOff, output, (b * time + t) * units, units);
        }
      }
    }

    /** {@return h_1 … h_T, batch-major (B, T, H): the layer's output} */
    public Tensor output() {
      // Shared, not copied: the pass never writes its buffers after construction.
      return Tensor.wrap(Shape.of(batch, time, units), output);
    }

    /** {@return h_0 … h_{T−1}, time-major (T·B, H): the left factor of ∂L/∂W_h = Σ_t h_{t−1}ᵀ·∂z_t} */
    public Tensor previous() {
      return Tensor.wrap(Shape.of(time * batch, units), previous);
    }

    /** {@return h_T, (B, H)} */
    public Tensor lastHidden() {
      return Tensor.wrap(Shape.of(batch, units), last);
    }

    /** {@return c_T, (B, H)} */
    public Tensor lastCell() {
      double[] c = new double[batch * units];
      System.arraycopy(cells, time * batch * units, c, 0, c.length);
      return Tensor.wrap(Shape.of(batch, units), c);
    }

    /**
     * Backpropagation through time from the upstream gradient of the output.
     *
     * @param outputGrad ∂L/∂h_t for every step, batch-major (B, T, H) like {@link #output()}
     * @return ∂L/∂z of every step, time-major (T·B, 4H): the gradient of both the input side p
     *         and the recurrent pre-activation h_{t−1}·W_h
     * @throws IllegalArgumentException if the gradient's shape is not the output's
     */
    public Tensor backward(Tensor outputGrad) {
      Shape expected = Shape.of(batch, time, units);
      if (!outputGrad.shape().equals(expected)) {
        throw new IllegalArgumentException("LstmRecurrence backward expects a gradient of the output's shape "
            + expected + ", got " + outputGrad.shape());
      }
      double[] dz = new double[time * batch * 4 * units];
      Gemm.Packed wT = time > 1 ? Gemm.pack(4 * units, units, recurrentWeight.data(), 0, true) : null;
      Blocks blocks = Blocks.of(batch, time, units);
      blocks.run(block -> backwardBlock(outputGrad.data(), wT, dz, blocks.from(block), blocks.to(block)));
      return Tensor.wrap(Shape.of(time * batch, 4 * units), dz);
    }

    /** Every step, last to first, for sequences [b0, b1). */
    private void backwardBlock(double[] gamma, Gemm.Packed wT, double[] dz, int b0, int b1) {
      LstmGates kernel = LstmGates.get();
      int width = 4 * units;
      int step = batch * units;
      int rows = b1 - b0;
      double[] dh = new double[rows * units];
      double[] dc = new double[rows * units];
      for (int t = time - 1; t >= 0; t--) {
        int zOff = (t * batch + b0) * width;
        for (int b = b0; b < b1; b++) {
          int s = (b - b0) * units;
          int g = (b * time + t) * units;
          for (int j = 0; j < units; j++) {
            dh[s + j] = dh[s + j] + gamma[g + j];
          }
          int k = t * step + b * units;
          kernel.backward(units, gates, zOff + (b - b0) * width, tanhCells, k, cells, k, dh, s, dc, s, dz,
              zOff + (b - b0) * width);
        }
        if (t > 0) {
          Gemm.multiply(rows, dz, zOff, false, wT, dh, 0);
        }
      }
    }
  }

  /**
   * One step ({@link #step}): its activations, c_t and h_t, and its backward. Immutable: the
   * buffers it holds are written once, by its constructor.
   */
  public static final class Step {
    private final int batch;
    private final int units;
    /** [i, f, g, o], (B, 4H). */
    private final double[] gates;
    /** c_{t−1}, (B, H). */
    private final double[] previousCell;
    private final double[] cell;
    private final double[] tanhCell;
    private final double[] hidden;

    /** {@code gates} holds p on entry and is owned by the step from now on. */
    private Step(double[] gates, double[] recurrent, double[] previousCell, int batch, int units) {
      this.batch = batch;
      this.units = units;
      this.gates = gates;
      this.previousCell = previousCell;
      cell = new double[batch * units];
      tanhCell = new double[batch * units];
      hidden = new double[batch * units];
      LstmGates kernel = LstmGates.get();
      for (int b = 0; b < batch; b++) {
        kernel.forward(units, gates, b * 4 * units, recurrent, b * 4 * units, previousCell, b * units, cell,
            b * units, tanhCell, b * units, hidden, b * units);
      }
    }

    /** {@return h_t, (B, H)} */
    public Tensor hidden() {
      return Tensor.wrap(Shape.of(batch, units), hidden);
    }

    /** {@return c_t, (B, H)} */
    public Tensor cell() {
      return Tensor.wrap(Shape.of(batch, units), cell);
    }

    /**
     * The step's backward.
     *
     * @param hiddenGrad ∂L/∂h_t, (B, H): the upstream gradient plus the one from step t+1
     * @param cellGrad   ∂L/∂c_t, (B, H)
     * @return ∂L/∂z (B, 4H) and ∂L/∂c_{t−1} (B, H)
     * @throws IllegalArgumentException if a gradient is not (B, H)
     */
    public StepGradient backward(Tensor hiddenGrad, Tensor cellGrad) {
      Shape expected = Shape.of(batch, units);
      if (!hiddenGrad.shape().equals(expected) || !cellGrad.shape().equals(expected)) {
        throw new IllegalArgumentException("LstmRecurrence step backward expects gradients " + expected + ", got "
            + hiddenGrad.shape() + " and " + cellGrad.shape());
      }
      double[] dz = new double[batch * 4 * units];
      double[] dc = cellGrad.data().clone();
      LstmGates kernel = LstmGates.get();
      for (int b = 0; b < batch; b++) {
        kernel.backward(units, gates, b * 4 * units, tanhCell, b * units, previousCell, b * units,
            hiddenGrad.data(), b * units, dc, b * units, dz, b * 4 * units);
      }
      return new StepGradient(Tensor.wrap(Shape.of(batch, 4 * units), dz), Tensor.wrap(expected, dc));
    }
  }

  /**
   * The gradients of one step.
   *
   * @param gates ∂L/∂z, (B, 4H)
   * @param cell  ∂L/∂c_{t−1}, (B, H)
   */
  public record StepGradient(Tensor gates, Tensor cell) {}

  /** The batch cut into {@code count} blocks of {@code size} rows (the last may be shorter). */
  private record Blocks(int batch, int size, int count) {

    /** One block per thread, of at least {@link #MIN_BLOCK_ROWS} rows, for a large enough pass. */
    static Blocks of(int batch, int time, int units) {
      int threads = Parallel.threads();
      long flops = 2L * time * batch * units * 4 * units;
      int count = flops < PARALLEL_MIN_FLOPS ? 1 : Math.max(1, Math.min(threads, batch / MIN_BLOCK_ROWS));
      int size = (batch + count - 1) / count;
      return new Blocks(batch, size, (batch + size - 1) / size);
    }

    int from(int block) {
      return block * size;
    }

    int to(int block) {
      return Math.min(batch, (block + 1) * size);
    }

    /** Runs every block on up to {@code purenet.threads} threads ({@link Parallel}). */
    void run(IntConsumer body) {
      Parallel.run(count, Parallel.threads(), body);
    }
  }
}
