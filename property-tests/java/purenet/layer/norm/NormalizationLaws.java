package purenet.layer.norm;

import static purenet.layer.norm.NormArbitraries.channelShapes;
import static purenet.layer.norm.NormArbitraries.dim;
import static purenet.layer.norm.NormArbitraries.epsilons;
import static purenet.layer.norm.NormArbitraries.inputs;
import static purenet.layer.norm.NormArbitraries.tensors;
import static purenet.layer.norm.NormArbitraries.values;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.net.Sequential;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * The laws of the normalization family (issue 5): normalized groups have
 * mean 0 and variance σ²/(σ² + ε) with γ = 1, β = 0; input gradients sum to 0 over every group;
 * batch norm is invariant to the scale of the preceding weights; group norm with 1 group is layer
 * norm and with C groups instance norm; folding equals evaluation; one training batch sets the
 * running statistics; evaluation never changes state.
 */
class NormalizationLaws {
  private static final Mode TRAIN = Mode.train(Key.of(0));

  /**
   * A centering normalization in training mode, an input, its ε, and the specification of its
   * groups: the statistics group of each element by row-major index, written from the definitions.
   */
  record Grouped(Layer layer, Tensor input, double epsilon, int[] group, int groups) {
    @Override
    public String toString() {
      return layer.name() + " ε=" + epsilon + " on " + input;
    }
  }

  private static Grouped grouped(Layer layer, Tensor x, double eps, int groups, GroupOf spec) {
    Shape s = x.shape();
    int channels = s.dim(1);
    int inner = s.size() / Math.max(1, s.dim(0) * channels);
    int[] group = new int[s.size()];
    for (int i = 0; i < group.length; i++) {
      int b = i / (channels * inner);
      int c = (i / inner) % channels;
      group[i] = spec.of(i, b, c);
    }
    return new Grouped(layer, x, eps, group, groups);
  }

  @FunctionalInterface
  interface GroupOf {
    int of(int index, int batch, int channel);
  }

  /** γ, β: ones and zeros, or random, for channel count c. */
  private static Arbitrary<Tensor[]> affine(int c, boolean unit) {
    return unit
        ? Arbitraries.just(new Tensor[] {Tensor.ones(c), Tensor.zeros(c)})
        : Combinators.combine(tensors(Shape.of(c), -2, 2), tensors(Shape.of(c), -1, 1)).as((g, b) -> new Tensor[] {g, b});
  }

  private static Arbitrary<Grouped> centered(boolean unit) {
    Arbitrary<Grouped> batch = Combinators.combine(channelShapes(2), epsilons())
        .flatAs((s, eps) -> Combinators.combine(inputs(s), affine(s.dim(1), unit)).as((x, gb) -> grouped(
            new BatchNorm(gb[0], gb[1], RunningStats.initial(s.dim(1)), eps, 0.9, false), x, eps, s.dim(1),
            (i, b, c) -> c)));
    Arbitrary<Grouped> ghost = Combinators.combine(channelShapes(2), epsilons(), dim(4))
        .flatAs((s, eps, v) -> Combinators.combine(inputs(s), affine(s.dim(1), unit)).as((x, gb) -> grouped(
            new GhostBatchNorm(new BatchNorm(gb[0], gb[1], RunningStats.initial(s.dim(1)), eps, 0.9, false), v),
            x, eps, ((s.dim(0) + v - 1) / v) * s.dim(1), (i, b, c) -> (b / v) * s.dim(1) + c)));
    Arbitrary<Grouped> layer = Combinators.combine(channelShapes(2), epsilons())
        .flatAs((s, eps) -> Combinators.combine(inputs(s), Arbitraries.integers().between(1, s.rank() - 1))
            .flatAs((x, k) -> {
              // Normalize over the last k axes: N = their shape, one group per leading index.
              int[] d = s.dims();
              Shape n = Shape.of(java.util.Arrays.copyOfRange(d, d.length - k, d.length));
              return Combinators.combine(tensors(n, -2, 2), tensors(n, -1, 1)).as((g, b) -> grouped(
                  unit ? new LayerNorm(Tensor.full(1.0, n), Tensor.zeros(n), eps) : new LayerNorm(g, b, eps),
                  x, eps, s.size() / n.size(), (i, bb, c) -> i / n.size()));
            }));
    Arbitrary<Grouped> instance = Combinators.combine(channelShapes(3), epsilons())
        .flatAs((s, eps) -> Combinators.combine(inputs(s), affine(s.dim(1), unit)).as((x, gb) -> grouped(
            new InstanceNorm(gb[0], gb[1], eps), x, eps, s.dim(0) * s.dim(1), (i, b, c) -> b * s.dim(1) + c)));
    Arbitrary<Grouped> group = Combinators.combine(dim(3), dim(3), channelShapes(2), epsilons())
        .flatAs((g, w, base, eps) -> {
          Shape s = base.with(1, g * w);
          return Combinators.combine(inputs(s), affine(g * w, unit)).as((x, gb) -> grouped(
              new GroupNorm(g, gb[0], gb[1], eps), x, eps, s.dim(0) * g, (i, b, c) -> b * g + c / w));
        });
    return Arbitraries.oneOf(batch, ghost, layer, instance, group);
  }

