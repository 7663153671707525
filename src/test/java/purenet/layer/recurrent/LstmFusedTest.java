package purenet.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.OnThreads;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The LSTM's fused pass ({@link Lstm#fused}) against the same cell run step by step by {@link Scan}:
 * outputs, carried state and every gradient, bit for bit, on 1 and 2 threads.
 */
class LstmFusedTest {

  /** The same cell without its fused pass, so that {@link Scan} runs {@link Cell#step} step by step. */
  private record Stepwise(Lstm cell) implements Cell {
    @Override
    public int features() {
      return cell.features();
    }

    @Override
    public int hiddenSize() {
      return cell.hiddenSize();
    }

    @Override
    public Vector<String> stateNames() {
      return cell.stateNames();
    }

    @Override
    public Tree params() {
      return cell.params();
    }

    @Override
    public Cell withParams(Tree params) {
      return new Stepwise(cell.withParams(params));
    }

    @Override
    public Tensor project(Tensor xs) {
      return cell.project(xs);
    }

    @Override
    public CellStep step(Tensor projected, Vector<Tensor> state) {
      return cell.step(projected, state);
    }

    @Override
    public Tensor inputGradient(Tensor dProjected) {
      return cell.inputGradient(dProjected);
    }

    @Override
    public Tree paramGradients(Tensor xs, Tensor previous, Tensor dProjected, Tensor dRecurrent) {
      return cell.paramGradients(xs, previous, dProjected, dRecurrent);
    }

    @Override
    public String name() {
      return "Lstm";
    }
  }

  @Test
  void fusedPassEqualsTheStepsBitForBit() {
    int[][] shapes = {{1, 1, 1, 1}, {3, 5, 4, 6}, {32, 7, 16, 40}, {2, 3, 9, 130}};
    for (int[] s : shapes) {
      int batch = s[0], time = s[1], features = s[2], units = s[3];
      Key[] k = Key.of(batch * 100L + units).split(4);
      Lstm cell = Lstm.of(features, units, k[0]);
      Tensor x = Tensor.of(k[1].uniform(batch * time * features, -2, 2), batch, time, features);
      Tensor g = Tensor.of(k[2].uniform(batch * time * units, -1, 1), batch, time, units);
      assertTrue(cell.fused(x.reshape(batch * time, features), Vector.of(
          Tensor.zeros(batch, units), Tensor.zeros(batch, units))).isDefined());
      for (int threads = 1; threads <= 2; threads++) {
        int t = threads;
        OnThreads.run(threads, () -> {
          for (Scan[] pair : new Scan[][] {
              {Scan.of(cell), Scan.of(new Stepwise(cell))},
              {Scan.of(cell).carrying(batch), Scan.of(new Stepwise(cell)).carrying(batch)}}) {
            String what = java.util.Arrays.toString(s) + " threads " + t + " carry " + pair[0].carry();
            Forward fast = pair[0].forward(x, Mode.train(k[3]));
            Forward slow = pair[1].forward(x, Mode.train(k[3]));
            assertEquals(slow.output(), fast.output(), what);
            assertEquals(slow.next().state(), fast.next().state(), what);
            Grads gf = fast.backward().apply(g);
            Grads gs = slow.backward().apply(g);
            assertEquals(gs.input(), gf.input(), what);
            assertEquals(gs.params(), gf.params(), what);
            assertEquals(gs.params(), fast.backward().paramsOnly(g), what);
            // A second pass continues from the carried state: still the same bits.
            Forward fast2 = fast.next().forward(x, Mode.train(k[3]));
            Forward slow2 = slow.next().forward(x, Mode.train(k[3]));
            assertEquals(slow2.output(), fast2.output(), what);
          }
        });
      }
    }
  }

  @Test
  void aWrongGradientShapeIsNamed() {
    Lstm cell = Lstm.of(2, 3, Key.of(1));
    Forward f = Scan.of(cell).forward(Tensor.zeros(2, 4, 2), Mode.eval());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.backward().apply(Tensor.zeros(2, 4, 2)));
    assertTrue(e.getMessage().contains("Scan(Lstm)") && e.getMessage().contains("(2, 4, 3)"), e.getMessage());
    assertEquals(Tensor.zeros(2, 4, 2).shape(), f.backward().apply(Tensor.zeros(2, 4, 3)).input().shape());
  }
}
