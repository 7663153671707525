package purenet.regularize;

import io.vavr.collection.Vector;
import purenet.tensor.Tensor;

/**
 * Max-norm constraint (Srebro et al. 2005; Srivastava et al. 2014, with dropout): every unit's
 * weight vector is projected onto the ball ‖w_unit‖₂ &le; c, i.e. w_unit ← w_unit·min(1, c/‖w_unit‖).
 *
 * <p>A unit is the slice along {@code axes} (see {@link UnitNorms}). For a {@code Dense} weight
 * (in, out) the incoming weights of output unit j are column j, so the default axes are {0};
 * for a convolution kernel (out, in, kh, kw) use axes {1, 2, 3}.
 *
 * @param maxValue c &gt; 0
 * @param axes     the axes each unit's norm runs over (negative counts from the end)
 */
public record MaxNorm(double maxValue, Vector<Integer> axes) implements Constraint {

  /**
   * Rejects c &le; 0 and empty or repeated axes.
   *
   * @param maxValue c &gt; 0
   * @param axes the axes each unit's norm runs over (negative counts from the end)
   */
  public MaxNorm {
    Hyper.positive("max-norm", maxValue);
    UnitNorms.requireAxes("MaxNorm", axes);
  }

  /**
   * {@return max-norm c per column (the incoming weights of each unit of a dense (in, out) weight)}
   *
   * @param maxValue c &gt; 0
   */
  public static MaxNorm of(double maxValue) {
    return new MaxNorm(maxValue, Vector.of(0));
  }

  /**
   * {@return max-norm c per unit, norms over the given axes}
   *
   * @param maxValue c &gt; 0
   * @param axes the axes each unit's norm runs over (negative counts from the end)
   */
  public static MaxNorm of(double maxValue, Integer... axes) {
    return new MaxNorm(maxValue, Vector.of(axes));
  }

  @Override
  public Tensor apply(Tensor w) {
    return UnitNorms.rescale("MaxNorm", w, axes, n -> n > maxValue ? maxValue / n : 1.0);
  }
}
