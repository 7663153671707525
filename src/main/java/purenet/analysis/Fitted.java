package purenet.analysis;

import java.util.function.UnaryOperator;
import purenet.data.Dataset;
import purenet.tensor.Tensor;

/**
 * One trained predictor ŷ_D together with the data set D it was trained on.
 *
 * @param data      the training set D: features (n, d), targets (n, k)
 * @param predictor ŷ_D: inputs (m, d) → predictions (m, k)
 */
public record Fitted(Dataset data, UnaryOperator<Tensor> predictor) {

  /**
   * Rejects missing parts.
   *
   * @param data the training set D: features (n, d), targets (n, k)
   * @param predictor ŷ_D: inputs (m, d) → predictions (m, k)
   */
  public Fitted {
    if (data == null || predictor == null) {
      throw new IllegalArgumentException("Fitted needs a data set and a predictor, got " + data + " and " + predictor);
    }
  }

  /**
   * The predictions ŷ_D(x).
   *
   * @param x inputs (m, d)
   * @return predictions (m, k)
   * @throws IllegalArgumentException if the predictor returns null or a tensor whose first
   *     dimension is not m
   */
  public Tensor predict(Tensor x) {
    Tensor y = predictor.apply(x);
    if (y == null || y.rank() == 0 || y.dim(0) != x.dim(0)) {
      throw new IllegalArgumentException("predictor must return one row of predictions per input row: inputs "
          + x.shape() + ", got " + (y == null ? "null" : y.shape().toString()));
    }
    return y;
  }

  /**
   * {@return the mean squared error on the training set, (1/(n·k)) Σ_i Σ_j (ŷ_D(x_i)_j − t_ij)²}
   *
   * @throws IllegalArgumentException if the predictions' shape differs from the targets'
   */
  public double trainError() {
    return meanSquaredError(data);
  }

  /**
   * {@return the mean squared error on {@code examples} (features (m, d), targets (m, k)): (1/(m·k))
   * Σ_i Σ_j (ŷ_D(x_i)_j − t_ij)²}
   *
   * @param examples features (m, d) and targets (m, k)
   * @throws IllegalArgumentException if the predictions' shape differs from the targets'
   */
  public double meanSquaredError(Dataset examples) {
    Tensor y = predict(examples.features());
    if (!y.shape().equals(examples.labels().shape())) {
      throw new IllegalArgumentException("predictions " + y.shape() + " do not match the targets "
          + examples.labels().shape());
    }
    return y.sub(examples.labels()).square().mean();
  }
}
