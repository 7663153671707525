package purenet.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.check.GradientCheck;
import purenet.check.LayerLaws;
import purenet.check.PenaltyLaws;

/**
 * The contract every {@link purenet.regularize.Regularizer} must satisfy, as jqwik properties a test
 * class inherits: the laws of {@link PenaltyLaws} over 200 generated cases each.
 *
 * <pre>{@code
 * class OrthogonalityTest implements PenaltyContract {
 *   public Arbitrary<PenaltyCase> penaltyCases() {
 *     return PenaltyCase.of("orthogonality", TensorArbitraries.values(0.01, 1).map(Orthogonality::new));
 *   }
 * }
 * }</pre>
 */
public interface PenaltyContract {

  /**
   * The cases to check.
   *
   * @return penalties with weights away from their kinks
   */
  @Provide
  Arbitrary<PenaltyCase> penaltyCases();

  /**
   * The largest relative gradient error allowed (see {@link GradientCheck}).
   *
   * @return 1e-6 by default
   */
  default double gradientTolerance() {
    return LayerLaws.DEFAULT_TOLERANCE;
  }

  /**
   * The laws with this contract's tolerance.
   *
   * @return the laws
   */
  default PenaltyLaws laws() {
    return new PenaltyLaws(GradientCheck.standard(), gradientTolerance());
  }

  /**
   * The gradient equals central differences of the value.
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void penaltyGradientMatchesFiniteDifferences(@ForAll("penaltyCases") PenaltyCase c) {
    laws().gradient(c.name(), c.regularizer(), c.weights()).assertHolds();
  }

  /**
   * The penalty is a pure function of the weights, with a gradient of their shape.
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void penaltyIsPure(@ForAll("penaltyCases") PenaltyCase c) {
    laws().purity(c.name(), c.regularizer(), c.weights()).assertHolds();
  }
}
