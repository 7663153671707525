package purenet.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * purenet against PyTorch (float64), workload by workload, alternating between the two in one run
 * so that both see the same machine load: the table of issue #13.
 *
 * <p>For each {@link Workload}: both warm up (purenet for 3 s of process CPU
 * time, so that the JIT has compiled the hot loops even on a loaded machine), then {@code rounds} times purenet runs for
 * {@code seconds} and PyTorch runs for {@code seconds}. A row shows the median throughput of each
 * (items per second of wall-clock time: images, sequences, inferences or products), the ratio
 * purenet / PyTorch of the medians (above 1 means purenet is faster), the same ratio per second of
 * process CPU time (all threads; on a machine loaded by other work this is the steadier of the
 * two, while the wall-clock ratio is what a user waits for), and the bytes purenet allocates per step, summed
 * over all live threads ({@code com.sun.management.ThreadMXBean}). PyTorch runs in a child process,
 * {@code scripts/bench_torch.py}, which answers {@code run <workload> <seconds>} with
 * {@code <steps> <elapsed seconds>} on its standard output.
 *
 * <p>Usually started by {@code scripts/bench-vs-pytorch.sh [threads]}, which sets
 * {@code purenet.threads} and PyTorch's thread count to the same value. Without PyTorch (argument
 * {@code none}) only purenet's columns are filled. Wall-clock numbers depend on the machine and its
 * load; the ratio is what the alternation makes comparable.
 *
 * <pre>
 *   java --add-modules=jdk.incubator.vector -Dpurenet.threads=1 -cp ... purenet.examples.bench.VsPyTorch \
 *       [seconds per round, 1.5] [rounds, 5] [torch command, or none] [workload ...]
 * </pre>
 */
public final class VsPyTorch {
  private VsPyTorch() {}

  /**
   * One measured row.
   *
   * @param workload       the workload
   * @param purenet        purenet's median items per second
   * @param torch          PyTorch's median items per second, NaN when PyTorch did not run
   * @param bytesPerStep   bytes purenet allocated per step
   * @param cpuRatio       purenet / PyTorch items per second of process CPU time, NaN without PyTorch
   */
  public record Row(Workload workload, double purenet, double torch, double bytesPerStep, double cpuRatio) {

    /** purenet / PyTorch throughput, NaN without PyTorch. */
    public double ratio() {
      return purenet / torch;
    }