  @Provide
  Arbitrary<Grouped> unitAffine() {
    return centered(true);
  }

  @Provide
  Arbitrary<Grouped> anyAffine() {
    return centered(false);
  }

  /**
   * With γ = 1, β = 0 every group of the training output has mean 0 and variance σ²/(σ² + ε),
   * where σ² is the group's biased input variance (1 up to ε). Tolerance 1e-10: the rounding of a
   * few hundred terms of order 1.
   */
  @Property(tries = 200)
  void trainingOutputHasMeanZeroAndUnitVariancePerGroup(@ForAll("unitAffine") Grouped c) {
    Tensor y = c.layer().forward(c.input(), TRAIN).output();
    double[] varX = groupVariance(c);
    double[] n = new double[c.groups()];
    for (int g : c.group()) {
      n[g]++;
    }
    double[] meanY = new double[c.groups()];
    double[] sqY = new double[c.groups()];
    for (int i = 0; i < c.group().length; i++) {
      int g = c.group()[i];
      meanY[g] += y.at(i) / n[g];
      sqY[g] += y.at(i) * y.at(i) / n[g];
    }
    for (int g = 0; g < c.groups(); g++) {
      double expectedVar = varX[g] / (varX[g] + c.epsilon());
      if (Math.abs(meanY[g]) > 1e-10 || Math.abs(sqY[g] - expectedVar) > 1e-10) {
        throw new AssertionError("group " + g + ": mean " + meanY[g] + ", variance " + sqY[g]
            + ", expected 0 and " + expectedVar);
      }
    }
  }

  /**
   * For any γ, β and upstream gradient, ∂L/∂x sums to 0 over every normalized group (the output
   * does not change when a constant is added to a group). Each ∂L/∂xᵢ is a difference of terms of
   * size |γ·gᵢ|/√(σ² + ε), which may cancel almost completely, so the tolerance is 1e-12 of the sum
   * of those sizes over the group.
   */
  @Property(tries = 200)
  void inputGradientsSumToZeroOverEveryGroup(@ForAll("anyAffine") Grouped c, @ForAll long seed) {
    Forward f = c.layer().forward(c.input(), TRAIN);
    Tensor up = upstream(seed, f.output().shape());
    Tensor gx = f.backward().apply(up).input();
    double[] variance = groupVariance(c);
    double gammaMax = c.layer().params().tensor("gamma").abs().max();
    double[] sum = new double[c.groups()];
    double[] size = new double[c.groups()];
    for (int i = 0; i < c.group().length; i++) {
      int g = c.group()[i];
      sum[g] += gx.at(i);
      size[g] += gammaMax * Math.abs(up.at(i)) / Math.sqrt(variance[g] + c.epsilon());
    }
    for (int g = 0; g < c.groups(); g++) {
      if (Math.abs(sum[g]) > 1e-12 * size[g]) {
        throw new AssertionError("group " + g + ": gradients sum to " + sum[g] + ", terms of size " + size[g]);
      }
    }
  }

