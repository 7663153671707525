package purenet.regularize;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * Norms of the units of a weight tensor and rescaling by a function of them, shared by the norm
 * constraints. A unit is a slice that varies along {@code axes} with every other index fixed: for a
 * dense weight (in, out) and axes {0}, unit j is column j, the incoming weights of output j.
 */
final class UnitNorms {
  private UnitNorms() {}

  /** Validates constraint axes at construction: non-empty, no duplicates. */
  static Vector<Integer> requireAxes(String owner, Vector<Integer> axes) {
    if (axes.isEmpty() || axes.distinct().size() != axes.size()) {
      throw new IllegalArgumentException(owner + " needs distinct norm axes, got " + axes.mkString("(", ", ", ")"));
    }
    return axes;
  }

  /**
   * w·factor(‖w_unit‖) for every unit: the norm of each unit over {@code axes} maps to a scale for
   * all its elements. {@code owner} names the constraint in the error for a bad axis.
   */
  static Tensor rescale(String owner, Tensor w, Vector<Integer> axes, DoubleUnaryOperator factor) {
    Shape shape = w.shape();
    int[] normalized = new int[axes.size()];
    for (int i = 0; i < normalized.length; i++) {
      int axis = axes.get(i);
      if (axis < -shape.rank() || axis >= shape.rank()) {
        throw new IllegalArgumentException(owner + " norm axis " + axis + " is out of range for weights " + shape);
      }
      normalized[i] = shape.axis(axis);
    }
    Arrays.sort(normalized);
    for (int i = 1; i < normalized.length; i++) {
      if (normalized[i] == normalized[i - 1]) {
        throw new IllegalArgumentException(owner + " norm axes " + axes.mkString("(", ", ", ")")
            + " name axis " + normalized[i] + " twice for weights " + shape);
      }
    }
    Tensor squares = w.square();
    Shape kept = shape;
    // Sum the highest axis first so the lower axis numbers stay valid.
    for (int i = normalized.length - 1; i >= 0; i--) {
      squares = squares.sum(normalized[i]);
      kept = kept.with(normalized[i], 1);
    }
    Tensor scale = squares.reshape(kept).map(s -> factor.applyAsDouble(Math.sqrt(s)));
    return w.mul(scale);
  }
}
