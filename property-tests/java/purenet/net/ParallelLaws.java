package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.collection.Vector;
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

/**
 * Laws of {@link Parallel} on random small blocks (dimensions 1..8). Comparisons are exact: doubling
 * is exact in floating point, and the hand-built results add the same terms in the same order.
 */
class ParallelLaws {

  @Property(tries = 200)
  void sumOfTwoIdenticalBranchesIsTwiceTheBranch(@ForAll @IntRange(min = 1, max = 8) int batch,
      @ForAll @IntRange(min = 1, max = 8) int in, @ForAll @IntRange(min = 1, max = 8) int out,
      @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Layer f = Blocks.block(in, out, act, k[0]);
    Tensor x = Blocks.normal(k[1], batch, in);
    Tensor g = Blocks.normal(k[2], batch, out);

    Forward ff = f.forward(x, Mode.eval());
    Forward fp = Parallel.sum(f, f).forward(x, Mode.eval());
    assertEquals(ff.output().mul(2), fp.output());
    Grads gf = ff.backward().apply(g);
    Grads gp = fp.backward().apply(g);
    assertEquals(gf.input().mul(2), gp.input());
    assertEquals(gf.params().flatten(), gp.params().child("0").flatten());
    assertEquals(gf.params().flatten(), gp.params().child("1").flatten());
  }

  @Property(tries = 200)
  void concatPlacesTheBranchesSideBySideAndSumsTheirGradients(@ForAll @IntRange(min = 1, max = 8) int batch,
      @ForAll @IntRange(min = 1, max = 8) int in, @ForAll @IntRange(min = 1, max = 8) int w0,
      @ForAll @IntRange(min = 1, max = 8) int w1, @ForAll @IntRange(min = 1, max = 8) int w2,
      @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(5);
    Vector<Layer> branches = Vector.of(Blocks.block(in, w0, act, k[0]), Blocks.dense(in, w1, k[1]),
        Blocks.block(in, w2, act, k[2]));
    int[] widths = {w0, w1, w2};
    Tensor x = Blocks.normal(k[3], batch, in);
    Tensor g = Blocks.normal(k[4], batch, w0 + w1 + w2);

    Forward fp = new Parallel(branches, Merge.CONCAT).forward(x, Mode.eval());
    Grads gp = fp.backward().apply(g);
    Tensor input = null;
    int offset = 0;
    for (int i = 0; i < 3; i++) {
      Forward fi = branches.get(i).forward(x, Mode.eval());
      assertEquals(fi.output(), columns(fp.output(), offset, widths[i]));
      Grads gi = fi.backward().apply(columns(g, offset, widths[i]));
      assertEquals(gi.params().flatten(), gp.params().child(String.valueOf(i)).flatten());
      input = input == null ? gi.input() : input.add(gi.input());
      offset += widths[i];
    }
    assertEquals(input, gp.input());
  }

  @Property(tries = 200)
  void oneBranchIsThatBranchForEitherMerge(@ForAll @IntRange(min = 1, max = 8) int batch,
      @ForAll @IntRange(min = 1, max = 8) int in, @ForAll @IntRange(min = 1, max = 8) int out,
      @ForAll Blocks.Activation act, @ForAll Merge merge, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Layer f = Blocks.block(in, out, act, k[0]);
    Tensor x = Blocks.normal(k[1], batch, in);
    Tensor g = Blocks.normal(k[2], batch, out);
    Forward ff = f.forward(x, Mode.eval());
    Forward fp = Parallel.of(merge, f).forward(x, Mode.eval());
    assertEquals(ff.output(), fp.output());
    assertEquals(ff.backward().apply(g).input(), fp.backward().apply(g).input());
  }

  @Property(tries = 200)
  void checkPredictsTheOutputShapeAndWithParamsOfParamsIsIdentity(
      @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll @IntRange(min = 1, max = 8) int in,
      @ForAll @IntRange(min = 1, max = 8) int w0, @ForAll @IntRange(min = 1, max = 8) int w1,
      @ForAll Blocks.Activation act, @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Parallel p = Parallel.concat(Blocks.block(in, w0, act, k[0]), Blocks.dense(in, w1, k[1]));
    Tensor x = Blocks.normal(k[2], batch, in);
    assertEquals(Shape.of(batch, w0 + w1), p.check(x.shape()).output());
    assertEquals(p.apply(x).shape(), p.check(x.shape()).output());
    assertEquals(p, p.withParams(p.params()));
  }

  /** Columns [from, from + width) of a (batch, features) matrix. */
  private static Tensor columns(Tensor m, int from, int width) {
    return Tensor.generate(Shape.of(m.dim(0), width), i -> m.get(i / width, from + i % width));
  }
}