  /** The biased variance of the input over each group. */
  private static double[] groupVariance(Grouped c) {
    double[] sum = new double[c.groups()];
    double[] n = new double[c.groups()];
    for (int i = 0; i < c.group().length; i++) {
      sum[c.group()[i]] += c.input().at(i);
      n[c.group()[i]]++;
    }
    double[] variance = new double[c.groups()];
    for (int i = 0; i < c.group().length; i++) {
      int g = c.group()[i];
      double d = c.input().at(i) - sum[g] / n[g];
      variance[g] += d * d / n[g];
    }
    return variance;
  }

  /** A non-uniform upstream gradient: magnitudes in [0.5, 1.5], random signs. */
  static Tensor upstream(long seed, Shape shape) {
    Key[] k = Key.of(seed).split(2);
    double[] m = k[0].uniform(shape.size(), 0.5, 1.5);
    boolean[] neg = k[1].bernoulli(shape.size(), 0.5);
    for (int i = 0; i < m.length; i++) {
      m[i] = neg[i] ? -m[i] : m[i];
    }
    return Tensor.of(m, shape);
  }

  /** A dense layer's input u (batch, in), its weight W (in, out), a scale a &gt; 0, and γ, β. */
  record ScaleCase(Tensor u, Tensor w, double a, Tensor gamma, Tensor beta) {}

  @Provide
  Arbitrary<ScaleCase> scaleCases() {
    return Combinators.combine(Arbitraries.integers().between(2, 6), dim(4), dim(4), values(0.1, 10))
        .flatAs((b, in, out, a) -> Combinators.combine(tensors(Shape.of(b, in), -2, 2), tensors(Shape.of(in, out), -1, 1),
                tensors(Shape.of(out), -2, 2), tensors(Shape.of(out), -1, 1))
            .as((u, w, g, beta) -> new ScaleCase(u, w, a, g, beta)));
  }

  /**
   * Seed 002: BN((aW)u) = BN(Wu), ∂/∂u equal and ∂/∂(aW) = (1/a)·∂/∂W, for a dense layer without
   * bias followed by batch norm in training. With ε &gt; 0 the identity is exact when ε is rescaled,
   * BN_ε((aW)u) = BN_{ε/a²}(Wu), checked for ε = 1e-6 to 1e-10 relative (rounding, amplified by at
   * most 1/√ε). The seed's form, ε → 0, is then checked with ε = 1e-12 wherever every batch
   * variance σ² of Wu is at least 1e-2: the outputs differ by about ε·max(1, a⁻²)/σ² ≤ 1e-8
   * relatively, so the tolerance is 1e-9 plus ten times that bound, relative to the gradients'
   * natural magnitude |γ|·|u|·batch/σ.
   */
  @Property(tries = 200)
  void batchNormIsInvariantToTheScaleOfThePrecedingWeights(@ForAll("scaleCases") ScaleCase c, @ForAll long seed) {
    Tensor g = upstream(seed, Shape.of(c.u().dim(0), c.w().dim(1)));
    double eps = 1e-6;
    Grads[] exact = scaledPair(c, eps, eps / (c.a() * c.a()), g, 1e-10);
    requireClose("∂/∂u (ε rescaled)", exact[0].input(), exact[1].input(), 1e-10);
    Tensor xw = c.u().matmul(c.w());
    double minVar = xw.sub(xw.mean(0)).square().mean(0).min();
    if (minVar >= 1e-2) {
      double tiny = 1e-12;
      // Gradients are of order |γ|·|g|·|u|·batch/σ: the ε effect is relative to that, not to 1.
      double magnitude = Math.max(1, c.gamma().abs().max() * c.u().abs().max() * c.u().dim(0) / Math.sqrt(minVar));
      double tol = (1e-9 + 10 * tiny * Math.max(1, 1 / (c.a() * c.a())) / minVar) * magnitude;
      Grads[] seedLaw = scaledPair(c, tiny, tiny, g, tol);
      requireClose("∂/∂u", seedLaw[0].input(), seedLaw[1].input(), tol);
    }
  }

