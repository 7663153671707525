package purenet.net;

import io.vavr.Tuple2;
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
import purenet.layer.Inline;

/**
 * Hard parameter sharing for multi-task learning (Caruana 1993; Ruder 2017, "An
 * Overview of Multi-Task Learning in Deep Neural Networks"): a shared trunk t whose output feeds
 * several named task heads h₁ … hₙ. Itself a {@link Layer}:
 * y = [h₁(t(x)) | … | hₙ(t(x))], the heads' outputs joined along the last axis in the order given.
 *
 * <p>Why one concatenated tensor: a Layer returns one output, so that {@link Sequential}, the
 * train step and the losses need no special case. The heads keep their names and their widths
 * d₁ … dₙ ({@link #widths}); {@code purenet.loss.MultiTaskLoss} splits the prediction by the same
 * widths and weighs each task's loss, L = Σₖ wₖ·Lₖ(yₖ, targetₖ). An auxiliary task is one more
 * head with a small weight.
 *
 * <p>Shapes: every head takes the trunk's output; head outputs must agree in every axis but the
 * last (e.g. (batch, dₖ)); the output is (batch, Σₖ dₖ). Backward: head k receives gₖ, its slice of
 * ∂L/∂y; the trunk output fed every head, so the trunk receives Σₖ Jhₖᵀ·gₖ, and
 * ∂L/∂x = Jtᵀ·Σₖ Jhₖᵀ·gₖ. {@link Backward#paramsOnly} is passed on to the trunk.
 *
 * <p>Parameters and state: the trunk's under {@code "trunk"}, head k's under its name ({@code
 * "trunk/0/weight"}, {@code "digit/weight"}); {@link #children()} uses the same names. The trunk
 * runs in {@code mode.child(0)} and head k (from 0) in {@code mode.child(k + 1)}; next layers and
 * penalties are passed on (the penalties added up).
 *
 * @param trunk the shared layers
 * @param heads the task heads by name, in output order; at least one; names non-empty, without
 *              {@code /}, and not {@code "trunk"}
 */
public record Heads(Layer trunk, @Inline LinkedHashMap<String, Layer> heads) implements Layer {

  /** The name of the shared trunk in {@link #children()} and in the parameter and state trees. */
  public static final String TRUNK = "trunk";

  /**
   * Validates the trunk and the heads' names.
   *
   * @param trunk the shared layers
   * @param heads the task heads by name, in output order; at least one; names non-empty, without {@code
   * /}, and not {@code "trunk"}
   */
  public Heads {
    if (trunk == null || heads == null || heads.isEmpty()) {
      throw new IllegalArgumentException("Heads needs a trunk and at least one head, got " + trunk + " and " + heads);
    }
    for (Tuple2<String, Layer> h : heads) {
      if (h._1 == null || h._1.isEmpty() || h._1.contains("/") || h._1.equals(TRUNK)) {
        throw new IllegalArgumentException("head names must be non-empty, without '/' and not '" + TRUNK
            + "', got '" + h._1 + "'");
      }
      if (h._2 == null) {
        throw new IllegalArgumentException("head '" + h._1 + "' is null");
      }
    }
  }

  /**
   * {@return a trunk with one head; add more with {@link #and}}
   *
   * @param trunk the shared layers
   * @param name the first head's task name
   * @param head the layer the trunk's output feeds for that task
   */
  public static Heads of(Layer trunk, String name, Layer head) {
    return new Heads(trunk, LinkedHashMap.of(name, head));
  }

  /**
   * {@return these heads and one more, whose output comes last}
   *
   * @param name the new head's task name, not yet used
   * @param head the layer the trunk's output feeds for that task
   * @throws IllegalArgumentException if a head of that name exists
   */
  public Heads and(String name, Layer head) {
    if (heads.containsKey(name)) {
      throw new IllegalArgumentException("Heads already has a head named '" + name + "', heads " + heads.keySet());
    }
    return new Heads(trunk, heads.put(name, head));
  }

  /** {@return the names of the heads, in output order} */
  public Vector<String> names() {
    return heads.keySet().toVector();
  }

