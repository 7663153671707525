package purenet.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static purenet.testkit.TensorArbitraries.modes;

import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import purenet.layer.Dense;
import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.testkit.LayerCase;
import purenet.testkit.LayerContract;
import purenet.layer.Mode;
import purenet.random.Key;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/**
 * {@link TiedAutoencoder} with smooth activations (tanh, sigmoid, identity), n, m in 1..8, passes
 * the layer contract, whose law (b) is the tied gradient against finite differences. Own laws:
 * the output and gradients equal those of the untied network Dense(W, b), σ_h, Dense(Wᵀ, c), σ_o
 * with ∂L/∂W = ∂L/∂W_enc + (∂L/∂W_dec)ᵀ, the sum of both uses; W appears once in the parameters.
 * The tied and the untied network compute h·Wᵀ through different kernels (a·bᵀ and a·(bᵀ)), so
 * they are compared to 1e-12 of the magnitude, far below any real difference and far above the
 * rounding of sums of at most 8 terms.
 */
class TiedAutoencoderProperties implements LayerContract {

  /** Sizes and activations drawn by jqwik; weights from the seed (standard normal, scaled by ½). */
  record Spec(int batch, int inputs, int code, Blocks.Activation hidden, Blocks.Activation output, long seed) {
    TiedAutoencoder layer() {
      Key[] k = Key.of(seed).split(3);
      return new TiedAutoencoder(Blocks.normal(k[0], inputs, code).mul(0.5), Blocks.normal(k[1], code).mul(0.5),
          Blocks.normal(k[2], inputs).mul(0.5), hidden.layer(), output.layer());
    }

    Tensor input() {
      return Blocks.normal(Key.of(seed).foldIn(7), batch, inputs);
    }
  }

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 8);
    Arbitrary<Blocks.Activation> smooth =
        Arbitraries.of(Blocks.Activation.TANH, Blocks.Activation.SIGMOID, Blocks.Activation.IDENTITY);
    return Combinators.combine(dim, dim, dim, smooth, smooth, Arbitraries.longs()).as(Spec::new);
  }

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(specs(), modes()).as((s, mode) -> new LayerCase(s.layer(), s.input(), mode));
  }

  @Property(tries = 200)
  void equalsTheUntiedNetworkWithTheGradientsOfBothUsesSummed(@ForAll("specs") Spec s, @ForAll long seed) {
    TiedAutoencoder tied = s.layer();
    Sequential untied = Sequential.of(Dense.of(tied.weight(), tied.hiddenBias()), s.hidden().layer(),
        Dense.of(tied.weight().transpose(), tied.outputBias()), s.output().layer());
    Tensor x = s.input();
    Tensor g = Blocks.normal(Key.of(seed), s.batch(), s.inputs());
    Forward ft = tied.forward(x, Mode.eval());
    Forward fu = untied.forward(x, Mode.eval());
    close("output", fu.output(), ft.output());
    Grads gt = ft.backward().apply(g);
    Grads gu = fu.backward().apply(g);
    close("input gradient", gu.input(), gt.input());
    close("weight gradient", gu.params().tensor("0/weight").add(gu.params().tensor("2/weight").transpose()),
        gt.params().tensor("weight"));
    close("hidden bias gradient", gu.params().tensor("0/bias"), gt.params().tensor("hiddenBias"));
    close("output bias gradient", gu.params().tensor("2/bias"), gt.params().tensor("outputBias"));
  }

  @Property(tries = 200)
  void theWeightAppearsOnceAndTheHalvesAreItsEncoderAndDecoder(@ForAll("specs") Spec s) {
    TiedAutoencoder tied = s.layer();
    Tree p = tied.params();
    assertEquals(Vector.of("weight", "hiddenBias", "outputBias"), p.paths());
    assertEquals(tied.weight(), tied.encoder().params().tensor("0/weight"));
    assertEquals(tied.weight().transpose(), tied.decoder().params().tensor("0/weight"));
    close("encoder then decoder", tied.apply(s.input()), tied.decoder().apply(tied.encoder().apply(s.input())));
  }

  private static void close(String what, Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape(), what);
    double scale = 1 + expected.abs().max();
    if (!(expected.maxAbsDifference(actual) <= 1e-12 * scale)) {
      throw new AssertionError(what + " differs: " + actual + " vs " + expected);
    }
  }
}