  /**
   * Runs Dense(aW) → BN_ε and Dense(W) → BN_ε', requires equal outputs and γ, β gradients and
   * ∂/∂(aW) = (1/a)∂/∂W within {@code tol}; returns both gradients (scaled first).
   */
  private static Grads[] scaledPair(ScaleCase c, double eps, double plainEps, Tensor g, double tol) {
    int out = c.gamma().size();
    BatchNorm scaledNorm = new BatchNorm(c.gamma(), c.beta(), RunningStats.initial(out), eps, 0.9, false);
    Forward scaled = Sequential.of(new Dense(c.w().mul(c.a()), Option.none()), scaledNorm).forward(c.u(), TRAIN);
    Forward plain = Sequential.of(new Dense(c.w(), Option.none()), scaledNorm.withEpsilon(plainEps)).forward(c.u(), TRAIN);
    Grads gs = scaled.backward().apply(g);
    Grads gp = plain.backward().apply(g);
    requireClose("output", scaled.output(), plain.output(), tol);
    requireClose("∂/∂(aW)", gs.params().tensor("0/weight"), gp.params().tensor("0/weight").mul(1 / c.a()), tol);
    requireClose("∂/∂γ", gs.params().tensor("1/gamma"), gp.params().tensor("1/gamma"), tol);
    requireClose("∂/∂β", gs.params().tensor("1/beta"), gp.params().tensor("1/beta"), tol);
    return new Grads[] {gs, gp};
  }

  static void requireClose(String what, Tensor actual, Tensor expected, double rtol) {
    double scale = Math.max(1, Math.max(expected.abs().max(), actual.abs().max()));
    double diff = actual.maxAbsDifference(expected);
    if (!(diff <= rtol * scale)) {
      throw new AssertionError(what + ": max difference " + diff + " > " + rtol + " × " + scale
          + "\n  actual   " + actual + "\n  expected " + expected);
    }
  }

  /** An image batch and per-channel γ, β, ε for the group-norm identities. */
  record ImageCase(Tensor x, Tensor gamma, Tensor beta, double epsilon) {}

  @Provide
  Arbitrary<ImageCase> images() {
    return Combinators.combine(channelShapes(3), epsilons()).flatAs((s, eps) -> Combinators.combine(
        inputs(s), tensors(Shape.of(s.dim(1)), -2, 2), tensors(Shape.of(s.dim(1)), -1, 1))
        .as((x, g, b) -> new ImageCase(x, g, b, eps)));
  }

