package purenet.tensor;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The matrix-multiply kernel: C = op(A)·op(B) with op the identity or the transpose.
 *
 * <p>A is m×k (stored k×m when transposed), B is k×n (stored n×k when transposed), C is m×n and
 * overwritten; all row-major, starting at the given offsets.
 *
 * <p><b>Blocking</b> (GotoBLAS, see {@link BlockedGemm}). C is cut into panels of up to
 * {@value BlockedGemm#NC} columns and the depth k into blocks of up to {@value BlockedGemm#KC};
 * for each depth block a kc×nc panel of op(B) is packed (L3), then for each block of up to
 * {@value BlockedGemm#MC} rows an mc×kc block of op(A) is packed (L2). Packing ({@link Pack})
 * copies them into contiguous slivers, which absorbs the transposes. A {@link MicroKernel} then
 * updates each register tile of C from one sliver of A and one of B (the B sliver is reused
 * from L1). The micro-kernel is {@link VectorGemm} (Vector API, fused multiply-add, 8 rows × 2
 * vectors) when the module {@code jdk.incubator.vector} is present at run time, else
 * {@link ScalarGemm} (4 × 4 doubles); the system property {@code purenet.gemm} ({@code auto},
 * {@code vector}, {@code scalar}) overrides the choice.
 *
 * <p><b>Threads.</b> Products of at least {@value #PARALLEL_MIN_FLOPS} flops (2mnk) are split
 * into {@code purenet.threads} (default: the number of processors) bands of whole tiles of rows
 * or of columns of C, whichever divides more evenly, computed in parallel: the caller computes
 * one band, a dedicated pool of daemon threads the others.
 *
 * <p><b>Results are bit-identical for any number of threads</b>, because a band only selects
 * which elements of C a thread computes, never how. C starts at zero, every tile accumulates
 * into C, and the depth blocks are visited in order, so every element is the single chain
 * {@code c = madd(a[i][p], b[p][j], c)} for p = 0, 1, ..., k-1, with the kernel's multiply-add
 * ({@code Math.fma} for the vector kernel, {@code c + a·b} for the scalar one). A tile at a ragged
 * edge is computed in full on a copy and cropped, so no element's arithmetic depends on where its
 * tile falls. The same argument makes each element independent of the block sizes and of the
 * other rows of A and columns of B in the product: a row of a batch comes out the same whatever
 * the batch.
 */
final class Gemm {
  /** Products below this many flops (2mnk) stay on the calling thread. */
  static final long PARALLEL_MIN_FLOPS = 4L << 20;

  private static final MicroKernel SCALAR = new ScalarGemm();
  private static final MicroKernel VECTOR = loadVector();
  private static final MicroKernel DEFAULT = chooseKernel(System.getProperty("purenet.gemm", "auto"));
  private static final int THREADS = threads(System.getProperty("purenet.threads"));

  private Gemm() {}

  /** C = op(A)·op(B) with the default kernel and thread count. */
  static void multiply(int m, int n, int k, double[] a, int aOff, boolean transA,
      double[] b, int bOff, boolean transB, double[] c, int cOff) {
    multiply(DEFAULT, THREADS, m, n, k, a, aOff, transA, b, bOff, transB, c, cOff);
  }

  /** C = op(A)·op(B) with the given micro-kernel, split over at most {@code threads} threads. */
  static void multiply(MicroKernel kernel, int threads, int m, int n, int k, double[] a, int aOff,
      boolean transA, double[] b, int bOff, boolean transB, double[] c, int cOff) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      Arrays.fill(c, cOff, cOff + m * n, 0.0);
      return;
    }
    int tilesM = ceilDiv(m, kernel.mr());
    int tilesN = ceilDiv(n, kernel.nr());
    int tasks = 2L * m * n * k < PARALLEL_MIN_FLOPS ? 1 : Math.min(threads, Math.max(tilesM, tilesN));
    if (tasks <= 1) {
      BlockedGemm.run(kernel, m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, 0, m, 0, n);
      return;
    }
    // Split the dimension that divides into the most even bands of whole tiles.
    boolean byColumns = balance(tilesN, tasks) >= balance(tilesM, tasks);
    int unit = byColumns ? kernel.nr() : kernel.mr();
    int length = byColumns ? n : m;
    int per = ceilDiv(byColumns ? tilesN : tilesM, tasks) * unit;
    int bands = ceilDiv(length, per);
    ForkJoinTask<?>[] others = new ForkJoinTask<?>[bands - 1];
    for (int t = 1; t < bands; t++) {
      int from = t * per;
      int to = Math.min(length, from + per);
      Runnable band = byColumns
          ? () -> BlockedGemm.run(kernel, m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, 0, m, from, to)
          : () -> BlockedGemm.run(kernel, m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, from, to, 0, n);
      others[t - 1] = Pool.POOL.submit(band);
    }
    if (byColumns) {
      BlockedGemm.run(kernel, m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, 0, m, 0, per);
    } else {
      BlockedGemm.run(kernel, m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, 0, per, 0, n);
    }
    for (ForkJoinTask<?> f : others) {
      f.join();
    }
  }

  /** The kernel chosen at start-up. */
  static MicroKernel defaultKernel() {
    return DEFAULT;
  }

  /** The portable scalar kernel. */
  static MicroKernel scalarKernel() {
    return SCALAR;
  }

  /** The Vector API kernel, or the scalar one when the module is absent. */
  static MicroKernel vectorKernel() {
    return VECTOR == null ? SCALAR : VECTOR;
  }

  /** Whether the Vector API kernel could be loaded. */
  static boolean vectorAvailable() {
    return VECTOR != null;
  }

  /** The default number of threads ({@code purenet.threads}). */
  static int defaultThreads() {
    return THREADS;
  }

  /** The fraction of {@code tasks} bands' capacity used when {@code tiles} are dealt out evenly. */
  private static double balance(int tiles, int tasks) {
    return (double) tiles / (ceilDiv(tiles, tasks) * tasks);
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  private static MicroKernel loadVector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      // By name, so that this class never links against the incubator module when it is absent.
      return (MicroKernel) Class.forName("purenet.tensor.VectorGemm").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  private static MicroKernel chooseKernel(String choice) {
    switch (choice) {
      case "auto":
        return VECTOR == null ? SCALAR : VECTOR;
      case "scalar":
        return SCALAR;
      case "vector":
        if (VECTOR == null) {
          throw new IllegalStateException(
              "purenet.gemm=vector needs the module jdk.incubator.vector (run java with"
                  + " --add-modules=jdk.incubator.vector), but it is absent");
        }
        return VECTOR;
      default:
        throw new IllegalArgumentException("purenet.gemm must be auto, vector or scalar, got " + choice);
    }
  }

  private static int threads(String value) {
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
    throw new IllegalArgumentException("purenet.threads must be a positive integer, got " + value);
  }

  /** The worker threads, created on first use; the caller computes one band itself. */
  private static final class Pool {
    static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, THREADS - 1));
  }
}
