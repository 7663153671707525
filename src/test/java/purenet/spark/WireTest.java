package purenet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Relu;
import purenet.layer.Tanh;
import purenet.layer.conv.Conv2d;
import purenet.layer.noise.Dropout;
import purenet.layer.norm.BatchNorm;
import purenet.layer.Flatten;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.optim.Schedule;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.MaxNorm;
import purenet.regularize.Penalized;
import purenet.tensor.Tensor;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.tree.Tree;

/** What crosses the wire (layers, trees, tensors, keys, transforms, losses, states) serializes. */
class WireTest {

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static Layer lenetLike(Key key) {
    Key[] k = key.split(3);
    return Sequential.of(Conv2d.of(1, 4, 3, k[0]), BatchNorm.of(4), new Relu(), new Flatten(),
        Dropout.drop(0.5), Dense.of(4 * 6 * 6, 10, k[1]), new Tanh());
  }

  @Test
  void libraryValuesRoundTripToEqualValues() throws Exception {
    Layer model = lenetLike(Key.of(1));
    assertEquals(model, roundTrip(model));
    Tensor t = Tensor.of(Key.of(2).normal(12), 3, 4);
    assertEquals(t, roundTrip(t));
    assertEquals(Key.of(3).foldIn(7), roundTrip(Key.of(3).foldIn(7)));
    Tree params = model.params();
    assertEquals(params, roundTrip(params));
    assertEquals(SoftmaxCrossEntropy.mean(), roundTrip(SoftmaxCrossEntropy.mean()));
    TrainStep step = new TrainStep(SoftmaxCrossEntropy.mean(), Optimizers.adam(1e-3), Penalized.weights(new L2(1e-4)))
        .withConstraints(MaxNorm.of(3).onWeights()::apply);
    Wire.requireSerializable(Optimizers.sgd(Schedule.cosine(0.1, 100)), "cosine SGD");
    Wire.requireSerializable(new TrainStep(SoftmaxCrossEntropy.mean(), Optimizers.adam(1e-3),
        Penalized.weights(new L2(1e-4))), "step");
    TrainState state = step.init(model, Key.of(4));
    TrainState back = roundTrip(state);
    assertEquals(state.params(), back.params());
    assertEquals(state.optimizerState(), back.optimizerState());
    Tensor x = Tensor.of(Key.of(5).normal(2 * 64), 2, 1, 8, 8);
    assertEquals(model.apply(x), back.model().apply(x), "the copy computes the same bits");
  }

  @Test
  void aMethodReferenceToAJdkInterfaceIsNamed() {
    UnaryOperator<Tree> constraint = MaxNorm.of(3).onWeights()::apply;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Wire.requireSerializable(constraint, "constraint"));
    assertTrue(e.getMessage().contains("cannot send constraint") && e.getMessage().contains("WireTest")
        && e.getMessage().contains("UnaryOperator"), e.getMessage());
  }
}
