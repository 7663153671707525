package purenet.net;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import purenet.layer.Backward;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * A layer applied to every time step of a sequence with the same parameters: y[b, t] = f(x[b, t]).
 * Itself a {@link Layer}; the output layer on the hidden states h_t of a recurrent layer.
 *
 * <p>Shapes: input (batch, time, ...) of rank ≥ 3 is reshaped (no copy) to (batch·time, ...), f
 * runs on that batch of B·T examples, and its output (batch·time, ...) is reshaped to
 * (batch, time, ...). Backward does the same with the gradients (and passes
 * {@link Backward#paramsOnly} on to f), so ∂L/∂θ = Σ_{b,t} ∂L/∂θ of step
 * (b, t) — f's own parameter gradient for the batch of all steps. A batch-coupled f (batch norm) sees
 * every step of every sequence as one batch.
 *
 * <p>Parameters and state are f's, nested under the name {@code "inner"} (e.g. {@code
 * "inner/weight"}), as for {@link Residual}; f runs in {@code mode.child(0)}; its {@code next} layer
 * and penalty are passed on.
 *
 * @param inner the per-step layer f, taking (examples, ...) inputs
 */
public record TimeDistributed(Layer inner) implements Layer {

  /** The name of f in {@link #children()} and in the parameter and state trees. */
  public static final String INNER = "inner";

  /**
   * Rejects a missing layer.
   *
   * @param inner the per-step layer f, taking (examples, ...) inputs
   */
  public TimeDistributed {
    if (inner == null) {
      throw new IllegalArgumentException("TimeDistributed needs an inner layer, got null");
    }
  }

  /**
   * {@return f applied to every time step}
   *
   * @param inner the per-step layer f, taking (examples, ...) inputs
   */
  public static TimeDistributed of(Layer inner) {
    return new TimeDistributed(inner);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    if (x.rank() < 3) {
      throw new IllegalArgumentException(mismatch(x.shape()));
    }
    int batch = x.dim(0);
    int time = x.dim(1);
    Forward f = inner.forward(x.reshape(merged(x.shape())), mode.child(0));
    Tensor out = f.output();
    if (out.rank() < 1 || out.dim(0) != batch * time) {
      throw new IllegalArgumentException(lostSteps(x.shape(), out.shape()));
    }
    Shape split = split(out.shape(), batch, time);
    return new Forward(out.reshape(split), Backward.of(g -> {
      Grads inside = f.backward().apply(g.reshape(out.shape()));
      return new Grads(inside.input().reshape(x.shape()), nest(inside.params()));
    }, g -> nest(f.backward().paramsOnly(g.reshape(out.shape())))),
        f.next() == inner ? this : new TimeDistributed(f.next()), f.penalty());
  }

  /**
   * (batch, time, ...) from f's check on (batch·time, ...), with f's problems prefixed
   * {@code "inner (Name): "}; checked without computing if f's check is.
   */
  @Override
  public ShapeCheck check(Shape input) {
    if (input.rank() < 3) {
      ShapeCheck c = inner.check(input);
      return new ShapeCheck(c.output(), Vector.of(mismatch(input)), LinkedHashMap.of(INNER, c));
    }
    int batch = input.dim(0);
    int time = input.dim(1);
    ShapeCheck c = inner.check(merged(input));
    String where = INNER + " (" + inner.name() + "): ";
    Vector<String> problems = c.problems().map(where::concat);
    Shape out = c.output();
    if (out.rank() < 1 || out.dim(0) != batch * time) {
      return new ShapeCheck(out, problems.append(lostSteps(input, out)), LinkedHashMap.of(INNER, c));
    }
    return new ShapeCheck(split(out, batch, time), problems, LinkedHashMap.of(INNER, c));
  }

  /** (B, T, d…) → (B·T, d…). */
  private static Shape merged(Shape input) {
    int[] d = input.without(0).dims();
    d[0] = input.dim(0) * input.dim(1);
    return Shape.of(d);
  }

  /** (B·T, e…) → (B, T, e…). */
  private static Shape split(Shape output, int batch, int time) {
    int[] e = output.dims();
    int[] d = new int[e.length + 1];
    d[0] = batch;
    d[1] = time;
    System.arraycopy(e, 1, d, 2, e.length - 1);
    return Shape.of(d);
  }

  private String mismatch(Shape input) {
    return "TimeDistributed(" + inner.name() + ") expects input (batch, time, ...) of rank >= 3, got " + input;
  }

  private String lostSteps(Shape input, Shape output) {
    return "TimeDistributed needs its inner " + inner.name() + " to keep the " + input.dim(0) * input.dim(1)
        + " examples of input " + input + " (batch·time), but it outputs " + output;
  }

  private static Tree nest(Tree tree) {
    return Tree.empty().with(INNER, tree);
  }
}
