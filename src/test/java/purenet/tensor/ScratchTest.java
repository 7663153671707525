package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Scratch arrays are reused per thread and slot, grown on demand, and never kept when huge. */
class ScratchTest {

  @Test
  void anArrayIsReusedByItsSlotAndGrownWhenTooSmall() {
    double[] a = Scratch.get(Scratch.Slot.PRODUCT, 10);
    assertTrue(a.length >= 10);
    assertSame(a, Scratch.get(Scratch.Slot.PRODUCT, a.length));
    assertNotSame(a, Scratch.get(Scratch.Slot.PATCHES, 10), "each slot has its own array");
    double[] b = Scratch.get(Scratch.Slot.PRODUCT, a.length + 1);
    assertTrue(b.length >= a.length + 1);
    assertSame(b, Scratch.get(Scratch.Slot.PRODUCT, 1));
  }

  @Test
  void aHugeRequestGetsAFreshArrayThatIsNotKept() {
    double[] kept = Scratch.get(Scratch.Slot.PATCHES, 16);
    double[] huge = Scratch.get(Scratch.Slot.PATCHES, Scratch.KEPT_ELEMENTS + 1);
    assertTrue(huge.length == Scratch.KEPT_ELEMENTS + 1);
    assertSame(kept, Scratch.get(Scratch.Slot.PATCHES, 16), "the slot still holds its small array");
    assertNotSame(huge, Scratch.get(Scratch.Slot.PATCHES, Scratch.KEPT_ELEMENTS + 1));
  }
}