    @Override
    public String toString() {
      return String.format("| %-36s | %12.1f | %12s | %6s | %9s | %9.2f |", workload.title(), purenet,
          Double.isNaN(torch) ? "-" : String.format("%.1f", torch),
          Double.isNaN(torch) ? "-" : String.format("%.2f", ratio()),
          Double.isNaN(cpuRatio) ? "-" : String.format("%.2f", cpuRatio), bytesPerStep / 1e6);
    }
  }

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String torchCommand = args.length > 2 ? args[2] : "none";
    List<Workload> workloads = args.length > 3
        ? Arrays.stream(args, 3, args.length).map(Workload::named).toList() : Workload.all();
    Torch torch = torchCommand.equals("none") ? null : Torch.start(torchCommand);
    System.out.printf("purenet vs %s, float64, purenet.threads=%s, purenet.gemm=%s, jdk.incubator.vector %s%n",
        torch == null ? "nothing (PyTorch absent)" : torch.banner,
        System.getProperty("purenet.threads", "default"), System.getProperty("purenet.gemm", "auto"),
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "present" : "absent");
    System.out.printf("%d rounds of %.1f s each, alternating; throughput = median items/s; ratio = purenet / PyTorch%n",
        rounds, seconds);
    System.out.println("| workload                             |  purenet /s  |  PyTorch /s  |  ratio | ratio CPU | MB/step   |");
    System.out.println("|--------------------------------------|--------------|--------------|--------|-----------|-----------|");
    try {
      for (Workload w : workloads) {
        System.out.println(measure(w, seconds, rounds, torch));
      }
    } finally {
      if (torch != null) {
        torch.close();
      }
    }
  }

  /** Measures one workload, alternating with PyTorch when {@code torch} is not null. */
  public static Row measure(Workload w, double seconds, int rounds, Torch torch) throws IOException {
    return measure(w, seconds, rounds, WARM_UP_CPU_SECONDS, torch);
  }

  /**
   * Measures one workload after a warm-up of {@code warmUpCpuSeconds} of process CPU time.
   *
   * @param w                the workload
   * @param seconds          wall-clock seconds per round and side
   * @param rounds           rounds, alternating purenet and PyTorch
   * @param warmUpCpuSeconds process CPU seconds of purenet's warm-up (at least 3 steps run)
   * @param torch            the PyTorch side, or null
   * @return the row
   * @throws IOException if the PyTorch process fails
   */
  public static Row measure(Workload w, double seconds, int rounds, double warmUpCpuSeconds, Torch torch)
      throws IOException {
    Runnable step = w.factory().get();
    // Warm-up by CPU time, not wall time: on a loaded machine the JIT compiler threads get little of
    // the wall clock, and a warm-up by the clock would time interpreted code.
    warmUp(step, warmUpCpuSeconds);
    if (torch != null) {
      torch.run(w, seconds);
    }
    double[] ours = new double[rounds];
    double[] theirs = new double[rounds];
    double[] oursCpu = new double[rounds];
    double[] theirsCpu = new double[rounds];
    double bytes = 0;
    long steps = 0;
    for (int r = 0; r < rounds; r++) {
      long before = allocatedBytes();
      long cpu = processCpuNanos();
      double[] run = timed(step, seconds);
      oursCpu[r] = run[0] * w.items() / ((processCpuNanos() - cpu) / 1e9);
      bytes += allocatedBytes() - before;
      steps += (long) run[0];
      ours[r] = run[0] * w.items() / run[1];
      double[] their = torch == null ? new double[] {Double.NaN, Double.NaN} : torch.run(w, seconds);
      theirs[r] = their[0] * w.items();
      theirsCpu[r] = their[1] * w.items();
    }
    return new Row(w, median(ours), median(theirs), bytes / steps, median(oursCpu) / median(theirsCpu));
  }

  /** Process CPU seconds (all threads, including the JIT compilers) spent warming up each workload. */
  private static final double WARM_UP_CPU_SECONDS = 3;

  /** Runs {@code step} until the process has used {@code cpuSeconds} more CPU time (at least 3 steps). */
  private static void warmUp(Runnable step, double cpuSeconds) {
    long end = processCpuNanos() + (long) (cpuSeconds * 1e9);
    int n = 0;
    while (n < 3 || processCpuNanos() < end) {
      step.run();
      n++;
    }
  }

  /** Runs {@code step} until {@code seconds} have passed: {steps, elapsed seconds}. */
  private static double[] timed(Runnable step, double seconds) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long n = 0;
    long now;
    do {
      step.run();
      n++;
      now = System.nanoTime();
    } while (now < end);
    return new double[] {n, (now - start) / 1e9};
  }

  /** CPU time of this process (all threads), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Bytes allocated so far by all live threads (the caller and the kernel's workers). */
  private static long allocatedBytes() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long b : bean.getThreadAllocatedBytes(bean.getAllThreadIds())) {
      sum += Math.max(0, b);
    }
    return sum;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The PyTorch side: a child process speaking the line protocol of the class comment. */
  public static final class Torch implements AutoCloseable {
    private final Process process;
    private final BufferedReader in;
    private final PrintWriter out;
    private final String banner;

    private Torch(Process process) throws IOException {
      this.process = process;
      this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.banner = readLine();
    }

    /** Starts the command (split on spaces), which must print a one-line banner first. */
    public static Torch start(String command) throws IOException {
      List<String> parts = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
      ProcessBuilder pb = new ProcessBuilder(parts).redirectError(ProcessBuilder.Redirect.INHERIT);
      return new Torch(pb.start());
    }

    /** Runs the workload for about {@code seconds}: {steps per wall second, steps per CPU second}. */
    double[] run(Workload w, double seconds) throws IOException {
      out.println("run " + w.name() + " " + seconds);
      String[] reply = readLine().trim().split("\\s+");
      double steps = Double.parseDouble(reply[0]);
      return new double[] {steps / Double.parseDouble(reply[1]), steps / Double.parseDouble(reply[2])};
    }

    private String readLine() throws IOException {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("the PyTorch process ended unexpectedly (exit " + waitFor() + ")");
      }
      return line;
    }

    private int waitFor() {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    @Override
    public void close() {
      out.println("quit");
      waitFor();
    }
  }
}
