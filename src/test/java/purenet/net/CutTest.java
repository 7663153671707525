package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Relu;
import purenet.random.Key;

class CutTest {

  private final Sequential net = Sequential.of(Dense.of(3, 4, Key.of(0)), new Relu(), Dense.of(4, 2, Key.of(1)));

  @Test
  void takeKeepsTheFirstLayersAndTheirPaths() {
    Sequential trunk = net.take(2);
    assertEquals(net.layers().take(2), trunk.layers());
    assertEquals(Vector.of("0/weight", "0/bias"), trunk.params().paths());
  }

  @Test
  void dropRenumbersTheRest() {
    Sequential head = net.drop(2);
    assertEquals(Vector.of(net.layers().get(2)), head.layers());
    assertEquals(net.params().tensor("2/weight"), head.params().tensor("0/weight"));
  }

  @Test
  void theEndsOfTheRangeGiveTheEmptyAndTheWholeNetwork() {
    assertEquals(net, net.take(3));
    assertEquals(net, net.drop(0));
    assertEquals(0, net.take(0).layers().size());
    assertEquals(0, net.drop(3).layers().size());
  }

  @Test
  void aDepthOutsideTheNetworkFailsNamingTheRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.take(4));
    assertEquals("Sequential.take needs a depth in 0..3 for a network of 3 layers, got 4", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> net.drop(-1));
  }
}
