package purenet.spark;

import java.io.Serializable;

/**
 * One training of a sweep, as a serializable function: a configuration and a seed in, a result
 * out. It must be pure (everything random drawn from the seed), so a task gives the same result
 * on any executor, or when Spark retries it.
 *
 * @param <C> the configuration type
 * @param <R> the result type; serializable
 */
@FunctionalInterface
public interface SweepTask<C, R> extends Serializable {

  /**
   * Trains one configuration from one seed.
   *
   * @param configuration the configuration
   * @param seed          the seed
   * @return what the training measured
   */
  R run(C configuration, long seed);
}
