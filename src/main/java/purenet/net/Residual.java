package purenet.net;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A residual (skip) connection around a layer: y = x + f(x) (He et al. 2016, "Deep Residual
 * Learning for Image Recognition"). Itself a {@link Layer}.
 *
 * <p>Shapes: f must map the input shape to itself; any layout. Backward: ∂L/∂x = g + Jfᵀ·g, where g
 * is ∂L/∂y and Jfᵀ·g is f's own input gradient; ∂L/∂θ is f's parameter gradient for g.
 *
 * <p>Parameters and state are f's, nested under the name {@code "inner"} (e.g. {@code
 * "inner/0/weight"}), the name {@link #children()} gives f. Nesting, rather than sharing f's paths,
 * keeps a summary row's path equal to the prefix of that layer's parameters and leaves room for a
 * projection shortcut or a learned gate beside f without renaming anything. f runs in {@code
 * mode.child(0)}, as the first child of any combinator does; its {@code next} layer and its penalty
 * are passed on.
 *
 * @param inner the residual branch f
 */
public record Residual(Layer inner) implements Layer {

  /** The name of f in {@link #children()} and in the parameter and state trees. */
  public static final String INNER = "inner";

  /**
   * Rejects a missing branch.
   *
   * @param inner the residual branch f
   */
  public Residual {
    if (inner == null) {
      throw new IllegalArgumentException("Residual needs an inner layer, got null");
    }
  }

  /**
   * {@return the residual connection around {@code inner}}
   *
   * @param inner the residual branch f
   */
  public static Residual of(Layer inner) {
    return new Residual(inner);
  }

  /**
   * y = x + f(x).
   *
   * @throws IllegalArgumentException if f's output shape differs from the input's
   */
  @Override
  public Forward forward(Tensor x, Mode mode) {
    Forward f = inner.forward(x, mode.child(0));
    if (!f.output().shape().equals(x.shape())) {
      throw new IllegalArgumentException(mismatch(x.shape(), f.output().shape()));
    }
    return new Forward(x.add(f.output()), g -> {
      Grads inside = f.backward().apply(g);
      return new Grads(g.add(inside.input()), nest(inside.params()));
    }, f.next() == inner ? this : new Residual(f.next()), f.penalty());
  }

  /**
   * The input shape, with f's problems (prefixed {@code "inner (Name): "}) and a problem if f
   * would not return the input's shape.
   */
  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck c = inner.check(input);
    String where = INNER + " (" + inner.name() + "): ";
    Vector<String> problems = c.problems().map(where::concat);
    if (!c.output().equals(input)) {
      problems = problems.append(mismatch(input, c.output()));
    }
    return new ShapeCheck(input, problems, LinkedHashMap.of(INNER, c));
  }

  private String mismatch(Shape input, Shape output) {
    return "Residual needs its inner " + inner.name() + " to keep the input shape " + input
        + ", but it outputs " + output;
  }

  private static Tree nest(Tree tree) {
    return Tree.empty().with(INNER, tree);
  }
}
