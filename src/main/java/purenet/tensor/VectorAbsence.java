package purenet.tensor;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The once-per-process warning that the Vector API module is absent, so that a missing JVM option
 * never silently costs speed. It goes to a {@link System.Logger} (named {@code purenet.tensor.Gemm}),
 * which users route to their logging framework through {@link System.LoggerFinder}; it is not
 * issued when the user chose the scalar kernel explicitly ({@code -Dpurenet.gemm=scalar}).
 */
final class VectorAbsence {
  /** The JVM option that makes the module present. */
  static final String FLAG = "--add-modules=jdk.incubator.vector";

  /** The warning's text: what is lost and how to get it back or silence it. */
  static final String MESSAGE = "purenet: the Java module jdk.incubator.vector is absent, so matrix products"
      + " (Dense, Conv2d, recurrent layers, Tensor.matmul) use the plain-Java kernel, several times slower for"
      + " large products (a 1024x1024 product: about 8 instead of 50 GFLOP/s per core, measured on AVX-512)."
      + " Start java with " + FLAG + " to use the Vector API kernel, or set -Dpurenet.gemm=scalar to choose"
      + " the scalar kernel explicitly and silence this warning.";

  private final System.Logger logger;
  private final AtomicBoolean reported = new AtomicBoolean();

  /** A reporter that warns through {@code logger}, at most once. */
  VectorAbsence(System.Logger logger) {
    this.logger = logger;
  }

  /** Logs the warning at level WARNING the first time it is called; later calls do nothing. */
  void report() {
    if (reported.compareAndSet(false, true)) {
      logger.log(Level.WARNING, MESSAGE);
    }
  }
}