  /**
   * GroupNorm with one group equals LayerNorm over (C, spatial) with γ, β repeated over space, and
   * with C groups equals InstanceNorm: outputs and input gradients, and the γ, β gradients (layer
   * norm's summed over space). Tolerance 1e-10 relative: both sides sum the same terms in
   * different orders.
   */
  @Property(tries = 200)
  void groupNormSpansLayerNormAndInstanceNorm(@ForAll("images") ImageCase c, @ForAll long seed) {
    Shape s = c.x().shape();
    int channels = s.dim(1);
    Shape n = s.without(0);
    Shape perChannel = NormArbitraries.channelBroadcast(s);
    Tensor ones = Tensor.full(1.0, n);
    LayerNorm ln = new LayerNorm(ones.mul(c.gamma().reshape(perChannel)), ones.mul(c.beta().reshape(perChannel)), c.epsilon());
    Forward one = new GroupNorm(1, c.gamma(), c.beta(), c.epsilon()).forward(c.x(), TRAIN);
    Forward layer = ln.forward(c.x(), TRAIN);
    Tensor g = upstream(seed, s);
    Grads go = one.backward().apply(g);
    Grads gl = layer.backward().apply(g);
    requireClose("GN(1) output", one.output(), layer.output(), 1e-10);
    requireClose("GN(1) ∂/∂x", go.input(), gl.input(), 1e-10);
    requireClose("GN(1) ∂/∂γ", go.params().tensor("gamma"), sumOverSpace(gl.params().tensor("gamma"), channels), 1e-10);
    requireClose("GN(1) ∂/∂β", go.params().tensor("beta"), sumOverSpace(gl.params().tensor("beta"), channels), 1e-10);

    Forward all = new GroupNorm(channels, c.gamma(), c.beta(), c.epsilon()).forward(c.x(), TRAIN);
    Forward instance = new InstanceNorm(c.gamma(), c.beta(), c.epsilon()).forward(c.x(), TRAIN);
    Grads ga = all.backward().apply(g);
    Grads gi = instance.backward().apply(g);
    requireClose("GN(C) output", all.output(), instance.output(), 1e-10);
    requireClose("GN(C) ∂/∂x", ga.input(), gi.input(), 1e-10);
    requireClose("GN(C) ∂/∂γ", ga.params().tensor("gamma"), gi.params().tensor("gamma"), 1e-10);
    requireClose("GN(C) ∂/∂β", ga.params().tensor("beta"), gi.params().tensor("beta"), 1e-10);
  }

  private static Tensor sumOverSpace(Tensor t, int channels) {
    return t.reshape(channels, -1).sum(1);
  }

  /** A batch norm with random parameters and initialised running statistics, and an input. */
  record TrainedCase(BatchNorm norm, Tensor x) {}

  @Provide
  Arbitrary<TrainedCase> trained() {
    return Combinators.combine(channelShapes(2), epsilons(), values(0, 0.99), Arbitraries.of(true, false))
        .flatAs((s, eps, decay, unbiased) -> {
          Shape c = Shape.of(s.dim(1));
          return Combinators.combine(inputs(s), tensors(c, -2, 2), tensors(c, -1, 1), tensors(c, -3, 3),
                  tensors(c, 0.01, 4), Arbitraries.longs().between(1, 1000))
              .as((x, g, b, mean, var, count) -> new TrainedCase(
                  new BatchNorm(g, b, new RunningStats(mean, var, count), eps, decay, unbiased), x));
        });
  }

  /**
   * Seed 002, Alg. 2: the folded affine map equals evaluation mode, for batch and ghost batch norm;
   * folded into a preceding Dense layer it equals Dense then batch norm. Tolerance 1e-12 relative:
   * a handful of roundings per element.
   */
  @Property(tries = 200)
  void foldedLayerEqualsEvaluationMode(@ForAll("trained") TrainedCase c, @ForAll long seed) {
    BatchNorm bn = c.norm();
    requireClose("fold", bn.fold().apply(c.x()), bn.apply(c.x()), 1e-12);
    requireClose("ghost fold", new GhostBatchNorm(bn, 2).fold().apply(c.x()), new GhostBatchNorm(bn, 2).apply(c.x()), 1e-12);
    Key[] k = Key.of(seed).split(3);
    int channels = bn.channels();
    Dense dense = new Dense(Tensor.of(k[0].normal(3 * channels), 3, channels),
        Option.of(Tensor.of(k[1].normal(channels), channels)));
    Tensor input = Tensor.of(k[2].normal(c.x().dim(0) * 3), c.x().dim(0), 3);
    requireClose("foldInto", bn.foldInto(dense).apply(input), Sequential.of(dense, bn).apply(input), 1e-12);
  }

