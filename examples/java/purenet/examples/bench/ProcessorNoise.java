package purenet.examples.bench;

/**
 * How steady one processor is: one {@link Workload} run in slices of wall-clock time, printing the
 * items per second of each slice, one per line ({@code seconds-since-start rate}).
 *
 * <p>{@code scripts/processor-noise.sh} runs a copy pinned to each processor at once and sets the
 * columns side by side. On this virtual machine, one processor at a time slows down (host
 * contention) while the other keeps its speed, for tens of seconds: a benchmark whose two sides run
 * on different processors then measures the processors, not the code, which is why
 * {@code scripts/bench-vs-pytorch.sh} runs purenet and PyTorch on the same ones.
 *
 * <pre>
 *   scripts/processor-noise.sh [seconds, default 60] [workload, default gemm-256]
 *   java --add-modules=jdk.incubator.vector -cp ... purenet.examples.bench.ProcessorNoise seconds workload
 * </pre>
 */
public final class ProcessorNoise {
  /** Length of one slice, in seconds. */
  static final double SLICE_SECONDS = 0.5;
  /**
   * Warm-up before the first slice, in seconds: pinned to one processor, the JIT compiler shares it
   * with the step, and after 5 s a 256² product still had phases at a fifth of its speed.
   */
  static final double WARM_UP_SECONDS = 15;

  private ProcessorNoise() {}

  /**
   * Runs {@code step} for {@code slices} slices of {@code sliceSeconds} each, after a warm-up of
   * {@code warmUpSeconds}.
   *
   * @return the steps per second of each slice, in order
   */
  static double[] rates(Runnable step, int slices, double sliceSeconds, double warmUpSeconds) {
    runFor(step, warmUpSeconds);
    double[] rates = new double[slices];
    for (int s = 0; s < slices; s++) {
      rates[s] = runFor(step, sliceSeconds);
    }
    return rates;
  }

  /** Runs {@code step} for at least {@code seconds} of wall-clock time; returns steps per second. */
  private static double runFor(Runnable step, double seconds) {
    double[] run = VsPyTorch.timed(step, seconds);
    return run[0] / run[1];
  }

  /**
   * Prints one line per slice.
   *
   * @param args seconds to measure, then a {@link Workload} name
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ProcessorNoise seconds workload");
      System.exit(2);
    }
    Workload workload = Workload.named(args[1]);
    int slices = (int) Math.ceil(Double.parseDouble(args[0]) / SLICE_SECONDS);
    double[] rates = rates(workload.factory().get(), slices, SLICE_SECONDS, WARM_UP_SECONDS);
    for (int s = 0; s < slices; s++) {
      System.out.printf("%.1f %.1f%n", (s + 1) * SLICE_SECONDS, rates[s] * workload.items());
    }
  }
}
