package purenet.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Throughput of the matrix product in GFLOP/s (2mnk / seconds), for the Vector API and the scalar
 * kernel on 1 and 2 threads.
 *
 * <p>Products: 256³ and 1024³, and the three products of a dense layer 784 → 256 on a batch of
 * 128: the forward x·W (128×784)·(784×256), the weight gradient xᵀ·g (128×784)ᵀ·(128×256) and the
 * input gradient g·Wᵀ (128×256)·(784×256)ᵀ. Each configuration runs in a fresh JVM (the kernel
 * and thread count are fixed at start-up by {@code -Dpurenet.gemm} and {@code -Dpurenet.threads}),
 * warms up, then times several repetitions and reports the best and the median.
 *
 * <p>Run with {@code mvn -q -o test-compile exec:exec -Dexample=bench.MatmulBenchmark}. Wall-clock
 * numbers on a shared machine are lower bounds: the header prints the load average.
 */
public final class MatmulBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private MatmulBenchmark() {}

  /** One product to time: C = op(A)·op(B) with op(A) m×k and op(B) k×n. */
  public record Case(String name, int m, int k, int n, boolean transA, boolean transB) {
    /** The work of one product: 2mnk floating-point operations. */
    public double flops() {
      return 2.0 * m * n * k;
    }

    BinaryOperator<Tensor> op() {
      if (transA) {
        return Tensor::transposedMatmul;
      }
      return transB ? Tensor::matmulTransposed : Tensor::matmul;
    }

    Tensor left(Key key) {
      return transA ? random(key, k, m) : random(key, m, k);
    }

    Tensor right(Key key) {
      return transB ? random(key, n, k) : random(key, k, n);
    }

    private static Tensor random(Key key, int rows, int cols) {
      return Tensor.of(key.uniform(rows * cols, -1, 1), rows, cols);
    }
  }

  /**
   * Throughput of one case in GFLOP/s: the best and the median over wall-clock time, and the mean
   * per busy core (over the CPU time of the JVM's threads, so time the machine gave to other work, and the
   * idle time of a second thread, does not count).
   */
  public record Result(Case product, double best, double median, double perCore) {}

  /** The products the table reports. */
  public static List<Case> cases() {
    return List.of(
        new Case("256x256 . 256x256", 256, 256, 256, false, false),
        new Case("1024x1024 . 1024x1024", 1024, 1024, 1024, false, false),
        new Case("x.W (128x784).(784x256)", 128, 784, 256, false, false),
        new Case("xT.g (128x784)T.(128x256)", 784, 128, 256, true, false),
        new Case("g.WT (128x256).(784x256)T", 128, 256, 784, false, true));
  }

  /**
   * Times each case in this JVM: {@code warmup} untimed products, then {@code reps} timed ones.
   */
  public static List<Result> measure(List<Case> cases, int warmup, int reps) {
    List<Result> results = new ArrayList<>();
    Key key = Key.of(42);
    for (Case c : cases) {
      Key[] keys = key.foldIn(results.size()).split(2);
      Tensor a = c.left(keys[0]);
      Tensor b = c.right(keys[1]);
      BinaryOperator<Tensor> op = c.op();
      double sink = 0;
      for (int i = 0; i < warmup; i++) {
        sink += op.apply(a, b).at(0);
      }
      double[] gflops = new double[reps];
      long cpu = cpuNanos();
      for (int i = 0; i < reps; i++) {
        long start = System.nanoTime();
        sink += op.apply(a, b).at(0);
        gflops[i] = c.flops() / (System.nanoTime() - start);
      }
      double perCore = reps * c.flops() / Math.max(1, cpuNanos() - cpu);
      if (Double.isNaN(sink)) {
        throw new IllegalStateException("the product of finite matrices was NaN");
      }
      Arrays.sort(gflops);
      results.add(new Result(c, gflops[reps - 1], gflops[reps / 2], perCore));
    }
    return results;
  }

  /**
   * Without arguments: runs every configuration in a child JVM and prints the table. With
   * {@code child}: measures in this JVM and prints one line per case for the parent.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length > 0 && args[0].equals("child")) {
      for (Result r : measure(cases(), 5, 15)) {
        System.out.println("RESULT\t" + r.product().name() + "\t" + r.best() + "\t" + r.median() + "\t" + r.perCore());
      }
      return;
    }
    boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    System.out.printf("purenet matmul benchmark: %d processors, load average %.1f (other work on the"
            + " machine lowers these numbers)%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println("GFLOP/s = 2mnk / time: best / median of 15 (wall clock) after 5 warm-up products,"
        + " and [mean per busy core] (2mnk / CPU time of all threads)\n");
    Map<String, Map<String, String>> table = new LinkedHashMap<>();
    List<String> columns = new ArrayList<>();
    for (String kernel : vector ? List.of("vector", "scalar") : List.of("scalar")) {
      for (int threads : new int[] {1, 2}) {
        String column = kernel + " " + threads + "T";
        columns.add(column);
        for (String[] row : child(kernel, threads, vector)) {
          table.computeIfAbsent(row[0], r -> new LinkedHashMap<>())
              .put(column, String.format("%5.1f / %5.1f [%4.1f]",
                  Double.parseDouble(row[1]), Double.parseDouble(row[2]), Double.parseDouble(row[3])));
        }
      }
    }
    StringBuilder header = new StringBuilder(String.format("%-28s", "product"));
    columns.forEach(c -> header.append(String.format(" | %-20s", c)));
    System.out.println(header);
    System.out.println("-".repeat(header.length()));
    table.forEach((name, row) -> {
      StringBuilder line = new StringBuilder(String.format("%-28s", name));
      columns.forEach(c -> line.append(String.format(" | %-20s", row.getOrDefault(c, "-"))));
      System.out.println(line);
    });
    if (!vector) {
      System.out.println("\n(jdk.incubator.vector is absent: only the scalar kernel ran)");
    }
  }

  /** CPU time of all live Java threads (the caller and the kernel's workers), in nanoseconds. */
  private static long cpuNanos() {
    long sum = 0;
    for (long id : THREADS.getAllThreadIds()) {
      sum += Math.max(0, THREADS.getThreadCpuTime(id));
    }
    return sum;
  }

  private static List<String[]> child(String kernel, int threads, boolean vectorModule)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    if (vectorModule) {
      command.add("--add-modules=jdk.incubator.vector");
    }
    command.addAll(List.of("-XX:+UseParallelGC", "-Dpurenet.gemm=" + kernel, "-Dpurenet.threads=" + threads,
        "-cp", System.getProperty("java.class.path"), MatmulBenchmark.class.getName(), "child"));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RESULT\t")) {
          rows.add(line.substring("RESULT\t".length()).split("\t"));
        }
      }
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException("benchmark child " + command + " exited with " + process.exitValue());
    }
    return rows;
  }
}
