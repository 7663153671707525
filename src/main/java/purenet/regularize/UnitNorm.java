package purenet.regularize;

import io.vavr.collection.Vector;
import purenet.tensor.Tensor;

/**
 * Unit-norm constraint: every unit's weight vector is projected onto the sphere ‖w_unit‖₂ = 1,
 * w_unit ← w_unit/‖w_unit‖. A unit of norm 0 has no direction to keep and stays 0.
 *
 * <p>Units as in {@link MaxNorm}: default axes {0}, a column of a dense (in, out) weight.
 *
 * @param axes the axes each unit's norm runs over
 */
public record UnitNorm(Vector<Integer> axes) implements Constraint {

  /**
   * Rejects empty or repeated axes.
   *
   * @param axes the axes each unit's norm runs over
   */
  public UnitNorm {
    UnitNorms.requireAxes("UnitNorm", axes);
  }

  /** {@return unit norm per column of a dense (in, out) weight} */
  public static UnitNorm of() {
    return new UnitNorm(Vector.of(0));
  }

  /**
   * {@return unit norm per unit, norms over the given axes}
   *
   * @param axes the axes each unit's norm runs over
   */
  public static UnitNorm of(Integer... axes) {
    return new UnitNorm(Vector.of(axes));
  }

  @Override
  public Tensor apply(Tensor w) {
    return UnitNorms.rescale("UnitNorm", w, axes, n -> n > 0 ? 1.0 / n : 1.0);
  }
}
