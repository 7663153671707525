package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void meanSampleSdAndPairedWins() {
    Seeds a = new Seeds(Vector.of(0.90, 0.92, 0.94));
    Seeds b = new Seeds(Vector.of(0.91, 0.92, 0.93));
    assertEquals(0.92, a.mean(), 1e-15);
    // Deviations −0.02, 0, 0.02: (0.0004 + 0.0004)/2 = 0.0004, sd 0.02.
    assertEquals(0.02, a.sd(), 1e-15);
    assertEquals(1, a.wins(b), "only the third seed is strictly above; a tie is no win");
    assertEquals(1, b.wins(a));
    assertEquals(0, new Seeds(Vector.of(0.5)).sd());
    assertEquals(Vector.of(2.0, 4.0), Seeds.of(Vector.of("ab", "abcd"), String::length).values());
    assertThrows(IllegalArgumentException.class, () -> new Seeds(Vector.empty()));
  }
}
