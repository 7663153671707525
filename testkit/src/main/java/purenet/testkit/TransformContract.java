package purenet.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.check.TransformLaws;
import purenet.optim.GradientTransform;

/**
 * The contract every {@link GradientTransform} must satisfy, as jqwik properties a test class
 * inherits: the laws of {@link TransformLaws} over 200 generated cases each, with
 * {@link #steps()} updates per case.
 *
 * <pre>{@code
 * class LionTest implements TransformContract {
 *   public Arbitrary<TransformCase> transformCases() {
 *     return TransformCase.of("lion", TensorArbitraries.values(1e-3, 0.1).map(Lion::of));
 *   }
 * }
 * }</pre>
 */
public interface TransformContract {

  /**
   * The cases to check.
   *
   * @return transforms with parameters and gradients
   */
  @Provide
  Arbitrary<TransformCase> transformCases();

  /**
   * The number of updates each law runs.
   *
   * @return 3 by default
   */
  default int steps() {
    return 3;
  }

  /**
   * init and update are pure.
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void initAndUpdateArePure(@ForAll("transformCases") TransformCase c) {
    TransformLaws.purity(c.name(), c.transform(), c.params(), c.grads(), steps()).assertHolds();
  }

  /**
   * The state keeps init's structure; the updates have the gradients'.
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void stateKeepsItsStructure(@ForAll("transformCases") TransformCase c) {
    TransformLaws.structure(c.name(), c.transform(), c.params(), c.grads(), steps()).assertHolds();
  }

  /**
   * chain(chain(t, t), t) and chain(t, chain(t, t)) give the same updates.
   *
   * @param c the case
   */
  @Property(tries = 200)
  default void chainIsAssociative(@ForAll("transformCases") TransformCase c) {
    TransformLaws.chainIsAssociative("(" + c.name() + ", " + c.name() + ", " + c.name() + ")",
        c.transform(), c.transform(), c.transform(), c.params(), c.grads(), steps()).assertHolds();
  }
}
