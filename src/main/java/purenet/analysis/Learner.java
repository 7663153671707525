package purenet.analysis;

import java.io.Serializable;
import java.util.function.UnaryOperator;
import purenet.data.Dataset;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * A learning algorithm as a value: it maps a training set D and a key to a predictor
 * ŷ_D = f̂(·|D), a function from inputs x (m, d) to predictions (m, k).
 *
 * <p>Everything random in training (initialisation, batch order, dropout) must be drawn from
 * {@code key}, so the same data set and key give the same predictor. The predictor must be a pure
 * function of its input.
 */
@FunctionalInterface
public interface Learner extends Serializable {

  /**
   * Trains on {@code train} and returns the trained predictor.
   *
   * @param train the training examples: features (n, d), targets (n, k)
   * @param key   the source of all randomness of training
   * @return a pure function from inputs (m, d) to predictions (m, k)
   */
  UnaryOperator<Tensor> fit(Dataset train, Key key);
}
