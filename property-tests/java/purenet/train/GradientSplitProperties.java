package purenet.train;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.Layer;
import purenet.layer.Tanh;
import purenet.layer.noise.Dropout;
import purenet.layer.norm.BatchNorm;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.Penalized;
import purenet.tensor.Tensor;

/**
 * The data-parallel entry of the train step is the step split in two: applyGradient(gradient(…))
 * equals apply(…) exactly (same operations in the same order, so the same bits), for a model
 * with dropout (randomness from the step key) and batch normalization (state from the pass), with
 * a coupled penalty and a stateful optimizer; batch sizes 2..9 and seeds are free.
 */
class GradientSplitProperties {

  @Property(tries = 50)
  void applyGradientOfGradientIsApply(@ForAll long seed, @ForAll @IntRange(min = 2, max = 9) int batch,
      @ForAll @IntRange(min = 0, max = 20) int stepNumber) {
    Key key = Key.of(seed);
    Key[] k = key.split(4);
    Layer model = Sequential.of(Dense.of(5, 7, k[0]), BatchNorm.of(7), new Tanh(), Dropout.drop(0.3),
        Dense.of(7, 3, k[1]));
    TrainStep step = new TrainStep(SoftmaxCrossEntropy.mean(), Optimizers.adam(1e-2), Penalized.weights(new L2(1e-2)));
    TrainState state = step.init(model, k[2]);
    state = new TrainState(state.model(), state.optimizerState(), stepNumber, state.key());
    Tensor x = Tensor.of(k[3].normal(batch * 5), batch, 5);
    double[] labels = new double[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = k[3].foldIn(i).uniformInt(3);
    }
    Tensor y = Tensor.of(labels, batch);
    StepResult whole = step.apply(state, x, y);
    StepResult split = step.applyGradient(state, step.gradient(state.model(), x, y, state.stepKey()));
    if (!whole.equals(split)) {
      throw new AssertionError("apply gave " + whole.metrics() + ", the split step " + split.metrics());
    }
  }
}
