package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static purenet.optim.OptimizersTest.assertMessage;

import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void constantIsConstant() {
    assertEquals(0.1, Schedule.constant(0.1).at(0), 0.0);
    assertEquals(0.1, Schedule.constant(0.1).at(1_000_000), 0.0);
  }

  @Test
  void stepDecayMultipliesEveryInterval() {
    Schedule s = Schedule.stepDecay(0.8, 0.5, 10);
    assertEquals(0.8, s.at(0), 0.0);
    assertEquals(0.8, s.at(9), 0.0);
    assertEquals(0.4, s.at(10), 0.0);
    assertEquals(0.1, s.at(35), 0.0);
  }

  @Test
  void exponentialDecayIsSmooth() {
    Schedule s = Schedule.exponential(1.0, 0.5, 100);
    assertEquals(1.0, s.at(0), 0.0);
    assertEquals(0.5, s.at(100), 1e-15);
    assertEquals(Math.sqrt(0.5), s.at(50), 1e-15);
  }

  @Test
  void cosineFallsFromTheStartToTheFloor() {
    Schedule s = new CosineDecay(2.0, 100, 0.1);
    assertEquals(2.0, s.at(0), 1e-15);
    assertEquals(2.0 * (0.1 + 0.9 * 0.5), s.at(50), 1e-15);
    assertEquals(0.2, s.at(100), 1e-15);
    assertEquals(0.2, s.at(500), 1e-15);
    assertEquals(0.0, Schedule.cosine(1.0, 10).at(10), 1e-16);
  }

  @Test
  void warmupRisesLinearlyThenHandsOver() {
    Schedule s = Schedule.cosine(1.0, 100).withWarmup(10);
    assertEquals(0.0, s.at(0), 0.0);
    assertEquals(0.5, s.at(5), 1e-15);
    assertEquals(1.0, s.at(10), 1e-15);
    assertEquals(Schedule.cosine(1.0, 100).at(40), s.at(50), 0.0);
    Schedule fromStart = new Warmup(0.2, 4, Schedule.constant(1.0));
    assertEquals(0.2, fromStart.at(0), 0.0);
    assertEquals(0.6, fromStart.at(2), 1e-15);
  }

  @Test
  void scaledMultiplies() {
    assertEquals(-0.3, Schedule.constant(0.1).scaled(-3).at(7), 1e-16);
  }

  @Test
  void invalidParametersAreNamed() {
    assertMessage(() -> Schedule.constant(0), "learning rate must be > 0, got 0.0");
    assertMessage(() -> Schedule.stepDecay(0.1, 1.5, 10), "step-decay factor must be in [0, 1], got 1.5");
    assertMessage(() -> Schedule.stepDecay(0.1, 0.5, 0), "step-decay interval must be >= 1, got 0");
    assertMessage(() -> Schedule.exponential(0.1, 0.0, 10), "exponential decay rate must be > 0, got 0.0");
    assertMessage(() -> new CosineDecay(0.1, 100, 2), "cosine decay floor must be in [0, 1], got 2.0");
    assertMessage(() -> Schedule.constant(0.1).withWarmup(0), "warm-up steps must be >= 1, got 0");
  }
}
