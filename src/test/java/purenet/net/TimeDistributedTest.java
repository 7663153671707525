package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.layer.ShapeCheck;
import purenet.layer.Tanh;
import purenet.layer.recurrent.ElmanRnn;
import purenet.layer.recurrent.Scan;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

class TimeDistributedTest {

  private static final Dense DENSE = Dense.of(Tensor.of(Key.of(1).uniform(12, -1, 1), 4, 3),
      Tensor.of(Key.of(2).uniform(3, -1, 1), 3));
  private static final Tensor X = Tensor.of(Key.of(3).uniform(2 * 5 * 4, -2, 2), 2, 5, 4);

  @Test
  void appliesTheLayerToEveryStep() {
    Tensor y = TimeDistributed.of(DENSE).apply(X);
    assertEquals(Shape.of(2, 5, 3), y.shape());
    for (int b = 0; b < 2; b++) {
      for (int t = 0; t < 5; t++) {
        Tensor step = X.index(b).index(t).reshape(1, 4);
        assertEquals(DENSE.apply(step).reshape(3), y.index(b).index(t));
      }
    }
  }

  @Test
  void gradientsSumOverStepsAndMatchFiniteDifferences() {
    TimeDistributed td = TimeDistributed.of(Sequential.of(DENSE, new Tanh()));
    Tensor g = Tensor.of(Key.of(4).uniform(30, -1, 1), 2, 5, 3);
    Grads grads = td.forward(X, Mode.eval()).backward().apply(g);
    Grads flat = DENSE.forward(X.reshape(10, 4), Mode.eval()).backward()
        .apply(g.reshape(10, 3).mul(new Tanh().apply(DENSE.apply(X.reshape(10, 4))).square().neg().add(1)));
    assertTrue(grads.params().tensor("inner/0/weight").allClose(flat.params().tensor("weight"), 1e-12, 1e-14));
    GradientCheck.standard().layer(td, X, Mode.eval(), g).assertPasses(1e-6);
  }

  @Test
  void nestsParametersUnderInner() {
    TimeDistributed td = TimeDistributed.of(DENSE);
    assertEquals(Vector.of("inner/weight", "inner/bias"), td.params().paths());
    Tree shifted = td.params().map(t -> t.add(1));
    assertEquals(DENSE.weight().add(1), ((Dense) ((TimeDistributed) td.withParams(shifted)).inner()).weight());
    assertEquals(td, td.withState(td.state()));
    assertSame(DENSE, td.children().get("inner").get());
  }

  @Test
  void higherRankSteps() {
    // (batch, time, 2, 3) steps flattened to 6 features by the inner layer.
    TimeDistributed td = TimeDistributed.of(new Flatten());
    Tensor x = Tensor.arange(2 * 3 * 6).reshape(2, 3, 2, 3);
    assertEquals(x.reshape(2, 3, 6), td.apply(x));
    assertEquals(Shape.of(2, 3, 6), td.check(x.shape()).output());
  }

  @Test
  void shapeProblemsNameTheLayerAndShapes() {
    TimeDistributed td = TimeDistributed.of(DENSE);
    assertEquals("TimeDistributed(Dense) expects input (batch, time, ...) of rank >= 3, got (2, 4)",
        assertThrows(IllegalArgumentException.class, () -> td.apply(Tensor.zeros(2, 4))).getMessage());
    ShapeCheck bad = td.check(Shape.of(2, 5, 7));
    assertFalse(bad.fits());
    assertEquals("inner (Dense): Dense expects input (batch, 4), got (10, 7)", bad.problems().get(0));
    assertEquals(Shape.of(2, 5, 3), bad.output());
    ShapeCheck ok = td.check(Shape.of(1_000_000, 1_000, 4));
    assertTrue(ok.fits());
    assertEquals(Shape.of(1_000_000, 1_000, 3), ok.output());
    assertTrue(ok.children().containsKey("inner"));
    assertThrows(IllegalArgumentException.class, () -> new TimeDistributed(null));
  }

  @Test
  void passesOnTheInnerLayersNextState() {
    assertSame(TimeDistributed.of(DENSE).getClass(), TimeDistributed.of(DENSE).forward(X, Mode.eval()).next().getClass());
    // A carrying RNN over the inner sequences of (batch 2, outer time 5, inner time 3, 4): batch 2·5.
    Scan rnn = Scan.of(ElmanRnn.of(4, 3, Key.of(5))).carrying(10);
    TimeDistributed td = TimeDistributed.of(rnn);
    Tensor x = Tensor.of(Key.of(6).uniform(2 * 5 * 3 * 4, -1, 1), 2, 5, 3, 4);
    Forward f = td.forward(x, Mode.train(Key.of(1)));
    Forward inner = rnn.forward(x.reshape(10, 3, 4), Mode.train(Key.of(1)));
    assertEquals(inner.output().reshape(2, 5, 3, 3), f.output());
    assertEquals(TimeDistributed.of(inner.next()), f.next());
    assertEquals(Vector.of("inner/hidden"), f.next().state().paths());
    assertSame(td, td.forward(x, Mode.eval()).next(), "the state is left alone in evaluation");
  }
}
