package purenet.autodiff;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.TensorArbitraries;
import purenet.check.GradientCheck;
import purenet.check.GradientReport;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Convolution;
import purenet.tensor.Pooling;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * Every operation's pullback against central differences, on random shapes and values, for the
 * input and every further operand, through {@link GradientCheck} (relative error
 * max(0, |a − n| − rounding)/(|a| + |n|) at most {@value #TOLERANCE}: correct operations show 0
 * after the rounding bound, a wrong factor of 2 shows 1/3). Inputs avoid the non-smooth points:
 * ReLU away from 0, maxima (of reductions and pools) from distinct values at least 0.2 apart.
 * Shapes have rank 1..3 and dimensions 1..4 unless an operation needs more.
 */
class OperationProperties {

  static final double TOLERANCE = 1e-6;

  // ---------------------------------------------------------------- elementwise, one operand

  @Property(tries = 60)
  void exp(@ForAll("anyValues") Tensor x, @ForAll long seed) {
    check(Probe.unary("exp", Expr::exp), x, seed);
  }

  @Property(tries = 60)
  void log(@ForAll("positiveValues") Tensor x, @ForAll long seed) {
    check(Probe.unary("log", Expr::log), x, seed);
  }

  @Property(tries = 60)
  void sqrt(@ForAll("positiveValues") Tensor x, @ForAll long seed) {
    check(Probe.unary("sqrt", Expr::sqrt), x, seed);
  }

  @Property(tries = 60)
  void pow(@ForAll("positiveValues") Tensor x, @ForAll("exponents") double p, @ForAll long seed) {
    check(Probe.unary("pow " + p, e -> e.pow(p)), x, seed);
  }

  @Property(tries = 60)
  void tanh(@ForAll("anyValues") Tensor x, @ForAll long seed) {
    check(Probe.unary("tanh", Expr::tanh), x, seed);
  }

  @Property(tries = 60)
  void sigmoid(@ForAll("anyValues") Tensor x, @ForAll long seed) {
    check(Probe.unary("sigmoid", Expr::sigmoid), x, seed);
  }

  @Property(tries = 60)
  void relu(@ForAll("awayFromZero") Tensor x, @ForAll long seed) {
    check(Probe.unary("relu", Expr::relu), x, seed);
  }

  @Property(tries = 60)
  void softplus(@ForAll("anyValues") Tensor x, @ForAll long seed) {
    check(Probe.unary("softplus", Expr::softplus), x, seed);
  }

  @Property(tries = 60)
  void negationAndConstants(@ForAll("anyValues") Tensor x, @ForAll("exponents") double c, @ForAll long seed) {
    check(Probe.unary("neg, plus c, times c", e -> e.neg().plus(c).times(c)), x, seed);
  }

  // ---------------------------------------------------------------- elementwise, two operands, broadcasting

  @Property(tries = 60)
  void plus(@ForAll("broadcastPairs") Pair c, @ForAll long seed) {
    check(c.probe("plus", Expr::plus), c.x(), seed);
  }

  @Property(tries = 60)
  void minus(@ForAll("broadcastPairs") Pair c, @ForAll long seed) {
    check(c.probe("minus", Expr::minus), c.x(), seed);
  }

  @Property(tries = 60)
  void times(@ForAll("broadcastPairs") Pair c, @ForAll long seed) {
    check(c.probe("times", Expr::times), c.x(), seed);
  }

  @Property(tries = 60)
  void div(@ForAll("broadcastPairs") Pair c, @ForAll long seed) {
    // the denominator is the generated pair's second operand, kept away from 0 by construction
    check(c.probe("div", Expr::div), c.x(), seed);
  }

  // ---------------------------------------------------------------- reductions

  @Property(tries = 60)
  void sum(@ForAll("reductions") Reduction r, @ForAll long seed) {
    check(Probe.unary("sum " + Arrays.toString(r.axes()) + (r.keep() ? " kept" : ""),
        e -> r.keep() ? e.sumKeepingAxes(r.axes()) : e.sum(r.axes())), r.x(), seed);
  }

  @Property(tries = 60)
  void mean(@ForAll("reductions") Reduction r, @ForAll long seed) {
    check(Probe.unary("mean " + Arrays.toString(r.axes()) + (r.keep() ? " kept" : ""),
        e -> r.keep() ? e.meanKeepingAxes(r.axes()) : e.mean(r.axes())), r.x(), seed);
  }

  @Property(tries = 60)
  void max(@ForAll("distinctValues") Tensor x, @ForAll("anyInt") int pick, @ForAll boolean keep, @ForAll long seed) {
    int axis = Math.floorMod(pick, x.rank());
    check(Probe.unary("max " + axis, e -> keep ? e.maxKeepingAxis(axis) : e.max(axis)), x, seed);
  }

  // ---------------------------------------------------------------- shapes

  @Property(tries = 60)
  void reshapeTransposeAndPermute(@ForAll("anyValues") Tensor x, @ForAll("anyInt") int pick, @ForAll long seed) {
    int[] perm = permutation(x.rank(), pick);
    check(Probe.unary("permute " + Arrays.toString(perm) + ", transpose, reshape",
        e -> e.permute(perm).transpose().reshape(-1).reshape(e.shape().size(), 1)), x, seed);
  }

  @Property(tries = 60)
  void sliceAndSelect(@ForAll("anyValues") Tensor x, @ForAll("anyInt") int a, @ForAll("anyInt") int b, @ForAll long seed) {
    int axis = Math.floorMod(a, x.rank());
    int n = x.dim(axis);
    int from = Math.floorMod(b, n);
    int to = from + 1 + Math.floorMod(a + b, n - from);
    check(Probe.unary("slice " + axis + " [" + from + ", " + to + ")",
        e -> e.slice(axis, from, to).times(2.0).plus(e.select(axis, from).sum())), x, seed);
  }

  @Property(tries = 60)
  void concat(@ForAll("concatenations") Concatenation c, @ForAll long seed) {
    check(new Probe("concat " + c.axis(), Tree.empty().with("a", c.a()).with("b", c.b()),
        (x, p) -> Expr.concat(c.axis(), p.get("a"), x, p.get("b"))), c.x(), seed);
  }

  @Property(tries = 60)
  void broadcastTo(@ForAll("broadcastPairs") Pair c, @ForAll long seed) {
    Shape target = c.x().shape().broadcast(c.other().shape());
    check(Probe.unary("broadcastTo " + target, e -> e.broadcastTo(target).times(Expr.leaf(c.multiplier(target)))),
        c.x(), seed);
  }

  // ---------------------------------------------------------------- products

  @Property(tries = 60)
  void matmul(@ForAll("products") Product c, @ForAll long seed) {
    check(c.probe("matmul", Expr::matmul), c.left(), seed);
  }

  @Property(tries = 60)
  void matmulTransposed(@ForAll("products") Product c, @ForAll long seed) {
    check(c.transposeRight().probe("matmulTransposed", Expr::matmulTransposed), c.left(), seed);
  }

  @Property(tries = 60)
  void transposedMatmul(@ForAll("products") Product c, @ForAll long seed) {
    Product t = c.transposeLeft();
    check(t.probe("transposedMatmul", Expr::transposedMatmul), t.left(), seed);
  }

  // ---------------------------------------------------------------- softmax

  @Property(tries = 60)
  void softmax(@ForAll("anyValues") Tensor x, @ForAll("anyInt") int pick, @ForAll long seed) {
    int axis = Math.floorMod(pick, x.rank());
    check(Probe.unary("softmax " + axis, e -> e.softmax(axis)), x, seed);
  }

  @Property(tries = 60)
  void logSoftmax(@ForAll("anyValues") Tensor x, @ForAll("anyInt") int pick, @ForAll long seed) {
    int axis = Math.floorMod(pick, x.rank());
    check(Probe.unary("logSoftmax " + axis, e -> e.logSoftmax(axis)), x, seed);
  }

  // ---------------------------------------------------------------- convolution and pooling

  @Property(tries = 40)
  void conv2d(@ForAll("convolutions") Conv c, @ForAll boolean withBias, @ForAll long seed) {
    Tree.Node operands = Tree.empty().with("kernel", c.kernel());
    if (withBias) {
      check(new Probe("conv2d " + c.conv() + " with bias", operands.with("bias", c.bias()),
          (x, p) -> x.conv2d(p.get("kernel"), p.get("bias"), c.conv())), c.x(), seed);
    } else {
      check(new Probe("conv2d " + c.conv(), operands, (x, p) -> x.conv2d(p.get("kernel"), c.conv())), c.x(), seed);
    }
  }

  @Property(tries = 40)
  void maxPool(@ForAll("pools") Pool c, @ForAll long seed) {
    check(Probe.unary("maxPool " + c.pooling(), e -> e.maxPool(c.pooling())), c.x(), seed);
  }

  @Property(tries = 40)
  void avgPool(@ForAll("pools") Pool c, @ForAll long seed) {
    check(Probe.unary("avgPool " + c.pooling(), e -> e.avgPool(c.pooling())), c.x(), seed);
  }

  // ---------------------------------------------------------------- the check

  static void check(Probe probe, Tensor x, long seed) {
    GradientReport r = GradientCheck.standard().layer(probe, x, Mode.eval(), Key.of(seed));
    if (!r.passes(TOLERANCE)) {
      throw new AssertionError(probe.name() + " on " + x.shape() + ": pullback differs from central differences"
          + " (tolerance " + TOLERANCE + ")\n" + r);
    }
  }

  // ---------------------------------------------------------------- generators

  static Arbitrary<Shape> smallShapes() {
    return TensorArbitraries.shapes(1, 3, 4);
  }

  @Provide
  Arbitrary<Integer> anyInt() {
    return Arbitraries.integers().between(0, 1000);
  }

  @Provide
  Arbitrary<Double> exponents() {
    return TensorArbitraries.values(-2.5, 2.5);
  }

  @Provide
  Arbitrary<Tensor> anyValues() {
    return TensorArbitraries.tensors(smallShapes(), -2, 2);
  }

  @Provide
  Arbitrary<Tensor> positiveValues() {
    return TensorArbitraries.tensors(smallShapes(), 0.2, 3);
  }

  @Provide
  Arbitrary<Tensor> awayFromZero() {
    return smallShapes().flatMap(s -> TensorArbitraries.awayFromZero(s, 0.05, 2));
  }

  @Provide
  Arbitrary<Tensor> distinctValues() {
    return smallShapes().flatMap(OperationProperties::distinct);
  }

  /** Values 0.3·π(i) + noise in [0, 0.1) for a random permutation π: any two differ by ≥ 0.2. */
  static Arbitrary<Tensor> distinct(Shape s) {
    List<Integer> order = IntStream.range(0, s.size()).boxed().toList();
    return Combinators.combine(Arbitraries.shuffle(order), TensorArbitraries.tensors(s, 0, 0.099))
        .as((perm, noise) -> Tensor.generate(s, i -> 0.3 * perm.get(i) - 0.15 * s.size() + noise.at(i)));
  }

  /**
   * The input x and a second operand whose shape broadcasts with x's: a suffix of x's shape with
   * some dimensions set to 1, or x's shape with a new leading axis (then x is the broadcast one).
   * Both operands lie away from 0 (x in ±[0.3, 2], the other in ±[0.5, 2]) so that either can be
   * a denominator.
   */
  record Pair(Tensor x, Tensor other, boolean otherFirst) {
    Probe probe(String name, java.util.function.BinaryOperator<Expr> op) {
      return new Probe(name + (otherFirst ? " (other first) " : " ") + x.shape() + ", " + other.shape(),
          Tree.empty().with("other", other),
          (e, p) -> otherFirst ? op.apply(p.get("other"), e) : op.apply(e, p.get("other")));
    }

    /** A fixed non-uniform multiplier of the target shape, so that the pullback sums unequal terms. */
    Tensor multiplier(Shape target) {
      return Tensor.generate(target, i -> 0.5 + 0.25 * (i % 5));
    }
  }

  @Provide
  Arbitrary<Pair> broadcastPairs() {
    return smallShapes().flatMap(s -> Combinators.combine(
            Arbitraries.integers().between(0, s.rank()), Arbitraries.of(true, false).list().ofSize(s.rank()),
            Arbitraries.integers().between(1, 3), Arbitraries.of(0, 1, 2))
        .flatAs((keep, ones, lead, kind) -> {
          int[] d = s.dims();
          Shape other;
          if (kind == 2) {
            int[] longer = new int[d.length + 1];
            longer[0] = lead;
            System.arraycopy(d, 0, longer, 1, d.length);
            other = Shape.of(longer);
          } else {
            int[] suffix = Arrays.copyOfRange(d, d.length - keep, d.length);
            for (int i = 0; i < suffix.length; i++) {
              suffix[i] = ones.get(i) ? 1 : suffix[i];
            }
            other = Shape.of(suffix);
          }
          return Combinators.combine(TensorArbitraries.awayFromZero(s, 0.3, 2), TensorArbitraries.awayFromZero(other, 0.5, 2),
              Arbitraries.of(true, false)).as(Pair::new);
        }));
  }

  /** A tensor and distinct axes to reduce (possibly none, which means all), kept or removed. */
  record Reduction(Tensor x, int[] axes, boolean keep) {}

  @Provide
  Arbitrary<Reduction> reductions() {
    return smallShapes().flatMap(s -> Combinators.combine(TensorArbitraries.tensors(s, -2, 2),
        Arbitraries.of(true, false).list().ofSize(s.rank()), Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as((x, chosen, negative, keep) -> new Reduction(x, IntStream.range(0, s.rank()).filter(chosen::get)
            .map(a -> negative ? a - s.rank() : a).toArray(), keep)));
  }

  /** x between two further parts a and b along {@code axis}. */
  record Concatenation(Tensor x, Tensor a, Tensor b, int axis) {}

  @Provide
  Arbitrary<Concatenation> concatenations() {
    return smallShapes().flatMap(s -> Combinators.combine(Arbitraries.integers().between(0, s.rank() - 1),
        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3)).flatAs((axis, na, nb) ->
        Combinators.combine(TensorArbitraries.tensors(s, -2, 2), TensorArbitraries.tensors(s.with(axis, na), -2, 2),
            TensorArbitraries.tensors(s.with(axis, nb), -2, 2)).as((x, a, b) -> new Concatenation(x, a, b, axis))));
  }

  /** A left and a right matrix for A·B: plain (m, k)·(k, n), batched, or a right matrix shared by a batch. */
  record Product(Tensor left, Tensor right) {
    Probe probe(String name, java.util.function.BinaryOperator<Expr> op) {
      return new Probe(name + " " + left.shape() + ", " + right.shape(), Tree.empty().with("right", right),
          (x, p) -> op.apply(x, p.get("right")));
    }

    Product transposeRight() {
      return new Product(left, right.transpose());
    }

    Product transposeLeft() {
      return new Product(left.transpose(), right);
    }
  }

  @Provide
  Arbitrary<Product> products() {
    Arbitrary<Integer> d = Arbitraries.integers().between(1, 4);
    return Combinators.combine(d, d, d, d, Arbitraries.of(0, 1, 2)).flatAs((b, m, k, n, kind) -> {
      Shape left = kind == 0 ? Shape.of(m, k) : Shape.of(b, m, k);
      Shape right = kind == 1 ? Shape.of(b, k, n) : Shape.of(k, n);
      return Combinators.combine(TensorArbitraries.tensors(left, -2, 2), TensorArbitraries.tensors(right, -2, 2))
          .as(Product::new);
    });
  }

  /** An image batch, a kernel, a bias and a geometry whose output is at least 1×1. */
  record Conv(Tensor x, Tensor kernel, Tensor bias, Convolution conv) {}

  @Provide
  Arbitrary<Conv> convolutions() {
    Arbitrary<Integer> small = Arbitraries.integers().between(1, 2);
    Arbitrary<Integer> side = Arbitraries.integers().between(3, 5);
    return Combinators.combine(small, small, small, side, side, small, small, Arbitraries.integers().between(0, 1))
        .flatAs((b, c, k, h, w, kh, stride, padding) ->
            Combinators.combine(small, small, Arbitraries.integers().between(1, 2)).flatAs((kw, dilation, unused) -> {
              Convolution conv = new Convolution(stride, padding, dilation);
              return Combinators.combine(TensorArbitraries.tensors(Shape.of(b, c, h, w), -2, 2),
                      TensorArbitraries.tensors(Shape.of(k, c, kh, kw), -1, 1), TensorArbitraries.tensors(Shape.of(k), -1, 1))
                  .as((x, kernel, bias) -> new Conv(x, kernel, bias, conv));
            }));
  }

  /** An image batch of distinct values and a pooling window that fits it. */
  record Pool(Tensor x, Pooling pooling) {}

  @Provide
  Arbitrary<Pool> pools() {
    Arbitrary<Integer> small = Arbitraries.integers().between(1, 2);
    return Combinators.combine(small, small, Arbitraries.integers().between(3, 5), Arbitraries.integers().between(3, 5),
            Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3), small, Arbitraries.integers().between(0, 2))
        .flatAs((b, c, h, w, kh, kw, stride, pad) -> {
          Pooling pooling = new Pooling(kh, kw, stride, Math.min(pad, Math.min(kh, kw) - 1));
          return distinct(Shape.of(b, c, h, w)).map(x -> new Pool(x, pooling));
        });
  }

  /** A permutation of 0..rank−1 chosen by {@code pick}. */
  static int[] permutation(int rank, int pick) {
    List<Integer> left = new java.util.ArrayList<>(IntStream.range(0, rank).boxed().toList());
    int[] perm = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = left.remove(Math.floorMod(pick / (i + 1), left.size()));
    }
    return perm;
  }
}
