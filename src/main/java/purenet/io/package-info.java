/**
 * Saving and loading: trees in the safetensors format, atomic writes, fitting a file's tensors into a template.
 *
 * <ul>
 *   <li>{@link purenet.io.Safetensors}: a {@link purenet.tree.Tree} to and from a safetensors file
 *       (Hugging Face's format, readable by PyTorch, JAX and NumPy), one tensor per leaf named by
 *       its path ({@code "0/weight"}), written as F64 (bit for bit) or F32, the caller's choice per
 *       file; reads F64, F32, F16, BF16, I64, I32, I16, I8, U8 and BOOL ({@link purenet.io.Dtype}
 *       states each conversion to double). A strict reader: every malformed, truncated or
 *       inconsistent file is an {@link java.io.IOException} naming the file and the problem, checked
 *       before anything large is allocated. {@link purenet.io.TreeFile} is a file's tree with its
 *       string metadata and each tensor's dtype.</li>
 *   <li>{@link purenet.io.PyTorchWeights}: a PyTorch {@code state_dict} (saved with safetensors)
 *       into a purenet model of the same architecture, and a purenet model out to a file PyTorch
 *       loads with {@code strict=True}; one message lists every missing, unexpected and mis-shaped
 *       entry. {@link purenet.io.PyTorchImport} is the imported model with the unused names.</li>
 *   <li>{@link purenet.io.AtomicFile}: temporary file in the same directory, {@code fsync}, atomic
 *       rename over the target — readers never see a partial file.</li>
 *   <li>{@link purenet.io.Fitting}: puts the tensors of a file into a template tree's structure,
 *       naming every missing, unexpected or mis-shaped path.</li>
 * </ul>
 *
 * <p>Dependencies: {@code Safetensors} and its helpers use only {@code tensor} and {@code tree};
 * {@code PyTorchWeights} also reads the layer packages ({@code layer}, {@code layer.conv},
 * {@code layer.norm}, {@code layer.recurrent}) to know each layer's PyTorch layout. Never
 * {@code train}.
 * Training checkpoints (a whole {@code TrainState} in one safetensors file, and the {@code Fit}
 * callback that writes them) build on this package and live with training, in
 * {@code purenet.train} ({@code Checkpoint}, {@code Checkpoints}).
 */
package purenet.io;
