package purenet.examples.bench;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.function.Supplier;
import purenet.autodiff.Expr;
import purenet.autodiff.Gradients;
import purenet.autodiff.Params;
import purenet.examples.expression.L2Expression;
import purenet.examples.expression.LayerNormExpression;
import purenet.examples.expression.LstmExpression;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.norm.LayerNorm;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.random.Key;
import purenet.regularize.L2;
import purenet.regularize.Penalty;
import purenet.regularize.Regularizer;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * What writing only the forward costs: the LSTM, LayerNorm and the L2 penalty re-expressed with
 * {@code purenet.autodiff} ({@code purenet.examples.expression}) against the hand-written ones on
 * the same input, forward plus full backward (input and parameter gradients), and how far apart
 * their results are (largest absolute and relative difference over outputs and all gradients).
 *
 * <p>Run with {@code mvn -q test-compile exec:exec -Dexample=bench.ExpressionBenchmark}. Sizes: one
 * LSTM cell step on a batch of 32 with 128 units (forward and step backward, without ∂W_h, which the
 * scan forms once per pass); the LSTM over a sequence, batch 32, 25 steps, 83 → 128 (CharRnn's model;
 * the hand-written one is {@code Scan.of(Lstm)} with its fused kernel); LayerNorm (256, 512); L2 on
 * (512, 512). Each
 * timing is the median (and the fastest) of several runs after a warm-up, the two versions
 * alternating; the LSTM line also gives the time per cell step (the pass divided by the number of
 * steps).
 */
public final class ExpressionBenchmark {
  private ExpressionBenchmark() {}

  /**
   * One comparison.
   *
   * @param name        what was compared
   * @param handMillis  the hand-written version's median time per forward + backward, ms
   * @param exprMillis  the expression version's, ms
   * @param handBest    the hand-written version's fastest run, ms (the least disturbed by other load)
   * @param exprBest    the expression version's fastest run, ms
   * @param maxAbsolute the largest |expression − hand-written| over outputs and gradients
   * @param maxRelative the largest |difference| / max(|hand-written|, 1e-300) over elements with |hand-written| ≥ 1e-8
   * @param steps       the number of cell steps in one pass (1 for non-recurrent layers)
   */
  public record Comparison(String name, double handMillis, double exprMillis, double handBest, double exprBest,
      double maxAbsolute, double maxRelative, int steps) {
    /** The expression's median time over the hand-written one's. */
    public double ratio() {
      return exprMillis / handMillis;
    }

    /** The expression's fastest time over the hand-written one's. */
    public double bestRatio() {
      return exprBest / handBest;
    }

    @Override
    public String toString() {
      String perStep = steps > 1 ? String.format("; per step (median) %.3f vs %.3f ms", handMillis / steps,
          exprMillis / steps) : "";
      return String.format("%-30s median hand-written %8.3f ms, expression %8.3f ms (%.2f×); best %8.3f vs %8.3f ms"
          + " (%.2f×)%s; max |Δ| %.1e, max rel %.1e", name, handMillis, exprMillis, ratio(), handBest, exprBest,
          bestRatio(), perStep, maxAbsolute, maxRelative);
    }
  }

