package purenet.autodiff;

import io.vavr.collection.Vector;
import purenet.tensor.Tensor;

/**
 * The result of one reverse pass: ∂L/∂vᵢ for each requested expression vᵢ, in the order requested,
 * and how many pullbacks the pass invoked.
 *
 * <p>{@code pullbacks} is the cost of the pass: each operation that lies on a path from the root to
 * a requested expression is pulled back exactly once, however many times its value is used, so the
 * count is at most the number of operations in the expression (linear time, never exponential).
 *
 * @param values    the gradients, each of its expression's shape; zeros where the root does not
 *                  depend on the expression
 * @param pullbacks the number of {@link Pullback} invocations of the pass
 */
public record Gradients(Vector<Tensor> values, int pullbacks) {

  /**
   * Rejects a null list or a negative count.
   *
   * @param values the gradients, each of its expression's shape; zeros where the root does not depend on the expression
   * @param pullbacks the number of {@link Pullback} invocations of the pass
   */
  public Gradients {
    if (values == null || pullbacks < 0) {
      throw new IllegalArgumentException("Gradients needs values and a count >= 0, got " + values + ", " + pullbacks);
    }
  }

  /**
   * The gradient of the {@code i}-th requested expression.
   *
   * @param i the position in the request
   * @return ∂L/∂vᵢ
   */
  public Tensor get(int i) {
    return values.get(i);
  }
}
