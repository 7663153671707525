package purenet.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;

/**
 * The backward pass is linear in the size of the expression, proved by counting pullback
 * invocations (never by timing), and its results are exact where the arithmetic is exact (powers
 * of two, small integer sums).
 */
class LinearTimeTest {

  /** Fifty doublings x ← x + x: a tree walk would make 2⁵⁰ calls; the DAG walk makes 50. */
  @Test
  void fiftyDoublingsPullBackFiftyTimesAndGiveTwoToTheFifty() {
    Expr x0 = Expr.leaf(Tensor.vector(1.5, -3.0));
    Expr x = x0;
    for (int i = 0; i < 50; i++) {
      x = x.plus(x);
    }
    Gradients g = x.gradients(Tensor.ones(2), List.of(x0));
    assertEquals(50, g.pullbacks());
    assertEquals(Tensor.vector(Math.scalb(1.0, 50), Math.scalb(1.0, 50)), g.get(0));
    assertEquals(Tensor.vector(1.5 * Math.scalb(1.0, 50), -3.0 * Math.scalb(1.0, 50)), x.value());
  }

  /** The same count seen from inside: an operation of our own counts its pullback's calls. */
  @Test
  void aCountingOperationIsPulledBackOncePerNode() {
    AtomicInteger calls = new AtomicInteger();
    Expr x0 = Expr.leaf(Tensor.scalar(1.0));
    Expr x = x0;
    for (int i = 0; i < 50; i++) {
      x = Expr.op("countingPlus", x.value().add(x.value()), (g, w) -> {
        calls.incrementAndGet();
        return new Tensor[] {g, g};
      }, x, x);
    }
    Tensor grad = x.gradient(x0);
    assertEquals(50, calls.get());
    assertEquals(Math.scalb(1.0, 50), grad.item());
  }

  /** A 1,000-node chain y ← 2y: 1,000 pullbacks and the exact gradient 2¹⁰⁰⁰. */
  @Test
  void aThousandNodeChainPullsBackAThousandTimesExactly() {
    AtomicInteger calls = new AtomicInteger();
    Expr x0 = Expr.leaf(Tensor.vector(1.0, -0.5, 0.25));
    Expr y = x0;
    for (int i = 0; i < 1000; i++) {
      y = i % 2 == 0 ? y.times(2.0) : Expr.op("countingDouble", y.value().mul(2.0), (g, w) -> {
        calls.incrementAndGet();
        return new Tensor[] {g.mul(2.0)};
      }, y);
    }
    Gradients g = y.gradients(Tensor.ones(3), List.of(x0));
    assertEquals(1000, g.pullbacks());
    assertEquals(500, calls.get());
    double big = Math.scalb(1.0, 1000);
    assertEquals(Tensor.vector(big, big, big), g.get(0));
  }

  /** A chain that reads the same leaf at every step, y ← y + x, sums 1,001 contributions exactly. */
  @Test
  void aSharedLeafCollectsEveryUseOnce() {
    Expr x = Expr.leaf(Tensor.vector(0.75, 2.0));
    Expr y = x;
    for (int i = 0; i < 1000; i++) {
      y = y.plus(x);
    }
    Gradients g = y.gradients(Tensor.ones(2), List.of(x));
    assertEquals(1000, g.pullbacks());
    assertEquals(Tensor.vector(1001, 1001), g.get(0));
    assertEquals(Tensor.vector(0.75 * 1001, 2.0 * 1001), y.value());
  }

  /**
   * Only operations between the root and a requested expression are pulled back: the branch that
   * leads to the input alone is skipped when only the weight is requested.
   */
  @Test
  void operationsLeadingOnlyToUnrequestedLeavesAreSkipped() {
    Expr x = Expr.leaf(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
    Expr w = Expr.leaf(Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}}));
    Expr features = x.tanh().times(3.0);
    Expr y = features.matmul(w).sum();
    assertEquals(4, y.gradients(Tensor.scalar(1), List.of(x, w)).pullbacks());
    assertEquals(2, y.gradients(Tensor.scalar(1), List.of(w)).pullbacks());
    assertEquals(0, y.gradients(Tensor.scalar(1), List.of(Expr.leaf(Tensor.scalar(1)))).pullbacks());
  }
}
