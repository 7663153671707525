package purenet.tensor;

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
 * No gradient flows into (h₀, c₀).
 *
 * <p>Why a kernel: per step the generic cell-by-cell path allocates a dozen (B, 4H) and (B, H)
 * tensors and packs W_h for each product. Here W_h is packed once per pass (and W_hᵀ once per
 * backward), each step is one (B, H)·(H, 4H) product into a scratch row block
 * and one fused loop over the gates, and every buffer is allocated once per call (the input side is
 * written into the gate buffer, whose entries then become the activations). The arithmetic
 * is the generic path's, operation for operation (z = p + h·W_h with the same matrix product, the
 * same expressions in the same order), so both give the same bits, on any number of threads.
 *
 * <p>Shapes: p time-major (T·B, 4H) (row t·B + b is step t of sequence b), W_h (H, 4H), h₀ and c₀
 * (B, H).
 */
public final class LstmRecurrence {
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
    return new Pass(projected.data().clone(), recurrentWeight, h0.data(), c0.data(), batch, projected.dim(0) / batch,
        units);
  }

  /**
   * Runs the forward recurrence from the inputs, computing the input side p = xs·W_x + b itself,
   * straight into the pass's gate buffer (bit for bit {@code xs.affine(inputWeight, bias)}).
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
    return new Pass(MatMul.affine(xs, inputWeight, bias).data(), recurrentWeight, h0.data(), c0.data(), batch,
        xs.dim(0) / batch, units);
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

    /** {@code gates} holds p on entry (owned by the pass from now on) and the activations on exit. */
    private Pass(double[] gates, Tensor recurrentWeight, double[] h0, double[] c0, int batch, int time, int units) {
      this.recurrentWeight = recurrentWeight;
      this.batch = batch;
      this.time = time;
      this.units = units;
      int step = batch * units;
      int width = 4 * units;
      this.gates = gates;
      double[] hw = new double[batch * width];
      cells = new double[(time + 1) * step];
      tanhCells = new double[time * step];
      previous = new double[time * step];
      last = new double[step];
      output = new double[time * step];
      System.arraycopy(c0, 0, cells, 0, step);
      System.arraycopy(h0, 0, previous, 0, step);
      Gemm.Packed w = Gemm.pack(units, width, recurrentWeight.data(), 0, false);
      for (int t = 0; t < time; t++) {
        int zOff = t * batch * width;
        double[] h = t == 0 ? h0 : previous;
        Gemm.multiply(batch, h, t == 0 ? 0 : t * step, false, w, hw, 0);
        double[] hNext = t + 1 < time ? previous : last;
        int hNextOff = t + 1 < time ? (t + 1) * step : 0;
        for (int b = 0; b < batch; b++) {
          for (int j = 0; j < units; j++) {
            int q = zOff + b * width + j;
            int r = b * width + j;
            // z = p + h·W_h, in that order, then the activations in place of p.
            double i = sigmoid(gates[q] + hw[r]);
            double f = sigmoid(gates[q + units] + hw[r + units]);
            double g = Math.tanh(gates[q + 2 * units] + hw[r + 2 * units]);
            double o = sigmoid(gates[q + 3 * units] + hw[r + 3 * units]);
            gates[q] = i;
            gates[q + units] = f;
            gates[q + 2 * units] = g;
            gates[q + 3 * units] = o;
            int k = t * step + b * units + j;
            double c = f * cells[k] + i * g;
            cells[k + step] = c;
            double tc = Math.tanh(c);
            tanhCells[k] = tc;
            double hv = o * tc;
            hNext[hNextOff + b * units + j] = hv;
            output[(b * time + t) * units + j] = hv;
          }
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
      double[] gamma = outputGrad.data();
      int step = batch * units;
      int width = 4 * units;
      double[] dz = new double[time * batch * width];
      double[] dh = new double[step];
      double[] dc = new double[step];
      Gemm.Packed wT = time > 1 ? Gemm.pack(width, units, recurrentWeight.data(), 0, true) : null;
      for (int t = time - 1; t >= 0; t--) {
        int zOff = t * batch * width;
        for (int b = 0; b < batch; b++) {
          for (int j = 0; j < units; j++) {
            int q = zOff + b * width + j;
            int s = b * units + j;
            int k = t * step + s;
            double i = gates[q];
            double f = gates[q + units];
            double g = gates[q + 2 * units];
            double o = gates[q + 3 * units];
            double tc = tanhCells[k];
            double dhv = dh[s] + gamma[(b * time + t) * units + j];
            double dcv = dc[s] + dhv * o * (1 - tc * tc);
            dz[q] = dcv * g * i * (1 - i);
            dz[q + units] = dcv * cells[k] * f * (1 - f);
            dz[q + 2 * units] = dcv * i * (1 - g * g);
            dz[q + 3 * units] = dhv * tc * o * (1 - o);
            dc[s] = dcv * f;
          }
        }
        if (t > 0) {
          Gemm.multiply(batch, dz, zOff, false, wT, dh, 0);
        }
      }
      return Tensor.wrap(Shape.of(time * batch, width), dz);
    }
  }

  /** The logistic function, computed without overflow for either sign of x. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
