package purenet.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import purenet.optim.GradientTransform;
import purenet.tree.Tree;

/**
 * One instance of the transform contract: a gradient transform, parameters, and the gradients
 * fed at every step.
 *
 * @param name      the transform's name in failure reports
 * @param transform the transform
 * @param params    the parameters
 * @param grads     the gradients, of the parameters' structure
 */
public record TransformCase(String name, GradientTransform transform, Tree params, Tree grads) {

  /** Rejects missing parts and gradients of another structure. */
  public TransformCase {
    if (name == null || transform == null || params == null || grads == null) {
      throw new IllegalArgumentException("a transform case needs a name, a transform, params and grads, got "
          + name + ", " + transform + ", " + params + ", " + grads);
    }
    params.requireSameStructure(grads, "TransformCase gradients");
  }

  /**
   * Cases of one transform family on generated parameter trees and gradients of their structure.
   *
   * @param name      the transform's name
   * @param transform the transforms, e.g. {@code values(1e-3, 0.1).map(Lion::of)}
   * @return the cases
   */
  public static Arbitrary<TransformCase> of(String name, Arbitrary<? extends GradientTransform> transform) {
    return Combinators.combine(transform, TreeArbitraries.trees(), TensorArbitraries.keys())
        .as((t, params, key) -> new TransformCase(name, t, params, TreeArbitraries.like(params, key)));
  }

  @Override
  public String toString() {
    return name + " on " + params.describe();
  }
}
