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
import purenet.layer.Inline;

/**
 * Branches applied to the same input, their outputs merged: y = merge(f₁(x), …, fₙ(x)), as in an
 * Inception block (Szegedy et al. 2015, "Going Deeper with Convolutions") with {@link Merge#CONCAT}
 * or a multi-branch sum with {@link Merge#SUM}. Itself a {@link Layer}.
 *
 * <p>Shapes: every branch takes the input's shape; the outputs must fit the merge (equal for SUM;
 * equal except in the last axis for CONCAT). Backward: the merge's adjoint hands branch i its share
 * gᵢ of the output gradient (g itself for SUM, its slice of the last axis for CONCAT), and since x
 * feeds every branch, ∂L/∂x = Σᵢ Jfᵢᵀ·gᵢ.
 *
 * <p>Parameters and state are nodes named by branch index ({@code "0/weight"}, {@code
 * "1/0/bias"}), as in {@link Sequential}. Branch i runs in {@code mode.child(i)}, so stochastic
 * branches draw independent randomness; their {@code next} layers and penalties are passed on (the
 * penalties added up).
 *
 * @param branches the branches, at least one; for CONCAT their outputs appear in this order
 * @param merge    how the branch outputs are combined
 */
public record Parallel(@Inline Vector<Layer> branches, Merge merge) implements Layer {

  /**
   * Rejects an empty branch list or a missing merge.
   *
   * @param branches the branches, at least one; for CONCAT their outputs appear in this order
   * @param merge how the branch outputs are combined
   */
  public Parallel {
    if (branches == null || branches.isEmpty()) {
      throw new IllegalArgumentException("Parallel needs at least one branch, got " + branches);
    }
    if (merge == null) {
      throw new IllegalArgumentException("Parallel needs a merge (SUM or CONCAT), got null");
    }
  }

  /**
   * {@return the branches, merged by {@code merge}}
   *
   * @param merge how the branch outputs are combined
   * @param branches the branches, at least one; for CONCAT their outputs appear in this order
   */
  public static Parallel of(Merge merge, Layer... branches) {
    return new Parallel(Vector.of(branches), merge);
  }

  /**
   * {@return y = Σᵢ fᵢ(x)}
   *
   * @param branches the branches, at least one; for CONCAT their outputs appear in this order
   */
  public static Parallel sum(Layer... branches) {
    return of(Merge.SUM, branches);
  }

  /**
   * {@return y = [f₁(x) | … | fₙ(x)] along the last axis}
   *
   * @param branches the branches, at least one; for CONCAT their outputs appear in this order
   */
  public static Parallel concat(Layer... branches) {
    return of(Merge.CONCAT, branches);
  }

  /**
   * Runs every branch on {@code x} and merges the outputs.
   *
   * @throws IllegalArgumentException if the branch outputs do not fit the merge, naming the shapes
   */
  @Override
  public Forward forward(Tensor x, Mode mode) {
    Vector<Forward> passes = branches.zipWithIndex().map(p -> p._1.forward(x, mode.child(p._2)));
    Vector<Shape> shapes = passes.map(f -> f.output().shape());
    Vector<String> problems = mergeProblems(shapes);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.mkString("; "));
    }
    Vector<Layer> next = passes.map(Forward::next);
    boolean same = next.zip(branches).forAll(p -> p._1 == p._2);
    double penalty = passes.map(Forward::penalty).sum().doubleValue();
    return new Forward(merge.merge(passes.map(Forward::output)), g -> {
      Vector<Tensor> shares = merge.split(g, shapes);
      Vector<Grads> grads = passes.zip(shares).map(p -> p._1.backward().apply(p._2));
      Tensor input = grads.head().input();
      for (Grads gi : grads.tail()) {
        input = input.add(gi.input());
      }
      return new Grads(input, Sequential.byPosition(grads.map(Grads::params)));
    }, same ? this : new Parallel(next, merge), penalty);
  }

  /**
   * Checks every branch on the input shape (problems prefixed {@code "branch i (Name): "}), then
   * whether the branch outputs fit the merge, naming both shapes when they do not.
   */
  @Override
  public ShapeCheck check(Shape input) {
    Vector<String> problems = Vector.empty();
    LinkedHashMap<String, ShapeCheck> checks = LinkedHashMap.empty();
    for (int i = 0; i < branches.size(); i++) {
      ShapeCheck c = branches.get(i).check(input);
      String where = label(i) + ": ";
      problems = problems.appendAll(c.problems().map(where::concat));
      checks = checks.put(String.valueOf(i), c);
    }
    Vector<Shape> shapes = checks.values().map(ShapeCheck::output).toVector();
    return new ShapeCheck(merge.output(shapes), problems.appendAll(mergeProblems(shapes)), checks);
  }

  /** Every branch output that does not fit the merge, compared with branch 0's. */
  private Vector<String> mergeProblems(Vector<Shape> shapes) {
    Vector<String> problems = Vector.empty();
    String prefix = "Parallel " + merge + " needs branch outputs of " + merge.requirement() + ", got ";
    boolean scalarHead = merge == Merge.CONCAT && shapes.head().rank() == 0;
    for (int i = 0; i < shapes.size(); i++) {
      if (merge == Merge.CONCAT && shapes.get(i).rank() == 0) {
        problems = problems.append(prefix + "a scalar " + shapes.get(i) + " from " + label(i));
      } else if (i > 0 && !scalarHead && !merge.compatible(shapes.head(), shapes.get(i))) {
        problems = problems.append(prefix + shapes.head() + " from " + label(0) + " and "
            + shapes.get(i) + " from " + label(i));
      }
    }
    return problems;
  }

  private String label(int i) {
    return "branch " + i + " (" + branches.get(i).name() + ")";
  }
}
