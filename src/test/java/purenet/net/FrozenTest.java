package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.io.Safetensors;
import purenet.layer.Backward;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class FrozenTest {

  private static final Dense F = Dense.of(Tensor.of(new double[][] {{1, 2}, {3, 4}}), Tensor.vector(0.5, -0.5));

  /** A layer y = 2x whose backward pass fails: proves that a pass never runs it. */
  private record NoBackward(Tensor weight) implements Layer {
    @Override
    public Forward forward(Tensor x, Mode mode) {
      return new Forward(x.mul(2), g -> {
        throw new IllegalStateException("backward ran");
      }, this);
    }

    @Override
    public Tree params() {
      return Tree.empty().with("weight", weight);
    }
  }

  @Test
  void forwardIsTheInnerLayerAndParameterGradientsAreZero() {
    Tensor x = Tensor.of(new double[][] {{1, 1}});
    Forward f = Frozen.of(F).forward(x, Mode.train(Key.of(1)));
    // F([1, 1]) = [1 + 3 + 0.5, 2 + 4 − 0.5] = [4.5, 5.5]
    assertEquals(Tensor.of(new double[][] {{4.5, 5.5}}), f.output());
    Grads g = f.backward().apply(Tensor.of(new double[][] {{1, 0}}));
    // ∂L/∂x = g·Wᵀ = [1, 3]; the parameter gradients are zero
    assertEquals(Tensor.of(new double[][] {{1, 3}}), g.input());
    assertEquals(Tensor.zeros(2, 2), g.params().tensor("inner/weight"));
    assertEquals(Tensor.zeros(2), g.params().tensor("inner/bias"));
  }

  @Test
  void paramsOnlyNeverRunsTheInnerBackwardPass() {
    Frozen frozen = Frozen.of(new NoBackward(Tensor.vector(7)));
    Backward b = frozen.forward(Tensor.vector(1, 2).reshape(1, 2), Mode.train(Key.of(0))).backward();
    assertEquals(Tensor.zeros(1), b.paramsOnly(Tensor.zeros(1, 2)).tensor("inner/weight"));
    assertThrows(IllegalStateException.class, () -> b.apply(Tensor.zeros(1, 2)));
  }

  @Test
  void aFrozenTrunkFirstInASequentialCostsNoBackwardPass() {
    Sequential model = Sequential.of(Frozen.of(new NoBackward(Tensor.vector(7))), Dense.of(2, 1, Key.of(3)));
    Tree grads = model.forward(Tensor.of(new double[][] {{1, 2}}), Mode.train(Key.of(0))).backward()
        .paramsOnly(Tensor.of(new double[][] {{1}}));
    assertEquals(Tensor.zeros(1), grads.tensor("0/inner/weight"));
    assertEquals(Shape.of(2, 1), grads.tensor("1/weight").shape());
  }

  @Test
  void trainingRunsTheInnerLayerAtInferenceAndNeverChangesItsState() {
    Frozen frozen = Frozen.of(Probe.fresh());
    Tensor x = Tensor.vector(1, 2);
    Forward f = frozen.forward(x, Mode.train(Key.of(5)));
    // Probe adds noise and counts calls only in training or sampling; frozen, it is the identity
    assertEquals(x, f.output());
    assertSame(frozen, f.next());
    assertEquals(Tensor.scalar(0), f.next().state().tensor("inner/calls"));
    assertEquals(Probe.PENALTY, f.penalty());
  }

  @Test
  void stochasticInferenceReachesTheInnerLayer() {
    Tensor x = Tensor.vector(1, 2);
    Tensor sampled = Frozen.of(Probe.fresh()).forward(x, Mode.sample(Key.of(5))).output();
    assertEquals(Probe.fresh().forward(x, Mode.sample(Key.of(5)).child(0)).output(), sampled);
    assertTrue(sampled.sub(x).min() > 0);
  }

  @Test
  void parametersStayVisibleAndLoadable() {
    Frozen frozen = Frozen.of(Sequential.of(F, new Relu()));
    assertEquals(Vector.of("inner/0/weight", "inner/0/bias"), frozen.params().paths());
    Tree shifted = frozen.params().map(t -> t.add(1));
    Frozen moved = (Frozen) frozen.withParams(shifted);
    assertEquals(F.weight().add(1), ((Dense) ((Sequential) moved.inner()).layers().get(0)).weight());
    assertEquals(frozen, frozen.withParams(frozen.params()));
  }

  @Test
  void aCheckpointSavesAndRestoresTheFrozenParameters(@TempDir Path dir) throws IOException {
    Sequential model = Sequential.of(Frozen.of(Sequential.of(F, new Relu())), Dense.of(2, 1, Key.of(4)));
    Path file = dir.resolve("model.safetensors");
    Safetensors.write(file, model.params());
    Tree read = Safetensors.read(file, model.params());
    assertTrue(read.paths().contains("0/inner/0/weight"), read.paths().toString());
    Layer blank = model.withParams(model.params().zerosLike());
    assertEquals(model, blank.withParams(read));
  }

  @Test
  void checkNamesTheInnerLayerAndSummaryShowsIt() {
    Frozen frozen = Frozen.of(Sequential.of(F, new Relu()));
    assertEquals(Shape.of(4, 2), frozen.check(Shape.of(4, 2)).output());
    String problem = frozen.check(Shape.of(4, 3)).problems().head();
    assertTrue(problem.startsWith("inner (Sequential): layer 0 (Dense): Dense expects input (batch, 2)"), problem);
    Summary s = Summary.of(Sequential.of(frozen, Dense.of(2, 1, Key.of(0))), Shape.of(1, 2));
    assertEquals(Vector.of("0", "0/inner", "0/inner/0", "0/inner/1", "1"), s.rows().map(Summary.Row::path));
    assertEquals(6 + 3, s.parameters());
  }

  @Test
  void rejectsAMissingLayer() {
    assertThrows(IllegalArgumentException.class, () -> new Frozen(null));
  }
}
