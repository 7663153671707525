package purenet.tensor;

import java.util.Objects;

/**
 * The run-time configuration of {@link Gemm}, read from two system properties whenever a product
 * uses it (so a value set after start-up applies from then on, and a bad value fails every time it
 * is used, never as a class-initialisation error):
 * <ul>
 *   <li>{@value #THREADS}: a positive integer, the most threads one product may use; default the
 *       number of processors;</li>
 *   <li>{@value #KERNEL}: {@code auto} (default: the Vector API kernel when the module
 *       {@code jdk.incubator.vector} is present, else the scalar one), {@code vector} or
 *       {@code scalar}.</li>
 * </ul>
 * A bad value throws an {@link IllegalArgumentException} naming the property and the value. When
 * {@code auto} falls back to the scalar kernel, {@link VectorAbsence} warns once per process.
 */
final class GemmConfig {
  /** The thread-count property. */
  static final String THREADS = "purenet.threads";
  /** The kernel-choice property. */
  static final String KERNEL = "purenet.gemm";

  private static final VectorAbsence ABSENCE = new VectorAbsence(System.getLogger(Gemm.class.getName()));

  /** The last valid values and what they mean; re-parsed only when a property's text changes. */
  private record Parsed(String threadsText, int threads, String kernelText, MicroKernel kernel) {}

  private static volatile Parsed last = new Parsed("", 0, "", null);

  private GemmConfig() {}

  /** The thread count {@value #THREADS} asks for. */
  static int threads() {
    String text = System.getProperty(THREADS);
    Parsed p = last;
    if (Objects.equals(text, p.threadsText())) {
      return p.threads();
    }
    int threads = parseThreads(text);
    last = new Parsed(text, threads, p.kernelText(), p.kernel());
    return threads;
  }

  /** The micro-kernel {@value #KERNEL} asks for. */
  static MicroKernel kernel() {
    String text = System.getProperty(KERNEL);
    Parsed p = last;
    if (p.kernel() != null && Objects.equals(text, p.kernelText())) {
      return p.kernel();
    }
    MicroKernel kernel = chooseKernel(text, Gemm.loadedVectorKernel(), ABSENCE);
    last = new Parsed(p.threadsText(), p.threads(), text, kernel);
    return kernel;
  }

  /**
   * Parses a value of {@value #THREADS}: null means the number of processors.
   *
   * @throws IllegalArgumentException unless the value is a positive integer
   */
  static int parseThreads(String value) {
    if (value == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int t = Integer.parseInt(value.trim());
      if (t >= 1) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "system property " + THREADS + " must be a positive integer, got \"" + value + "\"");
  }

  /**
   * The kernel for a value of {@value #KERNEL} (null means {@code auto}), given the Vector API
   * kernel or null when its module is absent; {@code auto} without it reports to {@code absence}.
   *
   * @throws IllegalArgumentException for an unknown value, or {@code vector} without the module
   */
  static MicroKernel chooseKernel(String value, MicroKernel vector, VectorAbsence absence) {
    String choice = value == null ? "auto" : value.trim();
    switch (choice) {
      case "auto":
        if (vector == null) {
          absence.report();
          return Gemm.scalarKernel();
        }
        return vector;
      case "scalar":
        return Gemm.scalarKernel();
      case "vector":
        if (vector == null) {
          throw new IllegalArgumentException("system property " + KERNEL + "=\"" + value
              + "\" needs the module jdk.incubator.vector (run java with " + VectorAbsence.FLAG
              + "), but it is absent");
        }
        return vector;
      default:
        throw new IllegalArgumentException(
            "system property " + KERNEL + " must be auto, vector or scalar, got \"" + value + "\"");
    }
  }
}