  /**
   * After one training batch from uninitialised statistics the running mean and variance are that
   * batch's, per channel over batch and space: the biased variance, or m/(m − 1) times it when
   * unbiased (m values per channel); the count is 1. Also for ghost batch norm with one virtual
   * batch. Tolerance 1e-12 relative.
   */
  @Property(tries = 200)
  void oneTrainingBatchSetsTheRunningStatistics(@ForAll("trained") TrainedCase c) {
    Tensor x = c.x();
    int channels = c.norm().channels();
    int m = x.size() / channels;
    if (c.norm().unbiased() && m < 2) {
      // One value per channel has no unbiased variance: the layer must say so.
      BatchNorm fresh = c.norm().withRunning(RunningStats.initial(channels));
      try {
        fresh.forward(x, TRAIN);
      } catch (IllegalArgumentException expected) {
        return;
      }
      throw new AssertionError("unbiased batch norm accepted one value per channel");
    }
    int[] axes = new int[x.rank()];
    axes[0] = 1;
    for (int a = 1; a < x.rank(); a++) {
      axes[a] = a == 1 ? 0 : a;
    }
    Tensor perChannel = x.permute(axes).reshape(channels, -1);
    Tensor mean = perChannel.mean(1);
    Tensor var = perChannel.sub(mean.reshape(channels, 1)).square().mean(1)
        .mul(c.norm().unbiased() ? m / (m - 1.0) : 1.0);
    for (Layer fresh : new Layer[] {c.norm().withRunning(RunningStats.initial(channels)),
        new GhostBatchNorm(c.norm().withRunning(RunningStats.initial(channels)), x.dim(0))}) {
      RunningStats r = RunningStats.of(fresh.forward(x, TRAIN).next().state());
      requireClose(fresh.name() + " running mean", r.mean(), mean, 1e-12);
      requireClose(fresh.name() + " running variance", r.variance(), var, 1e-12);
      if (r.count() != 1) {
        throw new AssertionError("count after one batch is " + r.count());
      }
    }
  }

  /**
   * Evaluation and stochastic inference never change state: {@code next} is the very same layer.
   * Training changes only the batch norms' state; every other layer's {@code next} is itself.
   */
  @Property(tries = 200)
  void evaluationNeverChangesState(@ForAll("trained") TrainedCase c, @ForAll long seed) {
    BatchNorm bn = c.norm();
    Tensor x = c.x();
    Shape s = x.shape();
    Key k = Key.of(seed);
    Vector<Layer> layers = Vector.of(bn, new GhostBatchNorm(bn, 2), bn.fold(),
        new LayerNorm(Tensor.full(1.0, s.without(0)), Tensor.zeros(s.without(0)), bn.epsilon()),
        new GroupNorm(1, bn.gamma(), bn.beta(), bn.epsilon()),
        new FilterResponseNorm(bn.gamma(), bn.beta(), bn.epsilon()),
        new Tlu(bn.beta()));
    if (s.rank() >= 3) {
      layers = layers.append(new InstanceNorm(bn.gamma(), bn.beta(), bn.epsilon()));
    }
    for (Layer layer : layers) {
      for (Mode mode : new Mode[] {Mode.eval(), Mode.sample(k)}) {
        if (layer.forward(x, mode).next() != layer) {
          throw new AssertionError(layer.name() + " changed in " + mode);
        }
      }
      boolean stateful = layer instanceof BatchNorm || layer instanceof GhostBatchNorm;
      if (!stateful && layer.forward(x, Mode.train(k)).next() != layer) {
        throw new AssertionError(layer.name() + " has no state but changed in training");
      }
    }
  }

