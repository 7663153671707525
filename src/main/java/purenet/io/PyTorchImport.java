package purenet.io;

import io.vavr.collection.Vector;
import purenet.layer.Layer;

/**
 * The result of importing a PyTorch {@code state_dict}: the model with the file's weights, and the
 * names in the file that purenet has no use for.
 *
 * @param model  the model, of the architecture it was imported into, with PyTorch's weights
 * @param unused the file's entries that were read but not used, such as BatchNorm's
 *               {@code num_batches_tracked}; empty when every entry was used
 */
public record PyTorchImport(Layer model, Vector<String> unused) {

  /**
   * Rejects nulls.
   *
   * @param model the model, of the architecture it was imported into, with PyTorch's weights
   * @param unused the file's entries that were read but not used, such as BatchNorm's {@code num_batches_tracked}; empty when every entry was used
   */
  public PyTorchImport {
    if (model == null || unused == null) {
      throw new IllegalArgumentException("a PyTorchImport needs a model and the unused names, got " + model + ", "
          + unused);
    }
  }
}
