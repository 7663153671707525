package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Early stopping over generated validation curves (with ties and NaNs): it returns the best
 * epoch's parameters, stops exactly {@code patience} epochs after it, ignores the warm-up, and
 * treats maximisation as minimisation of the negated metric.
 */
class EarlyStoppingLaws {

  /** Validation curves of 1..30 epochs: values with two decimals (so ties occur), some NaN. */
  @Provide
  Arbitrary<List<Double>> curves() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(9, Arbitraries.doubles().between(0, 5).ofScale(2)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)))
        .list().ofMinSize(1).ofMaxSize(30);
  }

  /** The parameters "after epoch e": a leaf holding e, so results name their epoch. */
  private static Tree paramsOf(int epoch) {
    return Tree.leaf(Tensor.scalar(epoch));
  }

  /** Feeds the curve until the criterion stops or the curve ends. */
  private static EarlyStopping run(EarlyStopping criterion, List<Double> curve) {
    EarlyStopping s = criterion;
    for (int e = 1; e <= curve.size() && !s.shouldStop(); e++) {
      s = s.update(curve.get(e - 1), paramsOf(e));
    }
    return s;
  }

  @Property(tries = 200)
  void returnsTheFirstEpochWithTheSmallestMonitoredMetric(@ForAll("curves") List<Double> curve,
      @ForAll @IntRange(min = 1, max = 6) int patience, @ForAll @IntRange(min = 0, max = 3) int warmup) {
    EarlyStopping s = run(EarlyStopping.minimize(patience).withWarmup(warmup), curve);
    int seen = s.epoch();
    int bestEpoch = -1;
    double best = Double.POSITIVE_INFINITY;
    for (int e = warmup + 1; e <= seen; e++) {
      double m = curve.get(e - 1);
      if (m < best) {
        best = m;
        bestEpoch = e;
      }
    }
    EarlyStopping.Result r = s.finish(paramsOf(seen));
    if (bestEpoch < 0) {
      assertFalse(r.improved(), "never improved");
      assertEquals(paramsOf(seen), r.params(), "then the last parameters are returned");
    } else {
      assertEquals(bestEpoch, r.bestEpoch());
      assertEquals(best, r.bestMetric().get());
      assertEquals(paramsOf(bestEpoch), r.params());
      assertTrue(bestEpoch > warmup, "warm-up epochs are never chosen");
    }
  }

  @Property(tries = 200)
  void stopsExactlyPatienceEpochsAfterTheLastImprovement(@ForAll("curves") List<Double> curve,
      @ForAll @IntRange(min = 1, max = 6) int patience, @ForAll @IntRange(min = 0, max = 3) int warmup) {
    EarlyStopping criterion = EarlyStopping.minimize(patience).withWarmup(warmup);
    EarlyStopping s = criterion;
    for (int e = 1; e <= curve.size(); e++) {
      assertFalse(s.shouldStop(), "no stop before patience runs out");
      s = s.update(curve.get(e - 1), paramsOf(e));
      if (s.shouldStop()) {
        int reference = s.bestEpoch().getOrElse(warmup);
        assertEquals(patience, e - reference, "the model returned is the one stored patience epochs earlier");
        return;
      }
    }
    int reference = s.bestEpoch().getOrElse(warmup);
    assertTrue(curve.size() - reference < patience, "the curve ended before patience ran out");
  }

  @Property(tries = 200)
  void maximisingIsMinimisingTheNegation(@ForAll("curves") List<Double> curve, @ForAll @IntRange(min = 1, max = 6) int patience) {
    List<Double> negated = new ArrayList<>();
    curve.forEach(m -> negated.add(-m));
    EarlyStopping max = run(EarlyStopping.maximize(patience).withMinDelta(0.05), curve);
    EarlyStopping min = run(EarlyStopping.minimize(patience).withMinDelta(0.05), negated);
    assertEquals(min.epoch(), max.epoch());
    assertEquals(min.bestEpoch(), max.bestEpoch());
    assertEquals(min.shouldStop(), max.shouldStop());
  }

  @Property(tries = 200)
  void everyImprovementBeatsThePreviousBestByMoreThanMinDelta(@ForAll("curves") List<Double> curve,
      @ForAll @IntRange(min = 0, max = 50) int deltaHundredths) {
    double delta = deltaHundredths / 100.0;
    EarlyStopping s = EarlyStopping.minimize(1000).withMinDelta(delta);
    for (int e = 1; e <= curve.size(); e++) {
      EarlyStopping next = s.update(curve.get(e - 1), paramsOf(e));
      if (next.bestEpoch().contains(e) && s.best().isDefined()) {
        assertTrue(curve.get(e - 1) < s.best().get().metric() - delta);
      }
      if (!next.bestEpoch().contains(e)) {
        assertSame(s.best().getOrNull(), next.best().getOrNull(), "the stored best is kept as it is");
      }
      s = next;
    }
  }

  @Property(tries = 200)
  void updatingIsPure(@ForAll("curves") List<Double> curve, @ForAll @IntRange(min = 1, max = 6) int patience) {
    EarlyStopping start = EarlyStopping.minimize(patience);
    EarlyStopping a = run(start, curve);
    EarlyStopping b = run(start, curve);
    assertEquals(a, b, "same inputs, same value");
    assertEquals(EarlyStopping.minimize(patience), start, "the start value is untouched");
  }
}