  /**
   * A ghost batch norm whose virtual batch holds the whole batch is the batch norm: output, all
   * gradients and the next state agree (to rounding, 1e-12 relative).
   */
  @Property(tries = 200)
  void ghostBatchNormWithOneVirtualBatchIsBatchNorm(@ForAll("trained") TrainedCase c, @ForAll long seed,
      @ForAll("extra") int extra) {
    BatchNorm bn = c.norm().withUnbiased(false);
    Forward plain = bn.forward(c.x(), TRAIN);
    Forward ghost = new GhostBatchNorm(bn, c.x().dim(0) + extra).forward(c.x(), TRAIN);
    Tensor g = upstream(seed, c.x().shape());
    Grads gp = plain.backward().apply(g);
    Grads gg = ghost.backward().apply(g);
    requireClose("output", ghost.output(), plain.output(), 1e-12);
    requireClose("∂/∂x", gg.input(), gp.input(), 1e-12);
    requireClose("∂/∂γ", gg.params().tensor("gamma"), gp.params().tensor("gamma"), 1e-12);
    requireClose("∂/∂β", gg.params().tensor("beta"), gp.params().tensor("beta"), 1e-12);
    requireClose("running mean", ghost.next().state().tensor("mean"), plain.next().state().tensor("mean"), 1e-12);
    requireClose("running variance", ghost.next().state().tensor("variance"), plain.next().state().tensor("variance"), 1e-12);
  }

  @Provide
  Arbitrary<Integer> extra() {
    return Arbitraries.integers().between(0, 3);
  }

  /** A weight-normalized layer's direction v, lengths g, an input x and a scale k &gt; 0. */
  record WeightCase(Tensor v, Tensor g, Tensor x, double k) {}

  @Provide
  Arbitrary<WeightCase> weights() {
    return Combinators.combine(dim(5), dim(5), dim(5), values(0.1, 10)).flatAs((b, in, out, k) -> Combinators.combine(
            NormArbitraries.awayFromZero(Shape.of(in, out), 0.1, 1), tensors(Shape.of(out), -2, 2), tensors(Shape.of(b, in), -2, 2))
        .as((v, g, x) -> new WeightCase(v, g, x, k)));
  }

  /**
   * Weight normalization is invariant to the scale of v (Salimans and Kingma 2016), like batch norm
   * to the scale of W: WN(kv, g) = WN(v, g), ∂/∂(kv) = (1/k)·∂/∂v, ∂/∂g and ∂/∂x equal; and every
   * column of the effective weight has length |g_j|. Tolerance 1e-12 relative (rounding).
   */
  @Property(tries = 200)
  void weightNormIsInvariantToTheScaleOfV(@ForAll("weights") WeightCase c, @ForAll long seed) {
    WeightNorm plain = new WeightNorm(c.v(), c.g(), Option.none());
    WeightNorm scaled = new WeightNorm(c.v().mul(c.k()), c.g(), Option.none());
    Forward fp = plain.forward(c.x(), TRAIN);
    Forward fs = scaled.forward(c.x(), TRAIN);
    Tensor up = upstream(seed, fp.output().shape());
    Grads gp = fp.backward().apply(up);
    Grads gs = fs.backward().apply(up);
    requireClose("output", fs.output(), fp.output(), 1e-12);
    requireClose("∂/∂x", gs.input(), gp.input(), 1e-12);
    requireClose("∂/∂(kv)", gs.params().tensor("v"), gp.params().tensor("v").mul(1 / c.k()), 1e-12);
    requireClose("∂/∂g", gs.params().tensor("g"), gp.params().tensor("g"), 1e-12);
    requireClose("column lengths", plain.weight().square().sum(0).sqrt(), c.g().abs(), 1e-12);
  }

  /** A TLU input and thresholds. */
  record TluCase(Tensor y, Tensor tau) {}

  @Provide
  Arbitrary<TluCase> tluCases() {
    return channelShapes(2).flatMap(s -> Combinators.combine(inputs(s), tensors(Shape.of(s.dim(1)), -2, 2))
        .as(TluCase::new));
  }

  /** Seed 004: TLU(y) = max(y, τ) = ReLU(y − τ) + τ, exactly. */
  @Property(tries = 200)
  void tluIsAShiftedRelu(@ForAll("tluCases") TluCase c) {
    Tensor tau = c.tau().reshape(NormArbitraries.channelBroadcast(c.y().shape()));
    Tensor viaRelu = new purenet.layer.Relu().apply(c.y().sub(tau)).add(tau);
    requireClose("TLU", new Tlu(c.tau()).apply(c.y()), viaRelu, 1e-15);
  }
}
