package purenet.spark;

import java.io.Serializable;

/**
 * Where the time of a distributed training went.
 *
 * @param wallNanos    the whole run, measured on the driver
 * @param computeNanos Σ over rounds of the longest time one partition spent computing (forward,
 *                     backward, and for local SGD its local updates): the time of the critical path
 * @param driverNanos  time the driver spent applying updates and averaging
 * @param examples     examples processed (global batch × steps)
 */
public record Timing(long wallNanos, long computeNanos, long driverNanos, long examples) implements Serializable {

  /**
   * {@return everything else: broadcasting parameters, serializing, scheduling tasks and gathering
   * results, wall − compute − driver (never below 0)}
   */
  public long communicationNanos() {
    return Math.max(0, wallNanos - computeNanos - driverNanos);
  }

  /** {@return examples per second of wall time} */
  public double examplesPerSecond() {
    return wallNanos == 0 ? 0 : examples * 1e9 / wallNanos;
  }

  /**
   * {@return the sum of two timings (consecutive runs)}
   *
   * @param other the times of other steps
   */
  public Timing plus(Timing other) {
    return new Timing(wallNanos + other.wallNanos, computeNanos + other.computeNanos, driverNanos + other.driverNanos,
        examples + other.examples);
  }

  /** {@return nothing yet} */
  public static Timing zero() {
    return new Timing(0, 0, 0, 0);
  }
}