  /**
   * Runs the three comparisons.
   *
   * @param scale divides every size (1 for the reported sizes; larger for a smoke test), ≥ 1
   * @param runs  timed runs per measurement, ≥ 1
   * @return the LSTM cell step, the LSTM over a sequence, LayerNorm and L2 comparisons
   */
  public static Vector<Comparison> run(int scale, int runs) {
    if (scale < 1 || runs < 1) {
      throw new IllegalArgumentException("scale and runs must be >= 1, got " + scale + " and " + runs);
    }
    Key[] k = Key.of(7).split(8);
    int batch = Math.max(1, 32 / scale);
    int time = Math.max(2, 25 / scale);
    int features = Math.max(1, 83 / scale);
    int hidden = Math.max(1, 128 / scale);
    Tensor wx = uniform(k[0], Shape.of(features, 4 * hidden), 0.2);
    Tensor wh = uniform(k[1], Shape.of(hidden, 4 * hidden), 0.2);
    Tensor b = uniform(k[2], Shape.of(4 * hidden), 0.5);
    Tensor x = uniform(k[3], Shape.of(batch, time, features), 1.0);
    Comparison lstm = layers(String.format("LSTM (%d, %d, %d) → %d", batch, time, features, hidden),
        Scan.of(new Lstm(wx, wh, b)), new LstmExpression(wx, wh, b), x, k[4], runs, time);
    int rows = Math.max(1, 256 / scale);
    int cols = Math.max(2, 512 / scale);
    Tensor gamma = uniform(k[5], Shape.of(cols), 1.0).add(1.0);
    Tensor beta = uniform(k[6], Shape.of(cols), 1.0);
    Tensor xn = uniform(k[7], Shape.of(rows, cols), 2.0);
    Comparison norm = layers(String.format("LayerNorm (%d, %d)", rows, cols), new LayerNorm(gamma, beta, 1e-5),
        new LayerNormExpression(gamma, beta, 1e-5), xn, k[4], runs, 1);
    Tensor w = uniform(k[5].foldIn(1), Shape.of(Math.max(1, 512 / scale), Math.max(1, 512 / scale)), 1.0);
    Comparison l2 = penalties(String.format("L2 penalty (%d, %d)", w.dim(0), w.dim(1)), new L2(0.01),
        new L2Expression(0.01), w, runs);
    Comparison step = cellStep(String.format("LSTM cell step (%d, %d)", batch, hidden), new Lstm(wx, wh, b),
        new LstmExpression(wx, wh, b), batch, k[3].foldIn(1), runs);
    return Vector.of(step, lstm, norm, l2);
  }

  /**
   * One LSTM step and its backward pass on the same (p_t, h, c): the hand-written cell's
   * {@code step} and step backward (∂p_t, ∂r_t, ∂h_{t−1}, ∂c_{t−1}) against the expression's
   * {@code step} differentiated with respect to p_t, h_{t−1} and c_{t−1}. Neither computes ∂W_h
   * here: the scan forms it once for all steps.
   */
  private static Comparison cellStep(String name, Lstm hand, LstmExpression expr, int batch, Key key, int runs) {
    int units = hand.hiddenSize();
    Key[] k = key.split(5);
    Tensor p = uniform(k[0], Shape.of(batch, 4 * units), 1.0);
    Tensor h = uniform(k[1], Shape.of(batch, units), 1.0);
    Tensor c = uniform(k[2], Shape.of(batch, units), 1.0);
    Tensor gh = uniform(k[3], Shape.of(batch, units), 1.0);
    Tensor gc = uniform(k[4], Shape.of(batch, units), 1.0);
    Tree params = hand.params();
    Supplier<Vector<Tensor>> handStep = () -> {
      purenet.layer.recurrent.CellStep s = hand.step(p, Vector.of(h, c));
      purenet.layer.recurrent.CellStep.StepGrads g = s.backward().apply(Vector.of(gh, gc), true);
      return Vector.of(s.state().get(0), s.state().get(1), g.projected(), g.state().get(0), g.state().get(1));
    };
    Supplier<Vector<Tensor>> exprStep = () -> {
      Expr pe = Expr.leaf(p);
      Expr he = Expr.leaf(h);
      Expr ce = Expr.leaf(c);
      java.util.List<Expr> next = expr.step(pe, java.util.List.of(he, ce), Params.of(params, Mode.eval()));
      Expr both = Expr.concat(1, next.get(0), next.get(1));
      Gradients g = both.gradients(Tensor.concat(1, gh, gc), java.util.List.of(pe, he, ce));
      return Vector.of(next.get(0).value(), next.get(1).value(), g.get(0), g.get(1), g.get(2));
    };
    double[] ms = medians(handStep, exprStep, runs);
    Vector<Tensor> a = exprStep.get();
    Vector<Tensor> r = handStep.get();
    double[] d = new double[2];
    for (int i = 0; i < a.size(); i++) {
      d = difference(a.get(i), r.get(i), d);
    }
    return new Comparison(name, ms[0], ms[1], ms[2], ms[3], d[0], d[1], 1);
  }

