package purenet.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.loss.ValueAndGrad;
import purenet.random.Key;
import purenet.regularize.Penalty;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** The three doors from expressions into purenet: layers, penalties and value-and-gradient. */
class ExpressionLayerTest {

  /** y = x·W + b as an expression, with a counter on the input side's pullback. */
  record Affine(Tensor weight, Tensor bias, AtomicInteger inputPullbacks) implements ExpressionLayer {
    @Override
    public Expr expression(Expr x, Params p) {
      Expr counted = Expr.op("countInput", x.value(), (g, w) -> {
        inputPullbacks.incrementAndGet();
        return new Tensor[] {g};
      }, x);
      return counted.matmul(p.get("weight")).plus(p.get("bias"));
    }

    @Override
    public Tree params() {
      return Tree.empty().with("weight", weight).with("bias", bias);
    }

    @Override
    public Layer withParams(Tree params) {
      return new Affine(params.tensor("weight"), params.tensor("bias"), inputPullbacks);
    }
  }

  private static final Tensor X = Tensor.of(new double[][] {{1, -2, 0.5}, {0.25, 3, -1}});
  private static final Tensor W = Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}, {-0.75, 1.5}});
  private static final Tensor B = Tensor.vector(0.1, -0.2);

  @Test
  void anExpressionLayerEqualsTheHandWrittenDenseBitForBit() {
    Affine affine = new Affine(W, B, new AtomicInteger());
    Dense dense = (Dense) Dense.of(3, 2, Key.of(1)).withParams(affine.params().map(t -> t));
    Forward e = affine.forward(X, Mode.eval());
    Forward d = dense.forward(X, Mode.eval());
    Tensor g = Tensor.of(new double[][] {{1, -1}, {0.5, 2}});
    assertEquals(d.output(), e.output());
    Grads ge = e.backward().apply(g);
    Grads gd = d.backward().apply(g);
    assertEquals(gd.input(), ge.input());
    assertEquals(gd.params().tensor("weight"), ge.params().tensor("weight"));
    assertEquals(gd.params().tensor("bias"), ge.params().tensor("bias"));
    assertEquals(affine, e.next());
  }

  @Test
  void paramsOnlyNeverPullsBackTheInputSide() {
    AtomicInteger calls = new AtomicInteger();
    Forward f = new Affine(W, B, calls).forward(X, Mode.eval());
    Tensor g = Tensor.ones(2, 2);
    Tree only = f.backward().paramsOnly(g);
    assertEquals(0, calls.get());
    Grads full = f.backward().apply(g);
    assertEquals(1, calls.get());
    assertEquals(full.params(), only);
  }

  @Test
  void anUnknownParameterNamesTheKnownOnes() {
    Params p = Params.of(Tree.empty().with("weight", W), Mode.eval());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.get("wieght"));
    assertEquals("no parameter 'wieght'; the parameters are [weight]", e.getMessage());
  }

  @Test
  void aShapeErrorInsideTheExpressionNamesTheLayerAndTheInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Affine(W, B, new AtomicInteger()).forward(Tensor.zeros(2, 4), Mode.eval()));
    assertTrue(e.getMessage().startsWith("Affine on input (2, 4): matmul shapes do not match"), e.getMessage());
  }

  @Test
  void aPullbackReturningTheWrongShapeIsReportedWithTheOperation() {
    Expr x = Expr.leaf(Tensor.vector(1, 2));
    Expr bad = Expr.op("broken", x.value(), (g, w) -> new Tensor[] {Tensor.zeros(3)}, x);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> bad.gradients(Tensor.ones(2), List.of(x)));
    assertEquals("the pullback of broken returned for input 0 a gradient of shape (3), expected the input's shape (2)",
        e.getMessage());
  }

  @Test
  void aPenaltyWrittenAsAnExpressionIsARegularizer() {
    ExpressionRegularizer sumOfSquares = w -> w.times(w).sum();
    Penalty p = sumOfSquares.scaled(0.5).apply(W);
    assertEquals(0.5 * W.dot(W), p.value(), 1e-15);
    assertEquals(W, p.gradient());
    ExpressionRegularizer notScalar = w -> w.times(2.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notScalar.apply(W));
    assertTrue(e.getMessage().contains("needs a scalar expression (one element), got (3, 2)"), e.getMessage());
  }

  /** value_and_grad of a least-squares loss: ½·mean‖x·w − y‖² has gradient xᵀ(x·w − y)/n. */
  @Test
  void valueAndGradOfALossOverAParameterTree() {
    Tensor y = Tensor.of(new double[][] {{1, 0}, {0, 1}});
    ScalarFunction loss = p -> Expr.leaf(X).matmul(p.get("w")).minus(Expr.leaf(y)).pow(2).sum().times(0.25);
    ValueAndGrad<Tree> vg = loss.valueAndGrad(Tree.empty().with("w", W));
    Tensor residual = X.matmul(W).sub(y);
    assertEquals(0.25 * residual.dot(residual), vg.value(), 1e-15);
    assertTrue(vg.grad().tensor("w").allClose(X.transposedMatmul(residual).mul(0.5), 1e-15, 1e-15));
  }

  @Test
  void gradientsOfUnrelatedExpressionsAreZeros() {
    Expr x = Expr.leaf(Tensor.vector(1, 2));
    Expr other = Expr.leaf(Tensor.zeros(2, 2).add(1));
    Gradients g = x.exp().sum().gradients(Tensor.scalar(1), List.of(other));
    assertEquals(Tensor.zeros(2, 2), g.get(0));
    assertEquals(0, g.pullbacks());
  }
}
