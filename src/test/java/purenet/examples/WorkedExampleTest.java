package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import purenet.layer.Dense;
import purenet.net.Sequential;
import purenet.optim.AddDecayedWeights;
import purenet.optim.GradientTransform;
import purenet.optim.Optimizers;
import purenet.regularize.L2;
import purenet.regularize.Penalized;
import purenet.tensor.Tensor;
import purenet.tree.Selector;
import purenet.tree.Tree;

class WorkedExampleTest {

  // Seed 001 has regularized_loss=11.0467 from a slip (0.1/2 written as 0.005); the penalty
  // λ/2·(w1² + w2²) = 0.05·0.34 = 0.017 that its own gradients imply gives 11.0620.
  private static final List<String> EXPECTED = List.of(
      "loss=11.0450", "regularized_loss=11.0620", "grad_w1=-2.7700", "grad_w2=-4.6700",
      "w1=0.5277", "w2=0.3467");

  @Test
  void mainPrintsTheSixLinesOfSeed001() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      WorkedExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertEquals(EXPECTED, bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void runMatchesTheHandComputationToRoundingError() {
    WorkedExample.Result r = WorkedExample.run();
    // The hand values are exact decimals; double arithmetic is within a few ulps of them.
    assertEquals(11.045, r.loss(), 1e-12);
    assertEquals(11.062, r.regularizedLoss(), 1e-12);
    assertEquals(0.1 / 2 * (0.5 * 0.5 + 0.3 * 0.3), r.regularizedLoss() - r.loss(), 1e-12);
    assertEquals(-2.77, r.gradW1(), 1e-12);
    assertEquals(-4.67, r.gradW2(), 1e-12);
    assertEquals(0.5277, r.w1(), 1e-12);
    assertEquals(0.3467, r.w2(), 1e-12);
    assertEquals(EXPECTED, r.lines().toJavaList());
  }

  @Test
  void coupledAndDecoupledOptimizerChainsGiveTheSameUpdatedWeights() {
    Sequential net = Sequential.of(
        new Dense(Tensor.of(new double[] {0.5}, 1, 1), Option.none()),
        new Dense(Tensor.of(new double[] {0.3}, 1, 1), Option.none()));
    Tree params = net.params();
    // The data gradients of the seed: -4.7·0.3·2 and -4.7·1.
    Tree data = Tree.empty()
        .with("0", Tree.empty().with("weight", Tensor.of(new double[] {-2.82}, 1, 1)))
        .with("1", Tree.empty().with("weight", Tensor.of(new double[] {-4.7}, 1, 1)));
    Penalized l2 = Penalized.weights(new L2(0.1));
    // Coupled (the training step adds ∂R/∂θ before SGD) and decoupled (AddDecayedWeights before the rate).
    GradientTransform sgd = Optimizers.sgd(0.01);
    GradientTransform decoupled = GradientTransform.chain(new AddDecayedWeights(0.1, Selector.weights()), sgd);
    for (Tree next : new Tree[] {
        GradientTransform.applyUpdates(params, sgd.update(data.add(l2.apply(params).gradient()), sgd.init(params),
            params).updates()),
        GradientTransform.applyUpdates(params, decoupled.update(data, decoupled.init(params), params).updates())}) {
      assertEquals(0.5277, next.tensor("0/weight").item(), 1e-12);
      assertEquals(0.3467, next.tensor("1/weight").item(), 1e-12);
    }
  }
}
