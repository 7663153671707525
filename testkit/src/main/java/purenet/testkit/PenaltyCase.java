package purenet.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.regularize.Regularizer;
import purenet.tensor.Tensor;

/**
 * One instance of the penalty contract: a penalty and the weights to check it at.
 *
 * @param name        the penalty's name in failure reports
 * @param regularizer the penalty
 * @param weights     a point away from the penalty's kinks
 */
public record PenaltyCase(String name, Regularizer regularizer, Tensor weights) {

  /** Rejects missing parts. */
  public PenaltyCase {
    if (name == null || regularizer == null || weights == null) {
      throw new IllegalArgumentException("a penalty case needs a name, a regularizer and weights, got "
          + name + ", " + regularizer + ", " + weights);
    }
  }

  /**
   * Cases of one penalty family at generated weight matrices (up to 8×8, every |w| in [0.1, 2]).
   *
   * @param name        the penalty's name
   * @param regularizer the penalties, e.g. {@code values(0, 1).map(Orthogonality::new)}
   * @return the cases
   */
  public static Arbitrary<PenaltyCase> of(String name, Arbitrary<? extends Regularizer> regularizer) {
    Arbitrary<Tensor> weights = TensorArbitraries.matrixShapes().flatMap(s -> TensorArbitraries.awayFromZero(s, 0.1, 2));
    return Combinators.combine(regularizer, weights).as((r, w) -> new PenaltyCase(name, r, w));
  }

  @Override
  public String toString() {
    return name + " at " + weights;
  }
}
