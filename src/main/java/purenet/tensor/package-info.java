/**
 * Immutable n-dimensional arrays of doubles ({@link purenet.tensor.Tensor}) and their shapes.
 *
 * <p>This package imports no other purenet package. Its heavy kernels (matrix products) are
 * package-private behind {@code Tensor} and give bit-identical results on any number of threads.
 */
package purenet.tensor;
