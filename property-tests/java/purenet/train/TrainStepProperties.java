package purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Tanh;
import purenet.loss.SquaredError;
import purenet.net.Frozen;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.MaxNorm;
import purenet.regularize.NonNeg;
import purenet.regularize.Penalized;
import purenet.regularize.Penalties;
import purenet.regularize.TreePenalty;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

/**
 * Laws of the training step. Models and batches are built from jqwik's sizes and a seed through
 * {@link Key}, so every case is valid.
 */
class TrainStepProperties {

  /** Identity adding c·Σx² to the objective, with its gradient 2c·x inside backward. */
  private record ActivityPenalty(double c) implements Layer {
    @Override
    public Forward forward(Tensor x, Mode mode) {
      return new Forward(x, g -> new Grads(g.addScaled(2 * c, x), params()), this, c * x.dot(x));
    }
  }

  private static Penalties l2(double lambda) {
    return params -> new TreePenalty(lambda / 2 * params.dot(params), params.scale(lambda));
  }

  private static Tensor normal(Key key, int... shape) {
    return Tensor.of(key.normal(Tensor.zeros(shape).size()), shape);
  }

  /**
   * An SGD step moves the parameters by −η times the gradient of the total loss it reports (data
   * loss + parameter penalties + the forward's own penalty): the coupling of every part is right.
   * The gradient is measured by central differences of {@code totalLoss} with h = 1e-5; tolerance
   * |Δ − fd| ≤ 1e-6·|fd| + 1e-7·max(1, total), far above the O(h²) truncation and ε·total/h rounding.
   */
  @Property(tries = 200)
  void anSgdStepFollowsTheGradientOfTheReportedTotalLoss(
      @ForAll @IntRange(min = 1, max = 3) int in, @ForAll @IntRange(min = 1, max = 3) int out,
      @ForAll @IntRange(min = 1, max = 4) int batch, @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 0.5) double lambda, @ForAll @DoubleRange(min = 0, max = 0.5) double c) {
    Key[] k = Key.of(seed).split(4);
    Layer model = Sequential.of(Dense.of(normal(k[0], in, out), normal(k[1], out)), new ActivityPenalty(c));
    Tensor x = normal(k[2], batch, in);
    Tensor y = normal(k[3], batch, out);
    double eta = 0.1;
    TrainStep step = new TrainStep(SquaredError.mean(), Optimizers.sgd(eta), l2(lambda));
    StepResult r = step.apply(step.init(model, Key.of(0)), x, y);
    Tree before = model.params();
    Tree moved = before.sub(r.state().params()).scale(1 / eta);
    double total = r.metrics().totalLoss();
    double atol = 1e-7 * Math.max(1, total);
    for (String path : before.paths()) {
      double[] w = before.tensor(path).toArray();
      for (int i = 0; i < w.length; i++) {
        double h = 1e-5;
        double fd = (totalAt(step, model, path, w, i, h, x, y) - totalAt(step, model, path, w, i, -h, x, y)) / (2 * h);
        double delta = moved.tensor(path).at(i);
        assertTrue(Math.abs(delta - fd) <= 1e-6 * Math.abs(fd) + atol,
            path + "[" + i + "]: step moved by −η·" + delta + ", finite difference " + fd);
      }
    }
  }

  /**
   * Freezing really freezes: with a coupled L2 penalty on every leaf, AdamW's decoupled decay and
   * two constraints after the update (non-negativity on every leaf, max-norm on the weights), three
   * training steps leave every frozen leaf bit-identical, while every other leaf moves. The frozen
   * set is a mask over the model's four leaves constructed to be neither empty nor all of them.
   */
  @Property(tries = 100)
  void noPenaltyDecayOrConstraintMovesAFrozenLeaf(
      @ForAll @IntRange(min = 1, max = 3) int in, @ForAll @IntRange(min = 1, max = 3) int hidden,
      @ForAll @IntRange(min = 1, max = 3) int out, @ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll @IntRange(min = 1, max = 14) int mask, @ForAll long seed) {
    Key[] k = Key.of(seed).split(6);
    Layer model = Sequential.of(Dense.of(normal(k[0], in, hidden), normal(k[1], hidden)), new Tanh(),
        Dense.of(normal(k[2], hidden, out), normal(k[3], out)));
    io.vavr.collection.Vector<String> paths = model.params().paths();
    io.vavr.collection.Set<String> frozenPaths = io.vavr.collection.HashSet.ofAll(
        paths.zipWithIndex().filter(p -> (mask >> p._2 & 1) == 1).map(p -> p._1));
    Selector frozen = frozenPaths::contains;
    TrainStep step = new TrainStep(SquaredError.mean(), Optimizers.freeze(Optimizers.adamw(0.05, 0.3), frozen),
        Penalized.all(new L2(0.5))).withConstraints(new NonNeg().where(Selector.all()), MaxNorm.of(0.5).onWeights());
    TrainState state = step.init(model, Key.of(0));
    for (int t = 0; t < 3; t++) {
      state = step.apply(state, normal(k[4].foldIn(t), batch, in), normal(k[5].foldIn(t), batch, out)).state();
    }
    for (String path : paths) {
      if (frozenPaths.contains(path)) {
        assertEquals(model.params().tensor(path), state.params().tensor(path), path + " is frozen");
      } else {
        assertNotEquals(model.params().tensor(path), state.params().tensor(path), path + " is trainable");
      }
    }
  }

  /**
   * A {@link Frozen} layer really freezes: under AdamW's decoupled decay, a coupled L2 penalty on
   * every leaf and non-negativity after the update, three steps leave its parameters bit-identical
   * while the trainable head moves.
   */
  @Property(tries = 100)
  void aFrozenLayerStaysFrozenUnderDecayPenaltiesAndConstraints(
      @ForAll @IntRange(min = 1, max = 3) int in, @ForAll @IntRange(min = 1, max = 3) int hidden,
      @ForAll @IntRange(min = 1, max = 3) int out, @ForAll @IntRange(min = 1, max = 4) int batch, @ForAll long seed) {
    Key[] k = Key.of(seed).split(6);
    Layer model = Sequential.of(Frozen.of(Dense.of(normal(k[0], in, hidden), normal(k[1], hidden))), new Tanh(),
        Dense.of(normal(k[2], hidden, out), normal(k[3], out)));
    TrainStep step = new TrainStep(SquaredError.mean(), Optimizers.adamw(0.05, 0.3), Penalized.all(new L2(0.5)))
        .withConstraints(new NonNeg().where(Selector.all()));
    TrainState state = step.init(model, Key.of(0));
    for (int t = 0; t < 3; t++) {
      state = step.apply(state, normal(k[4].foldIn(t), batch, in), normal(k[5].foldIn(t), batch, out)).state();
    }
    for (String path : model.params().paths()) {
      if (path.startsWith("0/")) {
        assertEquals(model.params().tensor(path), state.params().tensor(path), path + " is frozen");
      } else {
        assertNotEquals(model.params().tensor(path), state.params().tensor(path), path + " is trainable");
      }
    }
  }

  private static double totalAt(TrainStep step, Layer model, String path, double[] w, int i, double h, Tensor x, Tensor y) {
    double[] shifted = w.clone();
    shifted[i] += h;
    Tree params = model.params().mapWhere(path::equals, t -> Tensor.of(shifted, t.shape()));
    return step.apply(step.init(model.withParams(params), Key.of(0)), x, y).metrics().totalLoss();
  }

  /** The same key and batches give bit-identical parameters and metrics after several steps. */
  @Property(tries = 200)
  void theSameKeyReplaysBitForBit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int steps) {
    Key[] k = Key.of(seed).split(3);
    Layer model = Sequential.of(Dense.of(3, 4, k[0]), new TestLayers.Noise(0.3), Dense.of(4, 2, k[1]));
    TrainStep step = TrainStep.of(SquaredError.mean(), Optimizers.sgd(0.05));
    TrainState a = step.init(model, k[2]);
    TrainState b = step.init(model, k[2]);
    for (int i = 0; i < steps; i++) {
      Tensor x = normal(k[2].foldIn(100 + i), 5, 3);
      Tensor y = normal(k[2].foldIn(200 + i), 5, 2);
      StepResult ra = step.apply(a, x, y);
      StepResult rb = step.apply(b, x, y);
      assertEquals(ra.metrics(), rb.metrics());
      a = ra.state();
      b = rb.state();
    }
    assertEquals(a.params(), b.params());
    assertEquals(steps, a.step());
  }
}
