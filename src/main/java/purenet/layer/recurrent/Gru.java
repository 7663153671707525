package purenet.layer.recurrent;

import io.vavr.collection.Vector;
import purenet.init.Glorot;
import purenet.init.Initializer;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The gated recurrent unit (Cho et al. 2014, "Learning phrase representations using RNN
 * encoder–decoder for statistical machine translation"), with PyTorch's placement of the reset
 * gate: it scales the recurrent linear map of the candidate, bias included. Run it over a sequence
 * with {@link Scan}. With p = x_t·W_x + b_x and a = h_{t−1}·W_h + b_h, each split into three
 * column blocks of H:
 * <pre>
 *   r_t = σ(p^r + a^r)                 reset gate
 *   z_t = σ(p^z + a^z)                 update gate
 *   n_t = tanh(p^n + r_t ⊙ a^n)        candidate
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 * </pre>
 *
 * <p>Shapes: x_t (B, F), h (B, H); W_x (F, 3H), W_h (H, 3H), b_x and b_h (3H); column blocks
 * reset r (0 … H−1), update z (H … 2H−1), candidate n (2H … 3H−1). State: {@code hidden}.
 *
 * <p>Backward of a step, with ∂L/∂h_t = γ: ∂n = γ ⊙ (1 − z); ∂p^n = ∂n ⊙ (1 − n²);
 * ∂r = ∂p^n ⊙ a^n; ∂p^r = ∂a^r = ∂r ⊙ r(1 − r); ∂p^z = ∂a^z = γ ⊙ (h_{t−1} − n) ⊙ z(1 − z);
 * ∂a^n = ∂p^n ⊙ r; ∂L/∂h_{t−1} = γ ⊙ z + ∂a·W_hᵀ. Over all steps ∂L/∂W_x = Σ x_tᵀ·∂p_t,
 * ∂L/∂b_x = Σ ∂p_t, ∂L/∂W_h = Σ h_{t−1}ᵀ·∂a_t, ∂L/∂b_h = Σ ∂a_t. A step costs one
 * (B, H)·(H, 3H) product forward and one (B, 3H)·(3H, H) backward.
 *
 * <p>PyTorch ({@code torch.nn.GRU(F, H, batch_first=True)}, same gate order r, z, n):
 * {@code inputWeight} = {@code weight_ih_l0}ᵀ, {@code recurrentWeight} = {@code weight_hh_l0}ᵀ,
 * {@code inputBias} = {@code bias_ih_l0}, {@code recurrentBias} = {@code bias_hh_l0}. The two biases
 * are not interchangeable: b_h's candidate block is scaled by r.
 *
 * @param inputWeight     W_x, (F, 3H)
 * @param recurrentWeight W_h, (H, 3H)
 * @param inputBias       b_x, (3H)
 * @param recurrentBias   b_h, (3H)
 */
public record Gru(Tensor inputWeight, Tensor recurrentWeight, Tensor inputBias, Tensor recurrentBias)
    implements Cell {

  /** Column block of the reset gate. */
  public static final int RESET = 0;
  /** Column block of the update gate. */
  public static final int UPDATE = 1;
  /** Column block of the candidate. */
  public static final int CANDIDATE = 2;

  /**
   * Validates that the shapes fit one another.
   *
   * @param inputWeight W_x, (F, 3H)
   * @param recurrentWeight W_h, (H, 3H)
   * @param inputBias b_x, (3H)
   * @param recurrentBias b_h, (3H)
   */
  public Gru {
    Sequences.requireCell("Gru", 3, inputWeight, recurrentWeight, inputBias, recurrentBias);
  }

  /**
   * A cell with Glorot-uniform weights and zero biases.
   *
   * @param features F
   * @param hidden   H
   * @param key      the key of the weights
   * @return the cell
   */
  public static Gru of(int features, int hidden, Key key) {
    return of(features, hidden, Glorot.uniform(), key);
  }

  /**
   * A cell with [W_x; W_h] drawn from {@code init} as one (F + H, 3H) block with fanIn = F + H
   * and fanOut = H, and zero biases.
   *
   * @param features F
   * @param hidden   H
   * @param init     the initializer of the weights
   * @param key      the key of the weights
   * @return the cell
   * @throws IllegalArgumentException if {@code features < 1} or {@code hidden < 1}
   */
  public static Gru of(int features, int hidden, Initializer init, Key key) {
    Tensor w = Sequences.inputAndRecurrentRows("Gru", features, hidden, 3 * hidden, init, key);
    return new Gru(w.slice(0, features), w.slice(features, features + hidden),
        Tensor.zeros(3 * hidden), Tensor.zeros(3 * hidden));
  }

  @Override
  public int features() {
    return inputWeight.dim(0);
  }

  @Override
  public int hiddenSize() {
    return recurrentWeight.dim(0);
  }

  @Override
  public Vector<String> stateNames() {
    return Vector.of("hidden");
  }

  @Override
  public Tensor project(Tensor xs) {
    return xs.matmul(inputWeight).add(inputBias);
  }

  @Override
  public CellStep step(Tensor projected, Vector<Tensor> state) {
    int batch = projected.dim(0);
    int units = hiddenSize();
    double[] p = projected.toArray();
    double[] a = state.head().matmul(recurrentWeight).add(recurrentBias).toArray();
    double[] h0 = state.head().toArray();
    double[] h = new double[batch * units];
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < units; j++) {
        int q = 3 * units * b + j;   // p becomes the activations [r, z, n] in place
        p[q] = Sequences.sigmoid(p[q] + a[q]);
        p[q + units] = Sequences.sigmoid(p[q + units] + a[q + units]);
        p[q + 2 * units] = Math.tanh(p[q + 2 * units] + p[q] * a[q + 2 * units]);
        int k = units * b + j;
        h[k] = (1 - p[q + units]) * p[q + 2 * units] + p[q + units] * h0[k];
      }
    }
    return new CellStep(Vector.of(Tensor.of(h, batch, units)), (ds, previous) -> backward(p, a, h0, ds, previous));
  }

  /** The gradients of one step from its activations [r, z, n], a = h_{t−1}·W_h + b_h and h_{t−1}. */
  private CellStep.StepGrads backward(double[] act, double[] a, double[] h0, Vector<Tensor> ds, boolean previous) {
    int units = hiddenSize();
    int batch = h0.length / units;
    double[] dh = ds.head().toArray();
    double[] dp = new double[act.length];
    double[] da = new double[act.length];
    double[] direct = new double[h0.length];
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < units; j++) {
        int q = 3 * units * b + j;
        int k = units * b + j;
        double r = act[q];
        double z = act[q + units];
        double n = act[q + 2 * units];
        double dn = dh[k] * (1 - z) * (1 - n * n);
        double dr = dn * a[q + 2 * units] * r * (1 - r);
        double dz = dh[k] * (h0[k] - n) * z * (1 - z);
        dp[q] = dr;
        dp[q + units] = dz;
        dp[q + 2 * units] = dn;
        da[q] = dr;
        da[q + units] = dz;
        da[q + 2 * units] = dn * r;
        direct[k] = dh[k] * z;
      }
    }
    Tensor dA = Tensor.of(da, batch, 3 * units);
    return new CellStep.StepGrads(Tensor.of(dp, batch, 3 * units), dA, previous
        ? Vector.of(dA.matmulTransposed(recurrentWeight).add(Tensor.of(direct, batch, units)))
        : Vector.empty());
  }

  @Override
  public Tensor inputGradient(Tensor dProjected) {
    return dProjected.matmulTransposed(inputWeight);
  }

  @Override
  public Tree paramGradients(Tensor xs, Tensor previous, Tensor dProjected, Tensor dRecurrent) {
    return Tree.empty().with("inputWeight", xs.transposedMatmul(dProjected))
        .with("recurrentWeight", previous.transposedMatmul(dRecurrent))
        .with("inputBias", dProjected.sum(0)).with("recurrentBias", dRecurrent.sum(0));
  }

  @Override
  public Tree params() {
    return Tree.empty().with("inputWeight", inputWeight).with("recurrentWeight", recurrentWeight)
        .with("inputBias", inputBias).with("recurrentBias", recurrentBias);
  }

  @Override
  public Gru withParams(Tree params) {
    params().requireSameStructure(params, "Gru.withParams");
    return new Gru(params.tensor("inputWeight"), params.tensor("recurrentWeight"), params.tensor("inputBias"),
        params.tensor("recurrentBias"));
  }
}
