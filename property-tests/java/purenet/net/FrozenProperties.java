package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static purenet.testkit.TensorArbitraries.modes;

import io.vavr.Tuple2;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.check.GradientCheck;
import purenet.check.GradientError;
import purenet.check.GradientReport;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.layer.Mode;
import purenet.loss.SquaredError;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.train.TrainState;
import purenet.train.TrainStep;
import purenet.tree.Tree;

/**
 * {@link Frozen} around random MLPs (those of {@link SequentialProperties}) passes the layer
 * contract, with one law replaced: a frozen layer reports zero parameter gradients by design, so
 * law (b) (parameter gradients equal finite differences) cannot hold. In its place, law (b) here
 * checks that the reported parameter gradients are exactly zero, with the parameters' structure,
 * while the input gradient still equals finite differences (law (a), inherited). Own laws: the
 * output and input gradient are those of the inner layer at inference; 20 Adam steps leave the
 * frozen parameters bit-identical while the head learns; freezing by wrapper and by optimizer mask
 * train the head bit-identically.
 */
class FrozenProperties implements LayerContract {

  private final SequentialProperties mlps = new SequentialProperties();

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(mlps.mlps(), modes())
        .as((m, mode) -> new LayerCase(Frozen.of(m.network()), m.input(), mode));
  }

  /**
   * Law (b) for a frozen layer: every reported parameter gradient is exactly zero, leaf for leaf
   * in the structure of {@code params()}, and the report still covers the input and every leaf;
   * the input gradient passes the finite-difference check.
   */
  @Override
  @Property(tries = 200)
  public void parameterGradientsMatchFiniteDifferences(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Forward f = c.layer().forward(c.input(), c.mode());
    Tensor g = GradientCheck.upstream(Key.of(seed), f.output().shape());
    Grads grads = f.backward().apply(g);
    c.layer().params().requireSameStructure(grads.params(), "Frozen parameter gradients");
    for (Tuple2<String, Tensor> leaf : grads.params().flatten()) {
      if (leaf._2.abs().max() != 0) {
        throw new AssertionError("Frozen reported a non-zero gradient at " + leaf._1 + ": " + leaf._2);
      }
    }
    GradientReport report = gradientCheck().layer(c.layer(), c.input(), c.mode(), g);
    GradientError input = report.error("input").get();
    if (!input.passes(gradientTolerance())) {
      throw new AssertionError("input gradient differs from finite differences\n" + report);
    }
  }

  /** y = f(x) at inference and ∂L/∂x = Jfᵀ·g of f's inference pass, exactly, in every mode. */
  @Property(tries = 200)
  void computesTheInnerLayerAtInference(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Layer inner = ((Frozen) c.layer()).inner();
    Forward frozen = c.layer().forward(c.input(), c.mode());
    Forward plain = inner.forward(c.input(), Mode.eval());
    Tensor g = GradientCheck.upstream(Key.of(seed), plain.output().shape());
    assertEquals(plain.output(), frozen.output());
    assertEquals(plain.backward().apply(g).input(), frozen.backward().apply(g).input());
    assertEquals(c.layer(), frozen.next());
  }

  /**
   * A frozen trunk under a trainable Dense head: after 20 Adam steps (η = 0.05) on a squared error
   * the trunk's parameters are bit-identical to the start, while the head's have moved.
   */
  @Property(tries = 200)
  void twentyAdamStepsLeaveFrozenParametersBitIdentical(@ForAll("mlps") SequentialProperties.Mlp m,
      @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Tensor x = m.input();
    int width = m.network().apply(x).dim(1);
    Sequential model = Sequential.of(Frozen.of(m.network()), Dense.of(width, 2, k[0]));
    Tensor y = Tensor.of(k[1].normal(x.dim(0) * 2), x.dim(0), 2);
    TrainStep step = TrainStep.of(SquaredError.mean(), Optimizers.adam(0.05));
    TrainState state = step.init(model, k[2]);
    for (int i = 0; i < 20; i++) {
      state = step.apply(state, x, y).state();
    }
    Tree before = model.params();
    Tree after = state.params();
    assertEquals(before.child("0").flatten(), after.child("0").flatten());
    assertNotEquals(before.child("1").flatten(), after.child("1").flatten());
  }

  /**
   * Freezing by wrapper ({@code Frozen}) and by optimizer mask ({@code Optimizers.freeze} over the
   * trunk's paths) give the same head, bit for bit, after 10 Adam steps, and both keep the trunk.
   * (The MLPs have no mode-dependent layers, so the two forward passes agree exactly.)
   */
  @Property(tries = 200)
  void wrapperAndOptimizerMaskTrainTheHeadIdentically(@ForAll("mlps") SequentialProperties.Mlp m,
      @ForAll long seed) {
    Key[] k = Key.of(seed).split(3);
    Tensor x = m.input();
    int width = m.network().apply(x).dim(1);
    Dense head = Dense.of(width, 3, k[0]);
    Tensor y = Tensor.of(k[1].normal(x.dim(0) * 3), x.dim(0), 3);
    GradientTransform adam = Optimizers.adam(0.01);
    TrainStep wrapped = TrainStep.of(SquaredError.mean(), adam);
    TrainStep masked = TrainStep.of(SquaredError.mean(), Optimizers.freeze(adam, path -> path.startsWith("0/")));
    TrainState a = wrapped.init(Sequential.of(Frozen.of(m.network()), head), k[2]);
    TrainState b = masked.init(Sequential.of(m.network(), head), k[2]);
    for (int i = 0; i < 10; i++) {
      a = wrapped.apply(a, x, y).state();
      b = masked.apply(b, x, y).state();
    }
    assertEquals(b.params().child("1").flatten(), a.params().child("1").flatten());
    assertEquals(m.network().params().flatten(), b.params().child("0").flatten());
    assertEquals(m.network().params().flatten(), a.params().child("0").child(Frozen.INNER).flatten());
  }

  @Provide
  Arbitrary<SequentialProperties.Mlp> mlps() {
    return mlps.mlps();
  }
}
