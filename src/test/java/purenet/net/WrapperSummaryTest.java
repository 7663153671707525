package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.layer.ActivityRegularized;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.layer.noise.DropConnect;
import purenet.layer.noise.WeightNoise;
import purenet.layer.norm.GhostBatchNorm;
import purenet.random.Key;
import purenet.regularize.L1;
import purenet.tensor.Shape;

/**
 * Every wrapper reports what it wraps, so that {@link Summary} shows its inside with output shapes
 * and parameter counts (they used to appear as one opaque row).
 */
class WrapperSummaryTest {

  private static final Key KEY = Key.of(7);

  private static Vector<String> rows(Layer model, Shape input) {
    return Summary.of(model, input).rows().map(r -> r.path() + " " + r.layer() + " " + r.output().get() + " " + r.parameters());
  }

  @Test
  void activityRegularizedShowsItsInner() {
    Layer layer = new ActivityRegularized(Sequential.of(Dense.of(3, 4, KEY), new Relu()), new L1(0.1));
    assertEquals(Vector.of("inner Sequential (2, 4) 16", "inner/0 Dense (2, 4) 16", "inner/1 Relu (2, 4) 0"),
        rows(layer, Shape.of(2, 3)));
  }

  @Test
  void weightNoiseShowsItsInner() {
    assertEquals(Vector.of("inner Dense (2, 4) 16"), rows(WeightNoise.of(Dense.of(3, 4, KEY), 0.1), Shape.of(2, 3)));
  }

  @Test
  void dropConnectShowsItsDenseAndActivation() {
    assertEquals(Vector.of("dense Dense (2, 4) 16", "activation Relu (2, 4) 0"),
        rows(DropConnect.keep(0.5, Dense.of(3, 4, KEY), new Relu()), Shape.of(2, 3)));
  }

  @Test
  void ghostBatchNormShowsItsBatchNorm() {
    assertEquals(Vector.of("norm BatchNorm (8, 3) 6"), rows(GhostBatchNorm.of(3, 4), Shape.of(8, 3)));
  }

  @Test
  void tiedAutoencoderShowsItsActivations() {
    assertEquals(Vector.of("hidden Sigmoid (2, 3) 0", "output Sigmoid (2, 5) 0"),
        rows(TiedAutoencoder.sigmoid(5, 3, KEY), Shape.of(2, 5)));
  }

  @Test
  void aWrapperInsideANetworkIsWalkedToo() {
    Layer net = Sequential.of(WeightNoise.of(Dense.of(3, 4, KEY), 0.1), new Relu());
    assertEquals(Vector.of("0 WeightNoise(Dense) (2, 4) 16", "0/inner Dense (2, 4) 16", "1 Relu (2, 4) 0"),
        rows(net, Shape.of(2, 3)));
  }
}
