package purenet.layer;

import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.testkit.TensorArbitraries.awayFromZero;
import static purenet.testkit.TensorArbitraries.modes;
import static purenet.testkit.TensorArbitraries.shapes;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** SELU: its values, its derivative against central differences, and continuity at 0. */
class SeluProperties {

  private final Selu selu = new Selu();

  @Property(tries = 200)
  void valueIsLambdaTimesXOrLambdaAlphaTimesExpMinusOne(@ForAll @DoubleRange(min = -20, max = 20) double x) {
    double expected = x > 0 ? 1.0507009873554805 * x : 1.0507009873554805 * 1.6732632423543772 * (Math.exp(x) - 1);
    // expm1 versus exp - 1: they differ by the rounding of exp near 1, below 1e-15 absolute.
    assertEquals(expected, selu.value(x), 1e-14 * (1 + Math.abs(expected)));
  }

  @Property(tries = 200)
  void derivativeEqualsCentralDifferencesAwayFromZero(@ForAll @DoubleRange(min = 0.01, max = 10) double magnitude,
      @ForAll boolean negative) {
    double x = negative ? -magnitude : magnitude;
    double h = 1e-6;
    double numeric = (selu.value(x + h) - selu.value(x - h)) / (2 * h);
    double analytic = selu.derivative(x, selu.value(x));
    // Truncation h²·f'''/6 ≤ 1e-12·λα and rounding 1e-16·|f|/h ≤ 1e-9: 1e-8 relative is ample.
    assertEquals(numeric, analytic, 1e-8 * (1 + Math.abs(analytic)));
  }

  @Property(tries = 200)
  void continuousAtZeroAndSaturatingBelow(@ForAll @DoubleRange(min = 30, max = 700) double far) {
    assertEquals(0.0, selu.value(0.0));
    assertEquals(-Selu.LAMBDA * Selu.ALPHA, selu.value(-far), 1e-12);
    assertTrue(selu.derivative(-far, selu.value(-far)) < 1e-12);
    assertEquals(Selu.LAMBDA, selu.derivative(far, selu.value(far)));
  }

  /** SELU passes the layer contract; inputs bounded away from its kink at 0 (f' jumps from λα to λ). */
  @Group
  class SeluContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(shapes(1, 3), modes())
          .flatAs((s, mode) -> awayFromZero(s, 0.05, 3).map(x -> new LayerCase(new Selu(), x, mode)));
    }
  }
}
