package purenet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class GreyToRgbTest {

  @Test
  void copiesTheChannelAndSumsTheGradients() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
    Forward f = new GreyToRgb().forward(x, Mode.eval());
    assertEquals(Tensor.of(new double[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, 1, 3, 2, 2), f.output());
    Tensor g = Tensor.of(new double[] {1, 0, 0, 0, 10, 0, 0, 1, 100, 0, 0, 2}, 1, 3, 2, 2);
    assertEquals(Tensor.of(new double[] {111, 0, 0, 3}, 1, 1, 2, 2), f.backward().apply(g).input());
  }

  @Test
  void colourOrFlatInputsFailNamingTheShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GreyToRgb().apply(Tensor.zeros(2, 3, 4, 4)));
    assertEquals("GreyToRgb expects grey images (batch, 1, height, width), got (2, 3, 4, 4)", e.getMessage());
    assertEquals(1, new GreyToRgb().check(Shape.of(2, 784)).problems().size());
    assertEquals(Shape.of(2, 3, 28, 28), new GreyToRgb().check(Shape.of(2, 1, 28, 28)).output());
  }
}
