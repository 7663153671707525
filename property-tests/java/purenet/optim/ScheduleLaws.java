package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import purenet.random.Key;
import purenet.tree.Tree;

/** Laws of the learning-rate schedules and of the transforms that apply them. */
class ScheduleLaws {

  @Provide
  Arbitrary<Double> rates() {
    return Arbitraries.doubles().between(-4, 0).ofScale(4).map(e -> Math.pow(10, e));
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1).ofScale(4);
  }

  @Provide
  Arbitrary<Double> factors() {
    return Arbitraries.doubles().between(0.01, 1).ofScale(4);
  }

  /** Cosine decay never rises and stays within [α·η₀, η₀]. */
  @Property(tries = 200)
  void cosineDecreasesBetweenItsBounds(@ForAll("rates") double initial, @ForAll @LongRange(min = 1, max = 1000) long steps,
      @ForAll("fractions") double floor) {
    Schedule s = new CosineDecay(initial, steps, floor);
    double previous = s.at(0);
    assertEquals(initial, previous, 1e-15 * initial);
    for (long t = 1; t <= steps + 3; t++) {
      double rate = s.at(t);
      assertTrue(rate <= previous, "rose at " + t);
      // Rounding of the cosine allows a few ulps below the floor.
      assertTrue(rate >= floor * initial * (1 - 1e-15), "below the floor at " + t);
      previous = rate;
    }
    assertEquals(floor * initial, s.at(steps), 1e-15 * initial);
  }

  /** Step and exponential decay never rise, agree at multiples of the period, and start at η₀. */
  @Property(tries = 200)
  void stepAndExponentialDecayAgreeAtPeriodBoundaries(@ForAll("rates") double initial,
      @ForAll("factors") double factor, @ForAll @LongRange(min = 1, max = 50) long every) {
    Schedule step = Schedule.stepDecay(initial, factor, every);
    Schedule exp = Schedule.exponential(initial, factor, every);
    assertEquals(initial, step.at(0), 0.0);
    assertEquals(initial, exp.at(0), 0.0);
    for (long t = 1; t <= 5 * every; t++) {
      assertTrue(step.at(t) <= step.at(t - 1) && exp.at(t) <= exp.at(t - 1), "rose at " + t);
      assertTrue(exp.at(t) <= step.at(t) * (1 + 1e-12), "exponential above step at " + t);
      if (t % every == 0) {
        // Relative 1e-12: pow with an integer exponent vs a real one that equals it.
        assertEquals(step.at(t), exp.at(t), 1e-12 * step.at(t));
      }
    }
  }

  /** Warm-up rises linearly to the wrapped schedule's first rate, then replays it shifted. */
  @Property(tries = 200)
  void warmupRisesLinearlyAndHandsOver(@ForAll("rates") double initial, @ForAll("factors") double factor,
      @ForAll @LongRange(min = 1, max = 50) long warm, @ForAll("fractions") double startFraction) {
    Schedule after = Schedule.exponential(initial, factor, 7);
    Schedule s = new Warmup(startFraction * initial, warm, after);
    for (long t = 1; t < warm; t++) {
      double slope = s.at(t) - s.at(t - 1);
      // Equal increments up to rounding, relative to the peak rate.
      assertEquals((1 - startFraction) * initial / warm, slope, 1e-12 * initial);
    }
    for (long t = warm; t < warm + 20; t++) {
      assertEquals(after.at(t - warm), s.at(t), 0.0);
    }
  }

  /** ScaleByLearningRate multiplies the t-th update by -η(t), counting its own steps. */
  @Property(tries = 200)
  void scheduledRateScalesEachStep(@ForAll("rates") double initial, @ForAll("factors") double factor,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int steps) {
    Schedule schedule = Schedule.stepDecay(initial, factor, 3).withWarmup(2);
    GradientTransform t = new ScaleByLearningRate(schedule);
    Tree params = RandomTrees.like(Tree.empty().with("w", purenet.tensor.Tensor.zeros(3, 2)), Key.of(seed));
    Tree state = t.init(params);
    for (int i = 0; i < steps; i++) {
      Tree grads = RandomTrees.like(params, Key.of(seed).foldIn(i));
      Step s = t.update(grads, state, params);
      assertEquals(grads.scale(-schedule.at(i)), s.updates());
      state = s.state();
    }
    assertEquals(steps, state.tensor("count").item(), 0.0);
  }

  /** A constant schedule is {@code Scale(-η)}, bit for bit. */
  @Property(tries = 200)
  void constantScheduleIsScale(@ForAll("rates") double rate, @ForAll long seed) {
    Tree params = RandomTrees.like(Tree.empty().with("w", purenet.tensor.Tensor.zeros(4)), Key.of(seed));
    assertEquals(TransformLaws.trajectory(new Scale(-rate), params, seed, 4),
        TransformLaws.trajectory(new ScaleByLearningRate(Schedule.constant(rate)), params, seed, 4));
  }
}
