package purenet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class ClippingTest {

  private static Tree grads(double... values) {
    return Tree.empty().with("weight", Tensor.vector(values));
  }

  private static Tree apply(GradientTransform t, Tree state, Tree g) {
    return t.update(g, state, g).updates();
  }

  @Test
  void globalNormClippingOfAKnownGradient() {
    // ‖(3, 4)‖ = 5: c = 1 gives (0.6, 0.8); c = 10 leaves it.
    ClipByGlobalNorm clip = new ClipByGlobalNorm(1);
    assertTrue(apply(clip, Tree.empty(), grads(3, 4)).tensor("weight").allClose(Tensor.vector(0.6, 0.8), 1e-15, 0));
    assertEquals(grads(3, 4), apply(new ClipByGlobalNorm(10), Tree.empty(), grads(3, 4)));
    assertEquals(grads(1, -1, 0.5), apply(new ClipByValue(1), Tree.empty(), grads(3, -4, 0.5)));
  }

  @Test
  void dynamicClippingFollowsTheRecentNorms() {
    DynamicClip clip = new DynamicClip(2, 0.5, 2);
    Tree s0 = clip.init(grads(0, 0));
    Step first = clip.update(grads(3, 4), s0, grads(0, 0));
    assertEquals(grads(3, 4), first.updates(), "no history: unclipped");
    assertEquals(2 * 5 + 0.5, clip.threshold(first.state()), 1e-12);
    Step second = clip.update(grads(30, 40), first.state(), grads(0, 0));
    assertEquals(10.5, second.updates().globalNorm(), 1e-12, "clipped to ε = 2·5 + 0.5");
    // The history keeps the clipped norms 5 and 10.5: ε = 2·7.75 + 0.5.
    assertEquals(16.0, clip.threshold(second.state()), 1e-12);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new DynamicClip(1, 0, 0)).getMessage().contains("got 0"));
  }
}
