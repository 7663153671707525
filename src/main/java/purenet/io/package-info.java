/**
 * Saving and loading: trees in the safetensors format, atomic writes, training checkpoints.
 *
 * <ul>
 *   <li>{@link purenet.io.Safetensors}: a {@link purenet.tree.Tree} to and from a safetensors file
 *       (Hugging Face's format, readable by PyTorch, JAX and NumPy), one F64 tensor per leaf named by
 *       its path ({@code "0/weight"}), bit for bit; reads F64 and F32. A strict reader: every
 *       malformed, truncated or inconsistent file is an {@link java.io.IOException} naming the file
 *       and the problem, checked before anything large is allocated. {@link purenet.io.TreeFile} is
 *       a file's tree with its string metadata.</li>
 *   <li>{@link purenet.io.AtomicFile}: temporary file in the same directory, {@code fsync}, atomic
 *       rename over the target — readers never see a partial file.</li>
 *   <li>{@link purenet.io.Checkpoint}: a whole {@link purenet.train.TrainState} (parameters, layer
 *       state, optimizer state, step, key) as one safetensors file, restored into a model of the
 *       same architecture so that training resumes bit for bit.</li>
 *   <li>{@link purenet.io.Checkpoints}: the {@link purenet.train.EpochCallback} that saves
 *       checkpoints during {@link purenet.train.Fit}: every n epochs keeping the last k, and/or the
 *       best by a metric.</li>
 * </ul>
 *
 * <p>Dependencies: {@code Safetensors}, {@code TreeFile} and {@code AtomicFile} use only
 * {@code tensor} and {@code tree}; {@code Checkpoint} and {@code Checkpoints} save and restore
 * training states, so they build on {@code purenet.train} (and {@code train} does not import
 * {@code io}).
 */
package purenet.io;
