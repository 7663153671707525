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
 * A layer held fixed: the transferred part of a network whose learning rate is 0 (Maier et al., FAU Deep
 * Learning lecture "Regularization", 2023, "the extracted parts can be fixed by setting η = 0"). Itself
 * a {@link Layer}; y = f(x) with f's parameters θ treated as constants.
 *
 * <p>Backward: ∂L/∂x = Jfᵀ·g, as for f itself, so layers before a frozen one still learn; ∂L/∂θ
 * is reported as exactly zero (a tree of zeros of θ's structure). {@link Backward#paramsOnly}
 * returns those zeros without running f's backward pass at all, so a frozen trunk at the start of
 * a {@link Sequential} costs only its forward pass in a training step.
 *
 * <p>f always runs as at inference: a training mode becomes {@code Mode.eval()} (no dropout,
 * batch-norm running statistics used and never updated, as Keras does for a frozen batch norm),
 * a stochastic-inference mode ({@link Mode.Sample}) is passed on as {@code mode.child(0)}, and
 * {@link Forward#next()} is always this layer: neither parameters nor state ever change. The
 * frozen part is one fixed function of its input.
 *
 * <p>Parameters and state stay visible, nested under {@code "inner"} as for {@link Residual}
 * ({@code "inner/0/weight"}), so checkpoints save them and {@code withParams} loads them; only the
 * gradient says "do not move". With a plain gradient-following optimizer (SGD, momentum, Adam,
 * RMSprop, ...) zero gradients leave θ bit-identical. What acts on θ rather than on the gradient
 * — decoupled weight decay (AdamW's {@code AddDecayedWeights}), parameter penalties coupled into the
 * gradient and constraints after the update — does not move them either: the training step gives
 * every leaf of a Frozen layer its old value back after the update ({@code purenet.train.TrainStep}).
 *
 * <p><b>Frozen vs an optimizer mask.</b> The alternative is to leave the network as it is and end
 * the optimizer chain with {@code Optimizers.freeze(Selector.under("0"))}
 * ({@code purenet.optim.Freeze}), which zeroes the updates of the selected paths whatever came
 * before (weight decay included). Use Frozen when the part stays fixed for the whole run: its
 * parameter gradients are never computed (faster; the saving is the whole backward pass of a
 * frozen trunk at the start of the network), it runs in inference mode, and the model says what
 * is fixed. Use the mask when what is fixed changes during training (freeze, then fine-tune with
 * the same model value and paths), when only some leaves of a layer are fixed, or when batch-norm
 * statistics of the fixed part should keep adapting: the gradients are then computed and thrown
 * away.
 *
 * @param inner the layer f whose parameters are held fixed
 */
public record Frozen(Layer inner) implements Layer {

  /** The name of f in {@link #children()} and in the parameter and state trees. */
  public static final String INNER = "inner";

  /**
   * Rejects a missing layer.
   *
   * @param inner the layer f whose parameters are held fixed
   */
  public Frozen {
    if (inner == null) {
      throw new IllegalArgumentException("Frozen needs an inner layer, got null");
    }
  }

  /**
   * {@return {@code inner} with its parameters held fixed}
   *
   * @param inner the layer f whose parameters are held fixed
   */
  public static Frozen of(Layer inner) {
    return new Frozen(inner);
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Mode inference = mode instanceof Mode.Sample ? mode.child(0) : Mode.eval();
    Forward f = inner.forward(x, inference);
    return new Forward(f.output(), Backward.of(
        g -> new Grads(f.backward().apply(g).input(), params().zerosLike()),
        g -> params().zerosLike()), this, f.penalty());
  }

  /** f's output shape, with f's problems prefixed {@code "inner (Name): "}. */
  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck c = inner.check(input);
    String where = INNER + " (" + inner.name() + "): ";
    Vector<String> problems = c.problems().map(where::concat);
    return new ShapeCheck(c.output(), problems, LinkedHashMap.of(INNER, c));
  }

  private static Tree nest(Tree tree) {
    return Tree.empty().with(INNER, tree);
  }
}
