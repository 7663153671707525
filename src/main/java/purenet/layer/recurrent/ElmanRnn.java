package purenet.layer.recurrent;

import io.vavr.collection.Vector;
import purenet.init.Glorot;
import purenet.init.Initializer;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The Elman recurrent cell (Elman 1990, "Finding structure in time"):
 * h_t = tanh(x_t·W_x + h_{t−1}·W_h + b). Run it over a sequence with {@link Scan}.
 *
 * <p>Shapes: x_t (B, F), h (B, H); W_x (F, H), W_h (H, H), b (H). State: {@code hidden}.
 * Backward of a step, with ∂L/∂h_t = γ: ∂L/∂a = γ ⊙ (1 − h_t²) for a = x_t·W_x + h_{t−1}·W_h + b,
 * ∂L/∂h_{t−1} = ∂L/∂a·W_hᵀ; over all steps ∂L/∂W_x = Σ x_tᵀ·∂L/∂a_t, ∂L/∂W_h = Σ h_{t−1}ᵀ·∂L/∂a_t,
 * ∂L/∂b = Σ ∂L/∂a_t and ∂L/∂x_t = ∂L/∂a_t·W_xᵀ.
 *
 * <p>PyTorch ({@code torch.nn.RNN(F, H, nonlinearity='tanh', batch_first=True)}):
 * {@code inputWeight} = {@code weight_ih_l0}ᵀ, {@code recurrentWeight} = {@code weight_hh_l0}ᵀ,
 * {@code bias} = {@code bias_ih_l0 + bias_hh_l0} (PyTorch's two biases only ever appear summed;
 * going back, put b in {@code bias_ih_l0} and zeros in {@code bias_hh_l0}).
 *
 * @param inputWeight     W_x, (F, H)
 * @param recurrentWeight W_h, (H, H)
 * @param bias            b, (H)
 */
public record ElmanRnn(Tensor inputWeight, Tensor recurrentWeight, Tensor bias) implements AffineCell {

  /**
   * Validates that the shapes fit one another.
   *
   * @param inputWeight W_x, (F, H)
   * @param recurrentWeight W_h, (H, H)
   * @param bias b, (H)
   */
  public ElmanRnn {
    Sequences.requireCell("ElmanRnn", 1, inputWeight, recurrentWeight, bias);
  }

  /**
   * A cell with Glorot-uniform input and recurrent weights and a zero bias.
   *
   * @param features F
   * @param hidden   H
   * @param key      the key of the weights
   * @return the cell
   */
  public static ElmanRnn of(int features, int hidden, Key key) {
    return of(features, hidden, Glorot.uniform(), key);
  }

  /**
   * A cell with [W_x; W_h] drawn from {@code init} as one (F + H, H) block with fanIn = F + H and
   * fanOut = H, and a zero bias.
   *
   * @param features F
   * @param hidden   H
   * @param init     the initializer of the weights
   * @param key      the key of the weights
   * @return the cell
   * @throws IllegalArgumentException if {@code features < 1} or {@code hidden < 1}
   */
  public static ElmanRnn of(int features, int hidden, Initializer init, Key key) {
    Tensor w = Sequences.inputAndRecurrentRows("ElmanRnn", features, hidden, hidden, init, key);
    return new ElmanRnn(w.slice(0, features), w.slice(features, features + hidden), Tensor.zeros(hidden));
  }

  @Override
  public Vector<String> stateNames() {
    return Vector.of("hidden");
  }

  @Override
  public CellStep step(Tensor projected, Vector<Tensor> state) {
    Tensor h = projected.add(state.head().matmul(recurrentWeight)).map(Math::tanh);
    return new CellStep(Vector.of(h), (ds, previous) -> {
      Tensor da = ds.head().zipWith(h, (d, y) -> d * (1 - y * y));
      return new CellStep.StepGrads(da, da, previous ? Vector.of(da.matmulTransposed(recurrentWeight)) : Vector.empty());
    });
  }

  @Override
  public ElmanRnn withParams(Tree params) {
    params().requireSameStructure(params, "ElmanRnn.withParams");
    return new ElmanRnn(params.tensor("inputWeight"), params.tensor("recurrentWeight"), params.tensor("bias"));
  }
}