  /**
   * {@return the width dₖ (last output dimension) of every head, in output order, for inputs of
   * shape {@code input}: what {@code MultiTaskLoss} must be built with}
   *
   * @param input the shape of an input batch
   * @throws IllegalArgumentException if the input does not fit, listing the problems
   */
  public LinkedHashMap<String, Integer> widths(Shape input) {
    ShapeCheck c = check(input);
    if (!c.fits()) {
      throw new IllegalArgumentException("Heads does not fit input " + input + ": " + c.problems().mkString("; "));
    }
    return heads.map((name, h) -> new Tuple2<>(name, c.children().get(name).get().output().dim(-1)));
  }

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Forward t = trunk.forward(x, mode.child(0));
    Tensor h = t.output();
    Vector<Layer> layers = heads.values().toVector();
    Vector<Forward> passes = layers.zipWithIndex().map(p -> p._1.forward(h, mode.child(p._2 + 1)));
    Vector<Shape> shapes = passes.map(f -> f.output().shape());
    Vector<String> problems = mergeProblems(shapes);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.mkString("; "));
    }
    double penalty = t.penalty() + passes.map(Forward::penalty).sum().doubleValue();
    boolean same = t.next() == trunk && passes.zip(layers).forAll(p -> p._1.next() == p._2);
    Layer next = same ? this : new Heads(t.next(), LinkedHashMap.ofEntries(
        heads.keySet().toVector().zip(passes.map(Forward::next))));
    return new Forward(Merge.CONCAT.merge(passes.map(Forward::output)), Backward.of(
        g -> {
          Vector<Grads> hg = headGrads(passes, shapes, g);
          Grads tg = t.backward().apply(trunkGrad(hg));
          return new Grads(tg.input(), tree(tg.params(), hg.map(Grads::params)));
        },
        g -> {
          Vector<Grads> hg = headGrads(passes, shapes, g);
          return tree(t.backward().paramsOnly(trunkGrad(hg)), hg.map(Grads::params));
        }), next, penalty);
  }

  private static Vector<Grads> headGrads(Vector<Forward> passes, Vector<Shape> shapes, Tensor g) {
    return passes.zip(Merge.CONCAT.split(g, shapes)).map(p -> p._1.backward().apply(p._2));
  }

  /** Σₖ Jhₖᵀ·gₖ: the trunk output fed every head. */
  private static Tensor trunkGrad(Vector<Grads> headGrads) {
    Tensor sum = headGrads.head().input();
    for (Grads gi : headGrads.tail()) {
      sum = sum.add(gi.input());
    }
    return sum;
  }

  /**
   * Checks the trunk on the input and every head on the trunk's output (problems prefixed
   * {@code "trunk (Name): "} and {@code "head digit (Name): "}), then whether the head outputs can
   * be joined along the last axis.
   */
  @Override
  public ShapeCheck check(Shape input) {
    ShapeCheck t = trunk.check(input);
    Vector<String> problems = t.problems().map((TRUNK + " (" + trunk.name() + "): ")::concat);
    LinkedHashMap<String, ShapeCheck> checks = LinkedHashMap.of(TRUNK, t);
    for (Tuple2<String, Layer> h : heads) {
      ShapeCheck c = h._2.check(t.output());
      String where = label(h._1) + ": ";
      problems = problems.appendAll(c.problems().map(where::concat));
      checks = checks.put(h._1, c);
    }
    LinkedHashMap<String, ShapeCheck> all = checks;
    Vector<Shape> shapes = names().map(name -> all.get(name).get().output());
    return new ShapeCheck(Merge.CONCAT.output(shapes), problems.appendAll(mergeProblems(shapes)), all);
  }

  /** Every head output that cannot be joined with head 0's along the last axis. */
  private Vector<String> mergeProblems(Vector<Shape> shapes) {
    Vector<String> problems = Vector.empty();
    Vector<String> names = names();
    String prefix = "Heads needs head outputs that agree except in the last axis, got ";
    for (int i = 0; i < shapes.size(); i++) {
      if (shapes.get(i).rank() == 0) {
        problems = problems.append(prefix + "a scalar " + shapes.get(i) + " from " + label(names.get(i)));
      } else if (i > 0 && shapes.head().rank() > 0 && !Merge.CONCAT.compatible(shapes.head(), shapes.get(i))) {
        problems = problems.append(prefix + shapes.head() + " from " + label(names.head()) + " and "
            + shapes.get(i) + " from " + label(names.get(i)));
      }
    }
    return problems;
  }

  private String label(String name) {
    return "head " + name + " (" + heads.get(name).get().name() + ")";
  }

  /** The trunk's tree under "trunk", then head k's under its name. */
  private Tree tree(Tree trunkTree, Vector<Tree> headTrees) {
    Tree.Node node = Tree.empty().with(TRUNK, trunkTree);
    Vector<String> names = names();
    for (int i = 0; i < names.size(); i++) {
      node = node.with(names.get(i), headTrees.get(i));
    }
    return node;
  }

}
