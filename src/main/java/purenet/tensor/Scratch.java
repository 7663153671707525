package purenet.tensor;

/**
 * Working arrays that the package's kernels reuse from call to call, one set per thread, so that a
 * matrix product or a convolution allocates (and the JVM zeroes) nothing on its hot path.
 *
 * <p>Why: a fresh array of a few megabytes is zeroed by the JVM and lands on memory that is not in
 * any cache; for a convolution's patch matrix that cost more than the arithmetic. A scratch array
 * never leaves the call that borrowed it: results are always written into fresh arrays, so the
 * immutable tensors of the API never share one. Each {@link Slot} has one user at a time on a
 * thread (a convolution holds {@link Slot#PATCHES} and {@link Slot#PRODUCT} while its products
 * use the packing slots); its contents on entry are unspecified.
 */
final class Scratch {
  /** The roles of the arrays; two kernels that can be active at once on a thread use different slots. */
  enum Slot {
    /** {@link BlockedGemm}'s packed block of op(A). */
    PACKED_A,
    /** {@link BlockedGemm}'s packed panel of op(B). */
    PACKED_B,
    /** {@link BlockedGemm}'s copy of a ragged tile of C. */
    EDGE,
    /** A convolution's patch matrix (im2col) for one group of images. */
    PATCHES,
    /** A convolution's product or gathered gradient for one group of images. */
    PRODUCT
  }

  /**
   * Largest array kept for reuse (8 Mi elements, 64 MiB): a larger request (the patch matrix of one
   * very large image) gets a fresh array that is not kept, so no thread holds on to hundreds of
   * megabytes after one large call.
   */
  static final int KEPT_ELEMENTS = 1 << 23;

  private static final ThreadLocal<double[][]> ARRAYS =
      ThreadLocal.withInitial(() -> new double[Slot.values().length][0]);

  private Scratch() {}

  /**
   * This thread's array for {@code slot}, with at least {@code size} elements of unspecified value;
   * above {@link #KEPT_ELEMENTS}, a fresh array that is not kept.
   *
   * @param slot the role
   * @param size the least length
   * @return the array, grown if needed
   */
  static double[] get(Slot slot, int size) {
    if (size > KEPT_ELEMENTS) {
      return new double[size];
    }
    double[][] arrays = ARRAYS.get();
    int i = slot.ordinal();
    if (arrays[i].length < size) {
      arrays[i] = new double[size];
    }
    return arrays[i];
  }
}
