/**
 * Immutable n-dimensional arrays of doubles ({@link purenet.tensor.Tensor}) and their shapes.
 *
 * <p>This package imports no other purenet package. Its heavy kernels (matrix products,
 * convolutions, pooling, the LSTM recurrence) are package-private behind {@code Tensor},
 * {@code Convolution}, {@code Pooling} and {@code LstmRecurrence}. They split their work into tasks
 * that depend only on the shapes ({@code Parallel}, up to {@code purenet.threads} threads) and give
 * bit-identical results on any number of threads; they reuse per-thread working arrays
 * ({@code Scratch}) instead of allocating on the hot path, and results are always fresh arrays.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.tensor;
