package purenet.layer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import purenet.layer.conv.Conv2d;
import purenet.layer.conv.MaxPool2d;
import purenet.layer.norm.BatchNorm;
import purenet.layer.norm.GroupNorm;
import purenet.layer.norm.InstanceNorm;
import purenet.layer.norm.LayerNorm;
import purenet.layer.norm.WeightNorm;
import purenet.layer.recurrent.ElmanRnn;
import purenet.layer.recurrent.Lstm;
import purenet.random.Key;
import purenet.tensor.Tensor;

/** Every factory that takes sizes rejects a size of 0 with a message naming what it got. */
class ZeroSizeTest {
  private static final Key KEY = Key.of(1);

  private static void rejected(Executable factory, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, factory);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
    }
  }

  @Test
  void denseRejectsZeroInputsOrOutputs() {
    rejected(() -> Dense.of(0, 5, KEY), "Dense", "in = 0, out = 5");
    rejected(() -> Dense.of(5, 0, KEY), "Dense", "in = 5, out = 0");
    rejected(() -> Dense.of(Tensor.zeros(0, 3), Tensor.zeros(3)), "Dense", "(0, 3)");
    rejected(() -> WeightNorm.of(3, 0, KEY), "out = 0");
  }

  @Test
  void convolutionsAndPoolsRejectZeroSizes() {
    rejected(() -> Conv2d.of(0, 4, 3, KEY), "0");
    rejected(() -> Conv2d.of(1, 0, 3, KEY), "0");
    rejected(() -> Conv2d.of(1, 4, 0, KEY), "0");
    rejected(() -> MaxPool2d.of(0), "0");
  }

  @Test
  void normalizationsRejectZeroChannels() {
    rejected(() -> BatchNorm.of(0), "BatchNorm", "(0)");
    rejected(() -> InstanceNorm.of(0), "InstanceNorm", "(0)");
    rejected(() -> GroupNorm.of(0, 4), "GroupNorm", "got 0");
    rejected(() -> LayerNorm.of(0), "LayerNorm");
  }

  @Test
  void recurrentLayersRejectZeroFeaturesOrHidden() {
    rejected(() -> ElmanRnn.of(0, 4, KEY), "0");
    rejected(() -> Lstm.of(3, 0, KEY), "0");
  }
}
