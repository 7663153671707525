package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Laws of {@link Residual} on random small blocks f (dimensions 1..8): y = x + f(x) and
 * ∂L/∂x = g + Jfᵀg. Comparisons are exact: the same floating-point operations in the same order.
 */
class ResidualLaws {

  @Property(tries = 200)
  void outputIsInputPlusBranchAndGradientIsGPlusBranchGradient(
      @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll @IntRange(min = 1, max = 8) int width,
      @ForAll @IntRange(min = 1, max = 8) int hidden, @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(4);
    Layer f = Sequential.of(Blocks.block(width, hidden, act, k[0]), Blocks.dense(hidden, width, k[1]));
    Tensor x = Blocks.normal(k[2], batch, width);
    Tensor g = Blocks.normal(k[3], batch, width);

    Forward ff = f.forward(x, Mode.eval());
    Forward fr = Residual.of(f).forward(x, Mode.eval());
    assertEquals(x.add(ff.output()), fr.output());
    Grads gf = ff.backward().apply(g);
    Grads gr = fr.backward().apply(g);
    assertEquals(g.add(gf.input()), gr.input());
    assertEquals(gf.params().flatten(), gr.params().child("inner").flatten());
  }

  @Property(tries = 200)
  void checkKeepsTheShapeAndWithParamsOfParamsIsIdentity(@ForAll @IntRange(min = 1, max = 8) int batch,
      @ForAll @IntRange(min = 1, max = 8) int width, @ForAll @IntRange(min = 1, max = 8) int hidden,
      @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(2);
    Residual r = Residual.of(Sequential.of(Blocks.block(width, hidden, act, k[0]), Blocks.dense(hidden, width, k[1])));
    Tensor x = Tensor.zeros(batch, width);
    assertEquals(x.shape(), r.check(x.shape()).output());
    assertTrue(r.check(x.shape()).fits());
    assertEquals(r, r.withParams(r.params()));
  }
}
