package purenet.layer.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import purenet.check.GradientCheck;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

class GhostBatchNormTest {
  private static final Mode TRAIN = Mode.train(Key.of(0));

  private static BatchNorm norm() {
    return new BatchNorm(Tensor.vector(1.5, -0.5, 2), Tensor.vector(0.1, 0.2, 0.3), RunningStats.initial(3), 1e-4, 0.9, false);
  }

  @Test
  void aVirtualBatchAsLargeAsTheBatchIsBatchNorm() {
    Tensor x = Numeric.normal(Key.of(1), 6, 3, 2);
    Tensor u = Numeric.normal(Key.of(2), 6, 3, 2);
    Forward bn = norm().forward(x, TRAIN);
    for (int size : new int[] {6, 10}) {
      Forward ghost = new GhostBatchNorm(norm(), size).forward(x, TRAIN);
      assertTrue(ghost.output().allClose(bn.output(), 1e-13, 1e-13));
      Grads a = ghost.backward().apply(u);
      Grads b = bn.backward().apply(u);
      assertTrue(a.input().allClose(b.input(), 1e-12, 1e-12));
      assertTrue(a.params().allClose(b.params(), 1e-12, 1e-12));
      assertTrue(ghost.next().state().allClose(bn.next().state(), 1e-13, 1e-13));
    }
  }

  @Test
  void eachVirtualBatchIsNormalizedOnItsOwnIncludingASmallerLastOne() {
    // Batch 5 with virtual batches of 2: rows {0, 1}, {2, 3}, {4}.
    Tensor x = Numeric.normal(Key.of(3), 5, 3).mul(4);
    Tensor u = Numeric.normal(Key.of(4), 5, 3);
    GhostBatchNorm ghost = new GhostBatchNorm(norm(), 2);
    Forward f = ghost.forward(x, TRAIN);
    Grads g = f.backward().apply(u);
    int[][] parts = {{0, 2}, {2, 4}, {4, 5}};
    Tensor dgamma = Tensor.zeros(3);
    for (int[] p : parts) {
      Forward part = norm().forward(x.slice(p[0], p[1]), TRAIN);
      assertTrue(f.output().slice(p[0], p[1]).allClose(part.output(), 1e-13, 1e-13));
      Grads gp = part.backward().apply(u.slice(p[0], p[1]));
      assertTrue(g.input().slice(p[0], p[1]).allClose(gp.input(), 1e-12, 1e-12));
      dgamma = dgamma.add(gp.params().tensor("gamma"));
    }
    assertTrue(g.params().tensor("gamma").allClose(dgamma, 1e-12, 1e-12));
  }

  @Test
  void runningStatisticsAverageTheVirtualBatchStatistics() {
    Tensor x = Numeric.normal(Key.of(5), 8, 3, 2).mul(2).add(1);
    RunningStats r = ((GhostBatchNorm) new GhostBatchNorm(norm(), 4).forward(x, TRAIN).next()).norm().running();
    Tensor first = x.slice(0, 4);
    Tensor second = x.slice(4, 8);
    // Mean over the whole batch; variance = the mean of the two halves' biased variances.
    assertTrue(r.mean().allClose(x.mean(0).mean(1), 1e-13, 1e-13));
    Tensor v1 = first.sub(first.mean(0).mean(1).reshape(1, 3, 1)).square().mean(0).mean(1);
    Tensor v2 = second.sub(second.mean(0).mean(1).reshape(1, 3, 1)).square().mean(0).mean(1);
    assertTrue(r.variance().allClose(v1.add(v2).mul(0.5), 1e-12, 1e-13));
    RunningStats unbiased = ((GhostBatchNorm) new GhostBatchNorm(norm().withUnbiased(true), 4).forward(x, TRAIN).next())
        .norm().running();
    assertTrue(unbiased.variance().allClose(r.variance().mul(8.0 / 7.0), 1e-13, 1e-13));
  }

  @Test
  void evaluationIsTheWrappedBatchNormAndKeepsTheLayer() {
    BatchNorm bn = norm().withRunning(new RunningStats(Tensor.vector(1, 2, 3), Tensor.vector(1, 4, 9), 2));
    GhostBatchNorm ghost = new GhostBatchNorm(bn, 2);
    Tensor x = Numeric.normal(Key.of(6), 4, 3);
    Forward f = ghost.forward(x, Mode.eval());
    assertSame(ghost, f.next());
    assertEquals(bn.apply(x), f.output());
    assertTrue(ghost.fold().apply(x).allClose(f.output(), 1e-12, 1e-12));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    GhostBatchNorm ghost = new GhostBatchNorm(norm(), 3);
    Tensor x = Numeric.normal(Key.of(7), 7, 3);
    Tensor u = Numeric.normal(Key.of(8), 7, 3);
    // The checker subtracts its rounding bound; a correct layer shows relative errors ~1e-9 here.
    GradientCheck.standard().layer(ghost, x, TRAIN, u).assertPasses(1e-6);
  }

  @Test
  void validation() {
    BatchNormTest.assertMessage(() -> GhostBatchNorm.of(3, 0), "virtualBatch must be >= 1", "0");
    BatchNormTest.assertMessage(() -> GhostBatchNorm.of(3, 2).forward(Tensor.zeros(4, 2), TRAIN),
        "GhostBatchNorm expects input (batch, 3)", "(4, 2)");
    assertTrue(GhostBatchNorm.of(3, 2).check(Shape.of(4, 3, 4)).fits());
    assertTrue(!GhostBatchNorm.of(3, 2).check(Shape.of(4, 2)).fits());
  }
}