  private static Comparison layers(String name, Layer hand, Layer expr, Tensor x, Key key, int runs, int steps) {
    Tensor g = uniform(key, hand.forward(x, Mode.eval()).output().shape(), 1.0);
    Supplier<Grads> h = () -> hand.forward(x, Mode.eval()).backward().apply(g);
    Supplier<Grads> e = () -> expr.forward(x, Mode.eval()).backward().apply(g);
    double[] ms = medians(h, e, runs);
    Forward fh = hand.forward(x, Mode.eval());
    Forward fe = expr.forward(x, Mode.eval());
    Grads gh = fh.backward().apply(g);
    Grads ge = fe.backward().apply(g);
    double[] d = difference(fe.output(), fh.output(), new double[2]);
    d = difference(ge.input(), gh.input(), d);
    for (String path : gh.params().paths()) {
      d = difference(ge.params().tensor(path), gh.params().tensor(path), d);
    }
    return new Comparison(name, ms[0], ms[1], ms[2], ms[3], d[0], d[1], steps);
  }

  private static Comparison penalties(String name, Regularizer hand, Regularizer expr, Tensor w, int runs) {
    double[] ms = medians(() -> hand.apply(w), () -> expr.apply(w), runs);
    Penalty ph = hand.apply(w);
    Penalty pe = expr.apply(w);
    double[] d = difference(Tensor.scalar(pe.value()), Tensor.scalar(ph.value()), new double[2]);
    d = difference(pe.gradient(), ph.gradient(), d);
    return new Comparison(name, ms[0], ms[1], ms[2], ms[3], d[0], d[1], 1);
  }

  /** Updates {max absolute, max relative} difference with one more pair of tensors. */
  private static double[] difference(Tensor a, Tensor b, double[] so) {
    double[] x = a.toArray();
    double[] y = b.toArray();
    double abs = so[0];
    double rel = so[1];
    for (int i = 0; i < x.length; i++) {
      double diff = Math.abs(x[i] - y[i]);
      abs = Math.max(abs, diff);
      if (Math.abs(y[i]) >= 1e-8) {
        rel = Math.max(rel, diff / Math.abs(y[i]));
      }
    }
    return new double[] {abs, rel};
  }

  /**
   * Median and fastest milliseconds of {@code runs} timed calls of each, after as many warm-up calls
   * (at least 3), as {median first, median second, best first, best second}; the two alternate, so
   * that a change in the machine's load affects both alike.
   */
  private static double[] medians(Supplier<?> first, Supplier<?> second, int runs) {
    for (int i = 0; i < Math.max(3, runs); i++) {
      first.get();
      second.get();
    }
    double[] a = new double[runs];
    double[] b = new double[runs];
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      first.get();
      long middle = System.nanoTime();
      second.get();
      a[r] = (middle - start) / 1e6;
      b[r] = (System.nanoTime() - middle) / 1e6;
    }
    Arrays.sort(a);
    Arrays.sort(b);
    return new double[] {a[runs / 2], b[runs / 2], a[0], b[0]};
  }

  private static Tensor uniform(Key key, Shape shape, double half) {
    return Tensor.of(key.uniform(shape.size(), -half, half), shape);
  }

  /** Arguments: [runs, default 21]. Prints one line per comparison. */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    System.out.println("forward + full backward, median of " + runs + " runs, threads="
        + System.getProperty("purenet.threads", "default(" + Runtime.getRuntime().availableProcessors() + ")"));
    for (Comparison c : run(1, runs)) {
      System.out.println(c);
    }
  }
}
