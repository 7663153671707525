package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link Tensor#relu} and {@link Tensor#reluBackward} compute, bit for bit, the textbook
 * definitions they replace on the hot path: max(x, 0) with NaN kept, and g · (x &gt; 0 ? 1 : 0).
 * Elements are drawn from all doubles and from the values where a branch-free formula could go
 * wrong (±0, the smallest subnormals, ±∞, NaNs of both signs, the largest finite values). Exact
 * equality of the bits: no tolerance.
 */
class ReluLaws {

  @Provide
  Arbitrary<Double> elements() {
    return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0xfff8000000000000L),
        Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0));
  }

  @Property(tries = 300)
  void reluIsMaxWithZeroKeepingNaN(@ForAll @Size(min = 1, max = 40) List<@From("elements") Double> xs) {
    Tensor x = tensor(xs);
    Tensor y = x.relu();
    for (int i = 0; i < xs.size(); i++) {
      double v = xs.get(i);
      double expected = v > 0 || Double.isNaN(v) ? v : 0.0;
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(y.at(i)), "relu(" + v + ")");
    }
  }

  /** (x, g) pairs: an element and its upstream gradient, both from {@link #elements}. */
  @Provide
  Arbitrary<double[]> pairs() {
    return Combinators.combine(elements(), elements()).as((x, g) -> new double[] {x, g});
  }

  @Property(tries = 300)
  void reluBackwardIsTheGradientTimesTheStep(@ForAll @Size(min = 1, max = 40) List<@From("pairs") double[]> pairs) {
    double[] x = new double[pairs.size()];
    double[] g = new double[pairs.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = pairs.get(i)[0];
      g[i] = pairs.get(i)[1];
    }
    Tensor d = Tensor.of(x, x.length).reluBackward(Tensor.of(g, g.length));
    for (int i = 0; i < x.length; i++) {
      double expected = g[i] * (x[i] > 0 ? 1.0 : 0.0);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(d.at(i)),
          "relu backward at x = " + x[i] + ", g = " + g[i]);
    }
  }

  @Property(tries = 50)
  void reluBackwardNamesBothShapesWhenTheyDiffer(@ForAll @IntRange(min = 1, max = 9) int n) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(n).reluBackward(Tensor.zeros(n + 1)));
    assertTrue(e.getMessage().contains("(" + n + ")") && e.getMessage().contains("(" + (n + 1) + ")"), e.getMessage());
  }

  private static Tensor tensor(List<Double> values) {
    double[] d = new double[values.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = values.get(i);
    }
    return Tensor.of(d, d.length);
  }
}
