package purenet.examples;

import io.vavr.collection.Vector;
import java.util.function.ToDoubleFunction;

/**
 * One measurement of a variant's repeated runs, in seed order, and how it compares with another
 * variant's runs of the same seeds (the examples that train each variant from several seeds).
 *
 * @param values the measurement of each run; never empty
 */
public record Seeds(Vector<Double> values) {

  /** Requires at least one value. */
  public Seeds {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("Seeds needs at least one run, got none");
    }
  }

  /** The measurement {@code f} of each run. */
  public static <R> Seeds of(Vector<R> runs, ToDoubleFunction<R> f) {
    return new Seeds(runs.map(f::applyAsDouble));
  }

  /** The mean over the runs. */
  public double mean() {
    return values.sum().doubleValue() / values.size();
  }

  /** The sample standard deviation over the runs (n − 1 in the denominator; 0 for a single run). */
  public double sd() {
    double m = mean();
    return values.size() < 2 ? 0
        : Math.sqrt(values.map(v -> (v - m) * (v - m)).sum().doubleValue() / (values.size() - 1));
  }

  /** In how many seeds this value is strictly above {@code baseline}'s value of the same seed. */
  public int wins(Seeds baseline) {
    return values.zip(baseline.values()).count(p -> p._1 > p._2);
  }
}
