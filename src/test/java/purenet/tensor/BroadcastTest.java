package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import purenet.random.Key;

/**
 * The fast paths of broadcasting (generic operators and the {@link Arith} loops), {@code sumTo}
 * and {@code sum(axis)} against definitions written element by element with multi-indices. Same operations in the same order, so results must be
 * equal bit for bit.
 */
class BroadcastTest {
  private static final DoubleBinaryOperator MINUS = (x, y) -> x - y;

  private static Tensor random(long seed, int... shape) {
    return Tensor.of(Key.of(seed).uniform(Shape.of(shape).size(), -1, 1), shape);
  }

  /** Row-major multi-index of flat position i in {@code dims}. */
  private static int[] unravel(int i, int[] dims) {
    int[] idx = new int[dims.length];
    for (int ax = dims.length - 1; ax >= 0; ax--) {
      idx[ax] = i % dims[ax];
      i /= dims[ax];
    }
    return idx;
  }

  /** The element of t that broadcasting pairs with output index {@code idx}. */
  private static double pick(Tensor t, int[] idx) {
    int[] dims = t.dims();
    int[] own = new int[dims.length];
    for (int ax = 0; ax < dims.length; ax++) {
      own[ax] = dims[ax] == 1 ? 0 : idx[idx.length - dims.length + ax];
    }
    return t.get(own);
  }

  private static Tensor zipByDefinition(Tensor a, Tensor b, DoubleBinaryOperator f) {
    Shape out = a.shape().broadcast(b.shape());
    int[] dims = out.dims();
    return Tensor.generate(out, i -> {
      int[] idx = unravel(i, dims);
      return f.applyAsDouble(pick(a, idx), pick(b, idx));
    });
  }

  @Test
  void everyBroadcastLayoutMatchesTheDefinition() {
    Tensor m = random(1, 5, 7);
    Tensor cube = random(2, 3, 5, 7);
    List<Tensor[]> pairs = List.of(
        new Tensor[] {m, Tensor.scalar(0.25)},
        new Tensor[] {m, random(3, 1, 1)},
        new Tensor[] {m, random(4, 7)},
        new Tensor[] {m, random(5, 1, 7)},
        new Tensor[] {m, random(6, 5, 1)},
        new Tensor[] {random(7, 5, 1), random(8, 1, 7)},
        new Tensor[] {cube, random(9, 5, 7)},
        new Tensor[] {cube, random(10, 3, 1, 7)},
        new Tensor[] {cube, m},
        new Tensor[] {random(11, 0, 7), random(12, 7)},
        new Tensor[] {m, m.mul(3)});
    for (Tensor[] p : pairs) {
      String what = p[0].shape() + " and " + p[1].shape();
      assertEquals(zipByDefinition(p[0], p[1], MINUS), p[0].zipWith(p[1], MINUS), what);
      assertEquals(zipByDefinition(p[1], p[0], MINUS), p[1].zipWith(p[0], MINUS), "reversed " + what);
      assertEquals(zipByDefinition(p[0], p[1], Double::sum), p[0].add(p[1]), what);
      assertEquals(zipByDefinition(p[0], p[1], MINUS), p[0].sub(p[1]), what);
      assertEquals(zipByDefinition(p[1], p[0], MINUS), p[1].sub(p[0]), "reversed " + what);
      assertEquals(zipByDefinition(p[1], p[0], (x, y) -> x * y), p[1].mul(p[0]), what);
      assertEquals(zipByDefinition(p[1], p[0], (x, y) -> x / y), p[1].div(p[0]), what);
      assertEquals(zipByDefinition(p[0], p[1], (x, y) -> x / y), p[0].div(p[1]), what);
    }
  }

  @Test
  void scalarArithmeticMatchesElementByElement() {
    Tensor t = random(13, 4, 6);
    assertEquals(t.map(v -> v + 0.3), t.add(0.3));
    assertEquals(t.map(v -> v * -2.5), t.mul(-2.5));
  }

  @Test
  void sumToUndoesEveryBroadcast() {
    Tensor t = random(20, 3, 5, 7);
    for (Shape target : List.of(Shape.of(7), Shape.of(1, 7), Shape.of(5, 7), Shape.of(5, 1), Shape.of(3, 1, 7),
        Shape.scalar(), Shape.of(1, 1, 1))) {
      Tensor expected = Tensor.zeros(target);
      double[] d = expected.toArray();
      int[] dims = t.dims();
      int[] strides = target.strides();
      int[] tdims = target.dims();
      for (int i = 0; i < t.size(); i++) {
        int[] idx = unravel(i, dims);
        int flat = 0;
        for (int ax = 0; ax < tdims.length; ax++) {
          flat += (tdims[ax] == 1 ? 0 : idx[idx.length - tdims.length + ax]) * strides[ax];
        }
        d[flat] += t.at(i);
      }
      assertEquals(Tensor.of(d, target), t.sumTo(target), target.toString());
    }
  }

  @Test
  void sumAlongEachAxisMatchesTheDefinition() {
    Tensor t = random(30, 3, 5, 7);
    for (int axis = 0; axis < 3; axis++) {
      Shape out = t.shape().without(axis);
      int[] outDims = out.dims();
      int ax = axis;
      Tensor expected = Tensor.generate(out, i -> {
        int[] idx = unravel(i, outDims);
        int[] full = new int[3];
        double s = 0;
        for (int j = 0; j < t.dim(ax); j++) {
          for (int q = 0, r = 0; q < 3; q++) {
            full[q] = q == ax ? j : idx[r++];
          }
          s += t.get(full);
        }
        return s;
      });
      assertEquals(expected, t.sum(axis), "axis " + axis);
    }
    Tensor batch = random(31, 128, 10);
    assertEquals(batch.sumTo(Shape.of(10)), batch.sum(0));
  }

  @Test
  void sumOverAnEmptyAxisIsZeros() {
    assertEquals(Tensor.zeros(3, 4), Tensor.zeros(3, 0, 4).sum(1));
    assertEquals(Tensor.zeros(0, 4), Tensor.zeros(0, 5, 4).sum(1));
  }
}
