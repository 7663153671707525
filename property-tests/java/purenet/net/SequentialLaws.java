package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Laws of {@link Sequential} on random small blocks (Dense with normal weights and an activation,
 * dimensions 1..8). Every comparison is exact: the composed and the hand-chained computations run
 * the same floating-point operations in the same order, so any difference is a bug, not rounding.
 */
class SequentialLaws {

  @Property(tries = 200)
  void chainRule(@ForAll @IntRange(min = 1, max = 8) int batch, @ForAll @IntRange(min = 1, max = 8) int d0,
      @ForAll @IntRange(min = 1, max = 8) int d1, @ForAll @IntRange(min = 1, max = 8) int d2,
      @ForAll Blocks.Activation actA, @ForAll Blocks.Activation actB, @ForAll long seed) {
    Key[] k = Key.of(seed).split(4);
    Layer a = Blocks.block(d0, d1, actA, k[0]);
    Layer b = Blocks.block(d1, d2, actB, k[1]);
    Tensor x = Blocks.normal(k[2], batch, d0);
    Tensor g = Blocks.normal(k[3], batch, d2);

    Forward fa = a.forward(x, Mode.eval());
    Forward fb = b.forward(fa.output(), Mode.eval());
    Grads gb = fb.backward().apply(g);
    Grads ga = fa.backward().apply(gb.input());

    Forward fab = Sequential.of(a, b).forward(x, Mode.eval());
    assertEquals(fb.output(), fab.output());
    Grads gab = fab.backward().apply(g);
    assertEquals(ga.input(), gab.input());
    Tree expected = Tree.empty().with("0", ga.params()).with("1", gb.params());
    assertEquals(expected.flatten(), gab.params().flatten());
  }

  @Property(tries = 200)
  void associativity(@ForAll @IntRange(min = 1, max = 8) int batch, @ForAll @IntRange(min = 1, max = 8) int d0,
      @ForAll @IntRange(min = 1, max = 8) int d1, @ForAll @IntRange(min = 1, max = 8) int d2,
      @ForAll @IntRange(min = 1, max = 8) int d3, @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(5);
    Layer a = Blocks.block(d0, d1, act, k[0]);
    Layer b = Blocks.block(d1, d2, act, k[1]);
    Layer c = Blocks.dense(d2, d3, k[2]);
    Tensor x = Blocks.normal(k[3], batch, d0);
    Tensor g = Blocks.normal(k[4], batch, d3);

    Forward left = Sequential.of(Sequential.of(a, b), c).forward(x, Mode.eval());
    Forward right = Sequential.of(a, Sequential.of(b, c)).forward(x, Mode.eval());
    assertEquals(left.output(), right.output());
    Grads gl = left.backward().apply(g);
    Grads gr = right.backward().apply(g);
    assertEquals(gl.input(), gr.input());
    // the paths differ ("0/1/0/weight" against "1/0/0/weight"); the leaves come in the same order
    assertEquals(gl.params().leaves(), gr.params().leaves());
  }

  @Property(tries = 200)
  void aSequentialOfOneLayerIsThatLayer(@ForAll @IntRange(min = 1, max = 8) int batch,
      @ForAll @IntRange(min = 1, max = 8) int d0, @ForAll @IntRange(min = 1, max = 8) int d1,
      @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Layer a = Blocks.block(d0, d1, act, k[0]);
    Tensor x = Blocks.normal(k[1], batch, d0);
    Tensor g = Blocks.normal(k[2], batch, d1);
    Forward fa = a.forward(x, Mode.eval());
    Forward fs = Sequential.of(a).forward(x, Mode.eval());
    assertEquals(fa.output(), fs.output());
    Grads ga = fa.backward().apply(g);
    Grads gs = fs.backward().apply(g);
    assertEquals(ga.input(), gs.input());
    assertEquals(ga.params().flatten(), gs.params().child("0").flatten());
  }

  @Property(tries = 200)
  void checkPredictsTheOutputShapeAndWithParamsOfParamsIsIdentity(
      @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll @IntRange(min = 1, max = 8) int d0,
      @ForAll @IntRange(min = 1, max = 8) int d1, @ForAll @IntRange(min = 1, max = 8) int d2,
      @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Sequential net = Sequential.of(Blocks.block(d0, d1, act, k[0]), Blocks.dense(d1, d2, k[1]));
    Tensor x = Blocks.normal(k[2], batch, d0);
    assertEquals(Shape.of(batch, d2), net.check(x.shape()).output());
    assertEquals(net.apply(x).shape(), net.check(x.shape()).output());
    assertEquals(net, net.withParams(net.params()));
  }
}
