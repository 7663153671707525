package purenet.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

class RegularizerTest {

  private static final Tensor W = Tensor.of(new double[][] {{1, -2}, {0, 3}});

  @Test
  void penaltiesOfAKnownMatrix() {
    // Σw² = 14, Σ|w| = 6.
    assertEquals(0.7, new L2(0.1).apply(W).value(), 1e-15);
    // Gradients: one product or sum per element, so within 1e-15 of the decimal values.
    assertTrue(new L2(0.1).apply(W).gradient().allClose(Tensor.of(new double[][] {{0.1, -0.2}, {0, 0.3}}), 1e-15, 0));
    assertEquals(0.6, new L1(0.1).apply(W).value(), 1e-15);
    assertEquals(Tensor.of(new double[][] {{0.1, -0.1}, {0, 0.1}}), new L1(0.1).apply(W).gradient());
    assertEquals(0.6 + 0.7 * 2, new ElasticNet(0.1, 0.2).apply(W).value(), 1e-15);
    assertTrue(new ElasticNet(0.1, 0.2).apply(W).gradient().allClose(Tensor.of(new double[][] {{0.3, -0.5}, {0, 0.7}}), 1e-15, 0));
  }

  @Test
  void theSeedWorkedExamplesPenalty() {
    // Seed 001: λ = 0.1, w1 = 0.5, w2 = 0.3: λ/2·(0.25 + 0.09) = 0.017, gradients 0.05 and 0.03.
    Tree params = Tree.empty()
        .with("0", Tree.empty().with("weight", Tensor.of(new double[] {0.5}, 1, 1)))
        .with("1", Tree.empty().with("weight", Tensor.of(new double[] {0.3}, 1, 1)));
    TreePenalty p = Penalized.weights(new L2(0.1)).apply(params);
    assertEquals(0.017, p.value(), 1e-15);
    assertEquals(0.05, p.gradient().tensor("0/weight").item(), 1e-15);
    assertEquals(0.03, p.gradient().tensor("1/weight").item(), 1e-15);
  }

  @Test
  void defaultSelectionIsWeightsAndKernels() {
    var weights = Selector.weights();
    for (String yes : Vector.of("weight", "0/weight", "conv/kernel", "cell/recurrentWeight", "a/b/inputKernel")) {
      assertTrue(weights.test(yes), yes);
    }
    for (String no : Vector.of("0/bias", "bn/gamma", "bn/beta", "weights", "1/scale", "weight/bias")) {
      assertTrue(!weights.test(no), no);
    }
    assertTrue(Selector.under("1").test("1/weight"));
    assertTrue(!Selector.under("1").test("10/weight"));
  }

  @Test
  void maxNormScalesOnlyTheColumnsAboveTheBound() {
    Tensor w = Tensor.of(new double[][] {{3, 0.1}, {4, 0.2}});
    Tensor p = MaxNorm.of(1.0).apply(w);
    assertTrue(p.allClose(Tensor.of(new double[][] {{0.6, 0.1}, {0.8, 0.2}}), 1e-15, 0));
    Tensor rows = MaxNorm.of(1.0, 1).apply(Tensor.of(new double[][] {{3, 4}, {0.1, 0.2}}));
    assertTrue(rows.allClose(Tensor.of(new double[][] {{0.6, 0.8}, {0.1, 0.2}}), 1e-15, 0), "axis 1: row norms");
  }

  @Test
  void badHyperparametersFailAtConstructionNamingTheValue() {
    assertEquals("L2 lambda must be >= 0 and finite, got -0.1",
        assertThrows(IllegalArgumentException.class, () -> new L2(-0.1)).getMessage());
    assertEquals("max-norm must be > 0 and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> MaxNorm.of(0)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MaxNorm.of(1, 0, 0)).getMessage().contains("distinct"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MaxNorm.of(1, 2).apply(W)).getMessage()
        .contains("axis 2 is out of range for weights (2, 2)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MinMaxNorm.of(2, 1)).getMessage()
        .contains("min 2.0 and max 1.0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SoftSharing.weights("a", "a/b", 1)).getMessage()
        .contains("disjoint"));
  }
}
