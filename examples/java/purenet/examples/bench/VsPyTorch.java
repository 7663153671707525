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
 * <p>For each {@link Workload}: both warm up (purenet for at least 3 s of process CPU time and until
 * its throughput has settled, so that the JIT has compiled the hot loops even on a loaded machine),
 * then {@code rounds} times purenet runs for {@code seconds} and each PyTorch configuration runs for
 * {@code seconds}. A row shows the median throughput of each
 * (items per second of wall-clock time: images, sequences, inferences or products), the ratio
 * purenet / PyTorch of the medians (above 1 means purenet is faster), the same ratio per second of
 * process CPU time (all threads; on a machine loaded by other work this is the steadier of the
 * two, while the wall-clock ratio is what a user waits for), and the bytes purenet allocates per step, summed
 * over all live threads ({@code com.sun.management.ThreadMXBean}). PyTorch runs in a child process,
 * {@code scripts/bench_torch.py}, which answers {@code run <workload> <seconds>} with
 * {@code <steps> <elapsed seconds>} on its standard output.
 *
 * <p>Usually started by {@code scripts/bench-vs-pytorch.sh [threads]}, which sets
 * {@code purenet.threads} and PyTorch's thread count to the same value and, above one thread, also
 * runs PyTorch at one thread: PyTorch's OpenMP and OpenBLAS threads contend on two cores and often
 * make it slower at two threads than at one, and beating a configuration no one would choose proves
 * nothing, so a row compares against PyTorch's fastest (named in the last column). The PyTorch
 * commands are separated by {@code |}. Without PyTorch (argument {@code none}) only purenet's
 * columns are filled. Wall-clock numbers depend on the machine and its
 * load; the ratio is what the alternation makes comparable.
 *
 * <p>The script starts one JVM per workload, as JMH forks one per benchmark: the JIT's profiles are
 * shared by everything a JVM runs, and on JDK 17 the Vector API kernels of one workload can make C2
 * give up intrinsifying another's (see {@code README.md}, "Speed"), so a row measured after other
 * workloads would depend on the order of the table rather than on the workload. {@code --no-header}
 * leaves out the title and the table head (for the rows after the first JVM's); {@code --list}
 * prints the workload names, one per line.
 *
 * <pre>
 *   java --add-modules=jdk.incubator.vector -Dpurenet.threads=1 -cp ... purenet.examples.bench.VsPyTorch \
 *       [--no-header] [seconds per round, 1.5] [rounds, 5] [torch command|torch command..., or none] [workload ...]
 *   java -cp ... purenet.examples.bench.VsPyTorch --list
 * </pre>
 */
public final class VsPyTorch {
  private VsPyTorch() {}

  /**
   * One measured row.
   *
   * @param workload       the workload
   * @param purenet        purenet's median items per second
   * @param torch          PyTorch's median items per second in its fastest configuration, NaN when
   *                       PyTorch did not run
   * @param torchBest      the banner of that configuration (its thread count), empty without PyTorch
   * @param bytesPerStep   bytes purenet allocated per step
   * @param cpuRatio       purenet / PyTorch items per second of process CPU time (PyTorch in its
   *                       fastest configuration), NaN without PyTorch
   */
  public record Row(Workload workload, double purenet, double torch, String torchBest, double bytesPerStep,
      double cpuRatio) {

    /** purenet / PyTorch throughput, NaN without PyTorch. */
    public double ratio() {
      return purenet / torch;
    }

    @Override
    public String toString() {
      return String.format("| %-36s | %12.1f | %12s | %6s | %9s | %9.2f | %s", workload.title(), purenet,
          Double.isNaN(torch) ? "-" : String.format("%.1f", torch),
          Double.isNaN(torch) ? "-" : String.format("%.2f", ratio()),
          Double.isNaN(cpuRatio) ? "-" : String.format("%.2f", cpuRatio), bytesPerStep / 1e6, torchBest);
    }
  }

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--list")) {
      Workload.all().forEach(w -> System.out.println(w.name()));
      return;
    }
    boolean header = args.length == 0 || !args[0].equals("--no-header");
    if (!header) {
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String torchCommands = args.length > 2 ? args[2] : "none";
    List<Workload> workloads = args.length > 3
        ? Arrays.stream(args, 3, args.length).map(Workload::named).toList() : Workload.all();
    List<Torch> torches = new ArrayList<>();
    try {
      if (!torchCommands.equals("none")) {
        for (String command : torchCommands.split("\\|")) {
          torches.add(Torch.start(command));
        }
      }
      if (header) {
        System.out.printf("purenet vs %s, float64, purenet.threads=%s, purenet.gemm=%s, jdk.incubator.vector %s%n",
            torches.isEmpty() ? "nothing (PyTorch absent)" : torches.stream().map(t -> t.banner).toList(),
            System.getProperty("purenet.threads", "default"), System.getProperty("purenet.gemm", "auto"),
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "present" : "absent");
        System.out.printf("%d rounds of %.1f s each, alternating; throughput = median items/s; ratio = purenet / "
            + "PyTorch in its fastest configuration (last column)%n", rounds, seconds);
        System.out.println("| workload                             |  purenet /s  |  PyTorch /s  |  ratio | ratio CPU | MB/step   |");
        System.out.println("|--------------------------------------|--------------|--------------|--------|-----------|-----------|");
      }
      for (Workload w : workloads) {
        System.out.println(measure(w, seconds, rounds, torches));
      }
    } finally {
      torches.forEach(Torch::close);
    }
  }

  /** Measures one workload, alternating with each PyTorch configuration in {@code torches}. */
  public static Row measure(Workload w, double seconds, int rounds, List<Torch> torches) throws IOException {
    return measure(w, seconds, rounds, WARM_UP_CPU_SECONDS, torches);
  }

  /**
   * Measures one workload after a warm-up of at least {@code warmUpCpuSeconds} of process CPU time
   * that lasts until purenet's throughput has settled.
   *
   * @param w                the workload
   * @param seconds          wall-clock seconds per round and side
   * @param rounds           rounds, alternating purenet and each PyTorch configuration
   * @param warmUpCpuSeconds least process CPU seconds of purenet's warm-up
   * @param torches          the PyTorch configurations (for instance 1 and 2 threads), possibly none;
   *                         the row compares against the fastest by median
   * @return the row
   * @throws IOException if a PyTorch process fails
   */
  public static Row measure(Workload w, double seconds, int rounds, double warmUpCpuSeconds, List<Torch> torches)
      throws IOException {
    Runnable step = w.factory().get();
    // Warm-up by CPU time, not wall time: on a loaded machine the JIT compiler threads get little of
    // the wall clock, and a warm-up by the clock would time interpreted code.
    warmUp(step, warmUpCpuSeconds, Math.min(seconds, WARM_UP_CHUNK_SECONDS));
    for (Torch torch : torches) {
      torch.run(w, seconds);
    }
    double[] ours = new double[rounds];
    double[] oursCpu = new double[rounds];
    double[][] theirs = new double[torches.size()][rounds];
    double[][] theirsCpu = new double[torches.size()][rounds];
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
      for (int t = 0; t < torches.size(); t++) {
        double[] their = torches.get(t).run(w, seconds);
        theirs[t][r] = their[0] * w.items();
        theirsCpu[t][r] = their[1] * w.items();
      }
    }
    int best = -1;
    for (int t = 0; t < torches.size(); t++) {
      if (best < 0 || median(theirs[t]) > median(theirs[best])) {
        best = t;
      }
    }
    return best < 0
        ? new Row(w, median(ours), Double.NaN, "", bytes / steps, Double.NaN)
        : new Row(w, median(ours), median(theirs[best]), torches.get(best).banner, bytes / steps,
            median(oursCpu) / median(theirsCpu[best]));
  }


  /** Least process CPU seconds (all threads, including the JIT compilers) spent warming up each workload. */
  private static final double WARM_UP_CPU_SECONDS = 3;
  /** Most process CPU seconds of a warm-up that never settles. */
  private static final double WARM_UP_MAX_CPU_SECONDS = 40;
  /** Wall-clock seconds of one warm-up chunk. */
  private static final double WARM_UP_CHUNK_SECONDS = 0.5;
  /** Chunks whose throughputs must agree before the warm-up ends. */
  private static final int SETTLED_CHUNKS = 4;
  /** How closely they must agree: the slowest at least this fraction of the fastest. */
  private static final double SETTLED_SPREAD = 0.95;

  /**
   * Runs {@code step} in chunks of {@code chunkSeconds} (at most {@value #WARM_UP_CHUNK_SECONDS} s) until the process has used at
   * least {@code cpuSeconds} more CPU time and the last {@value #SETTLED_CHUNKS} chunks ran at
   * throughputs within 5 % of each other (at most {@value #WARM_UP_MAX_CPU_SECONDS} CPU seconds).
   *
   * <p>Why not a fixed warm-up: C2 compiles the Vector API kernels in several passes and sometimes
   * deoptimises them on the way, so a training step reaches its steady speed after 6–13 s on this
   * machine, with phases at a tenth of it in between. A fixed 3 s warm-up timed those phases and
   * reported half the steady throughput, which is not what a run of minutes sees.
   */
  private static void warmUp(Runnable step, double cpuSeconds, double chunkSeconds) {
    long start = processCpuNanos();
    long least = start + (long) (cpuSeconds * 1e9);
    long most = start + (long) (WARM_UP_MAX_CPU_SECONDS * 1e9);
    double[] recent = new double[SETTLED_CHUNKS];
    int chunks = 0;
    while (true) {
      double[] run = timed(step, chunkSeconds);
      recent[chunks++ % SETTLED_CHUNKS] = run[0] / run[1];
      long now = processCpuNanos();
      if (now >= most || now >= least && chunks >= SETTLED_CHUNKS
          && Arrays.stream(recent).min().orElseThrow() >= SETTLED_SPREAD * Arrays.stream(recent).max().orElseThrow()) {
        return;
      }
    }
  }

  /** Runs {@code step} until {@code seconds} have passed: {steps, elapsed seconds}. */
  static double[] timed(Runnable step, double seconds) {
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
