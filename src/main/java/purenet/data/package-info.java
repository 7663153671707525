/**
 * Data sets and the readers of the real ones.
 *
 * <ul>
 *   <li>{@link purenet.data.Dataset}: features and labels with keyed shuffling, batching and
 *       splitting.
 *   <li>{@link purenet.data.Idx}: the IDX format of MNIST (raw or gzip), with
 *       {@link purenet.data.IdxType} and {@link purenet.data.IdxHeader}.
 *   <li>{@link purenet.data.Csv} and {@link purenet.data.Table}: numeric CSV files.
 *   <li>{@link purenet.data.Mnist}: MNIST and Fashion-MNIST; {@link purenet.data.Tabular}:
 *       scikit-learn's iris, wine, breast cancer, digits and diabetes files.
 *   <li>{@link purenet.data.SyntheticDigits}: a generated MNIST-like stand-in (not MNIST) for
 *       when the real files are absent.
 *   <li>{@link purenet.data.TextCorpus}: a text as indices of a {@link purenet.data.Vocabulary} of
 *       characters, cut by {@link purenet.data.TextStreams} into the one-hot (batch, time, V) chunks of
 *       truncated backpropagation through time (Moby Dick for character-level language models).
 *   <li>{@code purenet.data.augmentation}: random label-preserving image transformations
 *       (affine, flips, crops, noise, blur, changed pixels, elastic deformation) for training
 *       batches.
 *   <li>{@link purenet.data.DataHome}: where {@code scripts/fetch-data.sh} puts the files
 *       ({@code data/} at the repository root by default).
 * </ul>
 *
 * <p>Readers throw {@link java.io.IOException}s whose messages name the file (and line), what was
 * expected and what was found; loaders of whole data sets return a {@link io.vavr.control.Try}
 * that fails the same way, or names the missing file and how to fetch it.
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.data;
