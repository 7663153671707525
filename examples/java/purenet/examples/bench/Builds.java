package purenet.examples.bench;

import java.io.File;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Two or more builds of purenet on one {@link Workload}, in one JVM, round by round: the
 * measurement of a code change on a noisy machine.
 *
 * <p>Each build is a class path (its {@code target/classes} and {@code target/test-classes}), loaded
 * by a class loader of its own that finds every {@code purenet.*} class there first, so each build
 * has its own classes and its own compiled code, while the libraries are shared. Every round runs
 * each build's step for {@code seconds}, in forward order in even rounds and backward in odd ones,
 * so a slow stretch of the machine falls on all builds alike. The first quarter of the rounds is
 * warm-up and not counted. For each build the result is its median throughput (items per second)
 * and the median, over the counted rounds, of its throughput divided by the first build's in the
 * same round, with the quartiles of that ratio: on this machine's ±20% swings between runs, the
 * ratio of one build to another holds to a few percent. Each build runs slower than it would alone
 * (it shares the caches and the compiler with the others), so only the ratio is the result; and
 * on JDK 17 the JVM needs {@code -XX:PerMethodTrapLimit=10000}, since two copies of every Vector
 * API kernel otherwise make C2 box their vectors (README, "Speed"), which the script passes.
 *
 * <pre>
 *   scripts/bench-builds.sh [threads] workload rounds seconds tree1 tree2 ...
 *   java --add-modules=jdk.incubator.vector -XX:PerMethodTrapLimit=10000 -Dpurenet.threads=1 -cp ... \
 *       purenet.examples.bench.Builds \
 *       workload rounds seconds classpath1 classpath2 ...
 * </pre>
 */
public final class Builds {
  private Builds() {}

  /**
   * One build's result.
   *
   * @param build     the build's class path
   * @param median    median items per second over the counted rounds
   * @param ratio     median over the counted rounds of this build's throughput / the first build's
   * @param ratioLow  first quartile of that ratio
   * @param ratioHigh third quartile of that ratio
   */
  public record Result(String build, double median, double ratio, double ratioLow, double ratioHigh) {
    @Override
    public String toString() {
      return String.format("%-50s %12.1f /s   ratio to the first: %.3f  [%.3f .. %.3f]", build, median, ratio,
          ratioLow, ratioHigh);
    }
  }

  /**
   * Measures {@code builds} on the workload {@code name}.
   *
   * @param name    a {@link Workload} name
   * @param rounds  rounds, at least 4 (the first quarter is warm-up)
   * @param seconds seconds each build runs per round
   * @param builds  class paths, entries separated by the platform's path separator
   * @return one result per build, in the given order
   */
  public static List<Result> compare(String name, int rounds, double seconds, List<String> builds) {
    if (rounds < 4 || builds.isEmpty() || !(seconds > 0)) {
      throw new IllegalArgumentException("need at least 4 rounds, one build and a positive round length, got "
          + rounds + " rounds, " + builds.size() + " builds, " + seconds + " s");
    }
    Runnable[] steps = new Runnable[builds.size()];
    int items = 0;
    for (int b = 0; b < steps.length; b++) {
      Workload w = workload(loader(builds.get(b)), name);
      steps[b] = w.factory().get();
      items = w.items();
    }
    double[][] rate = new double[steps.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < steps.length; i++) {
        int b = r % 2 == 0 ? i : steps.length - 1 - i;
        double[] run = VsPyTorch.timed(steps[b], seconds);
        rate[b][r] = items * run[0] / run[1];
      }
    }
    int counted = rounds - rounds / 4;
    List<Result> results = new ArrayList<>();
    for (int b = 0; b < steps.length; b++) {
      double[] own = Arrays.copyOfRange(rate[b], rounds - counted, rounds);
      double[] ratio = new double[counted];
      for (int r = 0; r < counted; r++) {
        ratio[r] = own[r] / rate[0][rounds - counted + r];
      }
      Arrays.sort(own);
      Arrays.sort(ratio);
      results.add(new Result(builds.get(b), own[counted / 2], ratio[counted / 2], ratio[counted / 4],
          ratio[(3 * counted) / 4]));
    }
    return results;
  }

  /** A loader that takes {@code purenet.*} from the build and everything else from the application's loader. */
  private static ClassLoader loader(String classPath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      File f = new File(entry);
      if (!f.exists()) {
        throw new IllegalArgumentException("build class path entry " + entry + " does not exist (in " + classPath + ")");
      }
      try {
        urls.add(f.toURI().toURL());
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    ClassLoader app = Builds.class.getClassLoader();
    return new URLClassLoader(urls.toArray(URL[]::new), app) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("purenet.")) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          return c != null ? c : findClass(name);
        }
      }
    };
  }

  /** The build's own {@link Workload} of this name, seen through this class's view of the record. */
  private static Workload workload(ClassLoader loader, String name) {
    try {
      Object w = loader.loadClass(Workload.class.getName()).getMethod("named", String.class).invoke(null, name);
      Class<?> type = w.getClass();
      @SuppressWarnings("unchecked")
      Supplier<Runnable> factory = (Supplier<Runnable>) type.getMethod("factory").invoke(w);
      return new Workload((String) type.getMethod("name").invoke(w), (String) type.getMethod("title").invoke(w),
          (int) type.getMethod("items").invoke(w), factory);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load workload " + name + " from the build: " + e, e);
    }
  }

  /**
   * Prints one line per build.
   *
   * @param args workload, rounds, seconds per round, then one class path per build
   */
  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: Builds workload rounds seconds classpath1 [classpath2 ...]");
      System.exit(2);
    }
    List<Result> results = compare(args[0], Integer.parseInt(args[1]), Double.parseDouble(args[2]),
        List.of(args).subList(3, args.length));
    System.out.printf("%s, %s rounds of %s s per build, purenet.threads=%s%n", args[0], args[1], args[2],
        System.getProperty("purenet.threads", "default"));
    results.forEach(System.out::println);
  }
}
