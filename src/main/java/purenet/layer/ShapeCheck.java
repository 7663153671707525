package purenet.layer;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import purenet.tensor.Shape;

/**
 * What a layer would output for an input shape, and every problem found on the way.
 *
 * <p>A layer that finds a mismatch still reports the output shape it would produce (a Dense layer
 * always outputs (batch, units)) so that a network can go on checking its later layers and report
 * every mismatch at once.
 *
 * @param output   the output shape
 * @param problems messages naming the layer and both shapes; empty when the input fits. A
 *                 combinator's list holds its children's problems too, each prefixed with where it
 *                 arose (e.g. {@code "layer 2 (Dense): Dense expects input (batch, 10), got (32, 12)"})
 * @param children the checks of the layers this one is built from, under the names of
 *                 {@link Layer#children()}; empty for a layer that wraps no other
 */
public record ShapeCheck(Shape output, Vector<String> problems, LinkedHashMap<String, ShapeCheck> children) {

  /**
   * Rejects nulls.
   *
   * @param output the output shape
   * @param problems messages naming the layer and both shapes; empty when the input fits. A combinator's list holds its children's problems too, each prefixed with where it arose (e.g. {@code "layer 2 (Dense): Dense expects input (batch, 10), got (32, 12)"})
   * @param children the checks of the layers this one is built from, under the names of {@link Layer#children()}; empty for a layer that wraps no other
   */
  public ShapeCheck {
    if (output == null || problems == null || children == null) {
      throw new IllegalArgumentException("ShapeCheck needs an output, problems and children, got null");
    }
  }

  /**
   * The check of a layer that wraps no other.
   *
   * @param output the output shape
   * @param problems messages naming the layer and both shapes; empty when the input fits. A combinator's list holds its children's problems too, each prefixed with where it arose (e.g. {@code "layer 2 (Dense): Dense expects input (batch, 10), got (32, 12)"})
   */
  public ShapeCheck(Shape output, Vector<String> problems) {
    this(output, problems, LinkedHashMap.empty());
  }

  /**
   * {@return an input that fits, giving {@code output}}
   *
   * @param output the output shape
   */
  public static ShapeCheck ok(Shape output) {
    return new ShapeCheck(output, Vector.empty());
  }

  /**
   * {@return a mismatch: the problem, and the output the layer would still produce}
   *
   * @param output the output shape the layer would produce anyway, if known
   * @param problem what is wrong, in words
   */
  public static ShapeCheck problem(Shape output, String problem) {
    return new ShapeCheck(output, Vector.of(problem));
  }

  /** {@return whether there are no problems} */
  public boolean fits() {
    return problems.isEmpty();
  }
}
