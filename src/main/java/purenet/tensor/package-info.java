/**
 * Immutable n-dimensional arrays of doubles ({@link purenet.tensor.Tensor}) and their shapes.
 *
 * <p>This package imports no other purenet package. Its heavy kernels (matrix products) are
 * package-private behind {@code Tensor} and give bit-identical results on any number of threads.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.tensor;
