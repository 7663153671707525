package purenet.regularize;

import io.vavr.collection.Vector;
import purenet.tensor.Tensor;

/**
 * Min-max-norm constraint: every unit's norm is brought into [min, max],
 * w_unit ← w_unit·clip(‖w_unit‖, min, max)/‖w_unit‖ (the projection onto the spherical shell).
 * A unit of norm 0 has no direction and stays 0.
 *
 * <p>Units as in {@link MaxNorm}: default axes {0}, a column of a dense (in, out) weight.
 *
 * @param min  the least norm, &ge; 0
 * @param max  the greatest norm, &gt; 0 and &ge; min
 * @param axes the axes each unit's norm runs over
 */
public record MinMaxNorm(double min, double max, Vector<Integer> axes) implements Constraint {

  /**
   * Rejects negative bounds, max &le; 0, min &gt; max and bad axes.
   *
   * @param min the least norm, &ge; 0
   * @param max the greatest norm, &gt; 0 and &ge; min
   * @param axes the axes each unit's norm runs over
   */
  public MinMaxNorm {
    Hyper.nonNegative("MinMaxNorm min", min);
    Hyper.positive("MinMaxNorm max", max);
    if (min > max) {
      throw new IllegalArgumentException("MinMaxNorm needs min <= max, got min " + min + " and max " + max);
    }
    UnitNorms.requireAxes("MinMaxNorm", axes);
  }

  /**
   * {@return norms in [min, max] per column of a dense (in, out) weight}
   *
   * @param min the least norm, &ge; 0
   * @param max the greatest norm, &gt; 0 and &ge; min
   */
  public static MinMaxNorm of(double min, double max) {
    return new MinMaxNorm(min, max, Vector.of(0));
  }

  /**
   * {@return norms in [min, max] per unit, norms over the given axes}
   *
   * @param min the least norm, &ge; 0
   * @param max the greatest norm, &gt; 0 and &ge; min
   * @param axes the axes each unit's norm runs over
   */
  public static MinMaxNorm of(double min, double max, Integer... axes) {
    return new MinMaxNorm(min, max, Vector.of(axes));
  }

  @Override
  public Tensor apply(Tensor w) {
    return UnitNorms.rescale("MinMaxNorm", w, axes, n -> {
      if (n > max) {
        return max / n;
      }
      return n < min && n > 0 ? min / n : 1.0;
    });
  }
}
