package purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Vector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import purenet.data.Dataset;
import purenet.examples.BiasVariance.Config;
import purenet.examples.BiasVariance.Result;
import purenet.examples.BiasVariance.Row;
import purenet.random.Key;
import purenet.spark.LocalSpark;
import purenet.tensor.Tensor;

/**
 * Smoke test of the bias-variance example: the table, purity, the plot, the trained model against
 * the closed-form ridge optimum, and the direction of the trade-off.
 */
class BiasVarianceTest {

  private static Config config(int dataSets, Vector<Double> lnLambdas, int steps) {
    return new Config(25, 0.3, 24, 0.1, dataSets, lnLambdas, steps, 200, Key.of(3));
  }

  private static final Config TINY = config(3, Vector.of(-3.0, 0.0), 100);

  @Test
  void everyLambdaGetsARow() {
    Result r = BiasVariance.run(TINY);
    assertEquals(Vector.of(-3.0, 0.0), r.rows().map(Row::lnLambda));
    for (Row row : r.rows()) {
      assertEquals(0.09, row.noise(), 1e-15);
      assertEquals(row.bias2() + row.variance() + row.noise(), row.expectedError());
      assertTrue(row.bias2() > 0 && row.variance() > 0 && row.testError() > 0 && row.trainError() > 0
          && Double.isFinite(row.vsOptimum()), row.toString());
    }
    assertEquals(3, r.lines().size());
  }

  @Test
  void runIsPure() {
    assertEquals(BiasVariance.run(TINY), BiasVariance.run(TINY));
  }

  @Test
  void plotIsWritten(@TempDir Path dir) throws Exception {
    BiasVariance.plot(BiasVariance.run(TINY), dir);
    assertTrue(Files.size(dir.resolve("bias-variance.png")) > 1000);
  }

  @Test
  void ridgeWeightsSolveTheNormalEquations() {
    Config c = TINY;
    Dataset d = BiasVariance.dataSets(c).apply(Key.of(11));
    double lambda = Math.exp(-6);
    Tensor w = BiasVariance.ridgeWeights(d, c, lambda);
    Tensor a = Tensor.concat(1, BiasVariance.features(d.features(), c), Tensor.ones(d.size(), 1));
    // ∇E = Aᵀ(Aw − t) + λ·(w, 0) = 0; 1e-9 relative to the size of Aᵀt (Cholesky on a κ ≈ 1e5 system).
    Tensor penalised = w.mul(Tensor.generate(w.shape(), i -> i < c.basis() ? lambda : 0));
    Tensor gradient = a.transposedMatmul(a.matmul(w).sub(d.labels())).add(penalised);
    assertTrue(gradient.abs().max() <= 1e-9 * a.transposedMatmul(d.labels()).abs().max(), gradient.toString());
  }

  @Test
  void theTrainedModelReachesTheClosedFormOptimum() {
    Config c = config(2, Vector.of(-2.0), 2000);
    Dataset d = BiasVariance.dataSets(c).apply(Key.of(5));
    Tensor x = Tensor.generate(purenet.tensor.Shape.of(101, 1), i -> i / 100.0);
    for (double lnLambda : new double[] {-2, 0}) {
      double lambda = Math.exp(lnLambda);
      Tensor trained = BiasVariance.ridge(c, lambda).fit(d, Key.of(0)).apply(x);
      Tensor exact = BiasVariance.exactRidge(c, lambda).fit(d, Key.of(0)).apply(x);
      // Predictions of order 1: 1e-6 relative to the largest exact prediction.
      assertTrue(trained.maxAbsDifference(exact) <= 1e-6 * exact.abs().max(),
          "ln λ = " + lnLambda + ": " + trained.maxAbsDifference(exact));
    }
  }

  @Test
  void biasGrowsAndVarianceShrinksWithLambda() {
    Result r = BiasVariance.run(config(20, Vector.of(-2.0, 0.0, 2.0), 800));
    Vector<Row> rows = r.rows();
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).bias2() > rows.get(i - 1).bias2(), r.lines().mkString("\n"));
      assertTrue(rows.get(i).variance() < rows.get(i - 1).variance(), r.lines().mkString("\n"));
    }
  }

  @Test
  void badSettingsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Config(25, 0.3, 24, 0.1, 1, Vector.of(0.0), 10, 10, Key.of(0)));
    assertTrue(e.getMessage().contains("dataSets >= 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Config(25, 0.3, 24, 0.0, 2, Vector.of(0.0), 10, 10, Key.of(0)));
    assertTrue(e.getMessage().contains("width > 0"), e.getMessage());
  }

  @Test
  void theSparkModeReproducesTheLocalTableBitForBit() {
    Result local = BiasVariance.run(TINY);
    Result spark = BiasVariance.runOnSpark(LocalSpark.context(), TINY);
    assertEquals(local, spark, "every number of every row is the same bits");
    assertEquals(local.lines(), spark.lines());
  }
}
