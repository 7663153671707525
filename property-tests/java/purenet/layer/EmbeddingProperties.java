package purenet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static purenet.TensorArbitraries.modes;
import static purenet.TensorArbitraries.tensors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import purenet.check.GradientCheck;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * {@link Embedding} passes the layer contract — vocabularies 1..6, 1..4 features, ids (batch ≤ 3,
 * time ≤ 4) drawn as whole numbers in [0, V) — except law (a): the output is a step function of
 * the ids, defined only at whole numbers, so finite differences of the input do not exist; that
 * law is replaced by "the input gradient is exactly 0 and any non-whole or out-of-range id is
 * rejected", and law (i) by "a NaN or ±∞ id is rejected". Its own laws: each output row is the table row of its id, and the weight gradient
 * sums the upstream rows per id.
 */
class EmbeddingProperties implements LayerContract {

  @Override
  @Provide
  public Arbitrary<LayerCase> layerCases() {
    return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4), modes())
        .flatAs((vocabulary, features, batch, time, mode) -> Combinators.combine(
                tensors(Shape.of(vocabulary, features), -1, 1),
                Arbitraries.integers().between(0, vocabulary - 1).array(int[].class).ofSize(batch * time))
            .as((w, ids) -> new LayerCase(new Embedding(w),
                Tensor.of(java.util.Arrays.stream(ids).asDoubleStream().toArray(), batch, time), mode)));
  }

  /** Replaces law (a): the ids get a zero gradient, and perturbed ids are rejected with the id and position. */
  @Override
  @Property(tries = 200)
  public void inputGradientMatchesFiniteDifferences(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Forward f = c.layer().forward(c.input(), c.mode());
    Tensor g = Tensor.of(Key.of(seed).normal(f.output().size()), f.output().shape());
    assertEquals(Tensor.zeros(c.input().shape()), f.backward().apply(g).input());
    double[] bumped = c.input().toArray();
    bumped[bumped.length - 1] += 1e-6;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.layer().forward(Tensor.of(bumped, c.input().shape()), c.mode()));
    assertTrue(e.getMessage().startsWith("Embedding expects whole-number ids in [0, "), e.getMessage());
  }

  /**
   * Replaces law (i): ids are not values that could propagate, so a NaN or ±∞ id is rejected with
   * the id and its position, never looked up as some row.
   */
  @Override
  @Property(tries = 100)
  public void nonFiniteInputsPropagate(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Key key = Key.of(seed);
    double[] ids = c.input().toArray();
    ids[key.uniformInt(ids.length)] = new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}[key.foldIn(1).uniformInt(3)];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.layer().forward(Tensor.of(ids, c.input().shape()), c.mode()));
    assertTrue(e.getMessage().startsWith("Embedding expects whole-number ids in [0, "), e.getMessage());
  }

  /**
   * Replaces law (b) with the same check on a layer whose real-valued input is ignored and whose ids
   * are fixed: central differences of the table against the backward pass, tolerance as the contract's.
   */
  @Override
  @Property(tries = 200)
  public void parameterGradientsMatchFiniteDifferences(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Layer fixed = new FixedIds((Embedding) c.layer(), c.input());
    GradientCheck.standard().layer(fixed, Tensor.zeros(1), c.mode(), Key.of(seed)).assertPasses(gradientTolerance());
  }

  /** The embedding of fixed ids, as a function of its table alone (the input is ignored). */
  private record FixedIds(Embedding table, Tensor ids) implements Layer {
    @Override
    public Forward forward(Tensor ignored, Mode mode) {
      Forward f = table.forward(ids, mode);
      return new Forward(f.output(), g -> new Grads(Tensor.zeros(ignored.shape()), f.backward().apply(g).params()), this);
    }

    @Override
    public purenet.tree.Tree params() {
      return table.params();
    }

    @Override
    public Layer withParams(purenet.tree.Tree params) {
      return new FixedIds((Embedding) table.withParams(params), ids);
    }
  }

  /** y[b, t, :] = W[id[b, t], :]. */
  @Property(tries = 200)
  void looksUpRows(@ForAll("layerCases") LayerCase c) {
    Embedding e = (Embedding) c.layer();
    Tensor y = e.apply(c.input());
    for (int p = 0; p < c.input().size(); p++) {
      int id = (int) c.input().at(p);
      for (int j = 0; j < e.features(); j++) {
        assertEquals(e.weight().get(id, j), y.at(p * e.features() + j), 0.0);
      }
    }
  }

  /** ∂L/∂W[v, :] = Σ_{p : id[p] = v} g[p, :], exactly (the same additions in position order). */
  @Property(tries = 200)
  void weightGradientSumsRowsPerId(@ForAll("layerCases") LayerCase c, @ForAll long seed) {
    Embedding e = (Embedding) c.layer();
    Forward f = e.forward(c.input(), c.mode());
    Tensor g = Tensor.of(Key.of(seed).normal(f.output().size()), f.output().shape());
    double[] expected = new double[e.weight().size()];
    for (int p = 0; p < c.input().size(); p++) {
      int id = (int) c.input().at(p);
      for (int j = 0; j < e.features(); j++) {
        expected[id * e.features() + j] += g.at(p * e.features() + j);
      }
    }
    assertEquals(Tensor.of(expected, e.weight().shape()), f.backward().apply(g).params().tensor("weight"));
  }

  /** An id at or above V, below 0, or not finite is rejected with its value and position. */
  @Property(tries = 100)
  void rejectsIdsOutsideTheVocabulary(@ForAll @IntRange(min = 1, max = 6) int vocabulary,
      @ForAll @IntRange(min = 0, max = 3) int which) {
    Embedding e = Embedding.of(vocabulary, 2, Key.of(vocabulary));
    double bad = new double[] {vocabulary, -1, Double.NaN, Double.POSITIVE_INFINITY}[which];
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> e.apply(Tensor.of(new double[] {0, bad}, 1, 2)));
    assertEquals("Embedding expects whole-number ids in [0, " + vocabulary + "), got " + bad
        + " at index (0, 1) of ids (1, 2)", x.getMessage());
  }
}
