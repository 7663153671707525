package purenet.spark;

import java.io.Serializable;

/**
 * One row of a sweep's results table.
 *
 * @param configuration the configuration trained
 * @param seed          the seed it was trained from
 * @param result        what the training measured
 * @param <C>           the configuration type
 * @param <R>           the result type
 */
public record SweepResult<C, R>(C configuration, long seed, R result) implements Serializable {}
