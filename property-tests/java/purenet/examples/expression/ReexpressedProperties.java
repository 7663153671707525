package purenet.examples.expression;

import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.TensorArbitraries;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.LayerCase;
import purenet.layer.LayerContract;
import purenet.layer.Mode;
import purenet.layer.norm.LayerNorm;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.regularize.L2;
import purenet.regularize.Penalty;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * The layers and penalties re-expressed as forward-only expressions agree with the hand-written
 * ones — outputs, input gradients, parameter gradients, penalty values and gradients — to 1e-12
 * relative to the largest magnitude of the compared tensor (at least 1), and the two layers pass
 * the same {@link LayerContract} as every hand-written layer.
 */
class ReexpressedProperties {

  /** Agreement tolerance, relative to max(1, max |reference|). */
  static final double AGREEMENT = 1e-12;

  // ---------------------------------------------------------------- LSTM

  /** An expression LSTM, the hand-written cell with the same weights in the library's scan, and an input. */
  record LstmCase(LstmExpression expression, Layer handWritten, Tensor input) {}

  @Provide
  Arbitrary<LstmCase> lstms() {
    return lstmCases();
  }

  static Arbitrary<LstmCase> lstmCases() {
    Arbitrary<Integer> d = Arbitraries.integers().between(1, 4);
    return Combinators.combine(d, d, d, d).flatAs((batch, time, features, hidden) -> Combinators.combine(
            tensors(Shape.of(features, 4 * hidden), -1, 1), tensors(Shape.of(hidden, 4 * hidden), -1, 1),
            tensors(Shape.of(4 * hidden), -1, 1), tensors(Shape.of(batch, time, features), -2, 2))
        .as((wx, wh, b, x) -> new LstmCase(new LstmExpression(wx, wh, b), Scan.of(new Lstm(wx, wh, b)), x)));
  }

  @Property(tries = 100)
  void lstmAgreesWithTheHandWrittenLayer(@ForAll("lstms") LstmCase c, @ForAll long seed) {
    Forward e = c.expression().forward(c.input(), Mode.eval());
    Forward h = c.handWritten().forward(c.input(), Mode.eval());
    agree("output", e.output(), h.output());
    Tensor g = purenet.check.GradientCheck.upstream(purenet.random.Key.of(seed), e.output().shape());
    Grads ge = e.backward().apply(g);
    Grads gh = h.backward().apply(g);
    agree("input gradient", ge.input(), gh.input());
    for (String path : gh.params().paths()) {
      agree(path + " gradient", ge.params().tensor(path), gh.params().tensor(path));
    }
  }

  @Group
  class LstmExpressionContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(lstmCases(), modes()).as((c, mode) -> new LayerCase(c.expression(), c.input(), mode));
    }
  }

  // ---------------------------------------------------------------- LayerNorm

  /** A layer norm over the last 1..rank−1 axes of an input of rank 2..3, both ways. */
  record NormCase(LayerNormExpression expression, LayerNorm handWritten, Tensor input) {}

  @Provide
  Arbitrary<NormCase> norms() {
    return normCases();
  }

  static Arbitrary<NormCase> normCases() {
    return Combinators.combine(TensorArbitraries.shapes(2, 3, 5), Arbitraries.of(1e-5, 1e-3, 1e-1))
        .flatAs((s, eps) -> Arbitraries.integers().between(1, s.rank() - 1).flatMap(k -> {
          int[] dims = s.dims();
          Shape n = Shape.of(Arrays.copyOfRange(dims, dims.length - k, dims.length));
          return Combinators.combine(tensors(n, -2, 2), tensors(n, -1, 1), tensors(s, -3, 3))
              .as((gamma, beta, x) -> new NormCase(new LayerNormExpression(gamma, beta, eps),
                  new LayerNorm(gamma, beta, eps), x));
        }));
  }

  @Property(tries = 200)
  void layerNormAgreesWithTheHandWrittenLayer(@ForAll("norms") NormCase c, @ForAll long seed) {
    Forward e = c.expression().forward(c.input(), Mode.eval());
    Forward h = c.handWritten().forward(c.input(), Mode.eval());
    agree("output", e.output(), h.output());
    Tensor g = purenet.check.GradientCheck.upstream(purenet.random.Key.of(seed), e.output().shape());
    Grads ge = e.backward().apply(g);
    Grads gh = h.backward().apply(g);
    agree("input gradient", ge.input(), gh.input());
    agree("gamma gradient", ge.params().tensor("gamma"), gh.params().tensor("gamma"));
    agree("beta gradient", ge.params().tensor("beta"), gh.params().tensor("beta"));
  }

  @Group
  class LayerNormExpressionContract implements LayerContract {
    @Override
    @Provide
    public Arbitrary<LayerCase> layerCases() {
      return Combinators.combine(normCases(), modes()).as((c, mode) -> new LayerCase(c.expression(), c.input(), mode));
    }
  }

  // ---------------------------------------------------------------- penalties

  @Property(tries = 200)
  void l2AgreesWithTheHandWrittenPenalty(@ForAll("weights") Tensor w, @ForAll("lambdas") double lambda) {
    Penalty e = new L2Expression(lambda).apply(w);
    Penalty h = new L2(lambda).apply(w);
    agree("L2 value", Tensor.scalar(e.value()), Tensor.scalar(h.value()));
    agree("L2 gradient", e.gradient(), h.gradient());
  }

  /** The orthogonality penalty's derived gradient equals the closed form 2λ·W(WᵀW − I). */
  @Property(tries = 200)
  void orthogonalityGradientIsTheClosedForm(@ForAll("matrices") Tensor w, @ForAll("lambdas") double lambda) {
    Penalty e = new OrthogonalityExpression(lambda).apply(w);
    Tensor residual = w.transposedMatmul(w).sub(Tensor.eye(w.dim(1)));
    agree("orthogonality value", Tensor.scalar(e.value()), Tensor.scalar(lambda / 2 * residual.dot(residual)));
    agree("orthogonality gradient", e.gradient(), w.matmul(residual).mul(2 * lambda));
  }

  @Provide
  Arbitrary<Tensor> weights() {
    return tensors(TensorArbitraries.shapes(1, 3, 6), -2, 2);
  }

  @Provide
  Arbitrary<Tensor> matrices() {
    return tensors(TensorArbitraries.shapes(2, 2, 6), -1, 1);
  }

  @Provide
  Arbitrary<Double> lambdas() {
    return TensorArbitraries.values(0, 3);
  }

  static void agree(String what, Tensor expression, Tensor handWritten) {
    double scale = Math.max(1, handWritten.size() == 0 ? 0 : handWritten.abs().max());
    double diff = expression.maxAbsDifference(handWritten);
    if (!(diff <= AGREEMENT * scale)) {
      throw new AssertionError(what + ": expression and hand-written differ by " + diff + " > " + AGREEMENT + " × "
          + scale + "\n  expression:   " + expression + "\n  hand-written: " + handWritten);
    }
  }
}
